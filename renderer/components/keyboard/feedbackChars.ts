/**
 * Characters for what residents say in their own words — a 好差评 reason, a 金点子, a request: the
 * everyday words of service, waiting, rooms and activities (等候太久, 态度很好, 增加一个书架, 周末开放).
 * Offered first in the 'feedback' charset, before the address and name characters.
 */
export const feedbackChars =
  // function words and everyday verbs
  '的一是不了在有人我他她们这那个上下来去到说要会能可以好很太也都还就没想看做用让给把被对和与跟从向再又才只更最多少些点' +
  '等候排队慢快久早晚时间分钟天周末月年今明昨每次回问题解决办理服务态度热情耐心清楚明白麻烦手续材料证件复印签字' +
  '满意差评价感谢谢帮助希望建议意见提出增加减少改进改善开放关闭延长缩短安排组织举办活动讲座课程比赛健身锻炼跳舞唱歌下棋' +
  '书架报纸杂志电视电脑网络手机充电插座桌椅凳子沙发空调暖气热水开水饮水机厕所卫生间洗手干净脏乱噪音吵安静灯光' +
  '门窗台阶扶手坡道电梯楼梯轮椅拐杖老人年纪身体腿脚眼睛耳朵看病医生护士药量血压体检' +
  '吃饭食堂菜饭汤便宜贵价格钱免费收费停车车位公交地铁出租车路线远近方便不便' +
  '工作人员窗口前台经理站长负责联系电话通知告诉说明解释听见听不清字大字小' +
  '新旧坏修换买卖送借还丢找失物招领垃圾分类绿化花草树晒太阳散步休息等待座位' +
  '非常特别比较一般还行需要应该能否是否可不可以如果因为所以但是而且或者然后已经正在马上尽快及时准时按时';
