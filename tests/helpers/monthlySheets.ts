/**
 * The sheets of the monthly pack (月度报表) in order, as issue 15 names them, then the sheets the later
 * domains add (requests, ratings, 金点子, activities, time bank). One list for the unit test that reads
 * the file back and the e2e test that downloads it.
 */
export const MONTHLY_SHEETS = ['汇总', '来离明细', '来源地', '年龄结构', '住宿', '物资借用', '押金台账', '排队统计', '接诉即办', '好差评', '金点子', '活动统计', '时间银行'];
