import type { ErrorEntry } from './index.js';

/** 时间银行 (issue 18.7): volunteers, hours, the points ledger and the 爱心超市. */
export const volunteeringErrors = {
  VOL_RESIDENT_UNKNOWN: {
    status: 404,
    zh: '没有找到这张服务卡或这位居民，请核对卡号或先办理报到登记。',
    en: 'No resident has this card or number. Please check it, or register the resident first.',
  },
  VOL_RESIDENT_INACTIVE: {
    status: 409,
    zh: '这位居民的档案已注销或已合并，不能再记工时或兑换积分。',
    en: "This resident's record has been erased or merged; hours and points can no longer be recorded.",
  },
  VOL_SKILL_NOT_INTEREST: {
    status: 400,
    zh: '“{skill}”不在这位居民登记的兴趣里，请先在居民档案中勾选该兴趣。',
    en: '"{skill}" is not among this resident\'s interests. Please tick it in the resident\'s profile first.',
  },
  VOL_NOT_VOLUNTEER: { status: 409, zh: '这位居民还不是志愿者，请先登记为志愿者。', en: 'This resident is not a volunteer yet. Please register them as one first.' },
  VOL_VOLUNTEER_INACTIVE: {
    status: 409,
    zh: '这位志愿者已停用，请先改回“在岗”再补记工时。',
    en: 'This volunteer is marked inactive. Please set them active again before adding hours.',
  },
  VOL_MINUTES_INVALID: {
    status: 400,
    zh: '工时应为 1 分钟到 24 小时之间的整分钟数，请核对活动时长。',
    en: "Hours must be a whole number of minutes between 1 minute and 24 hours. Please check the activity's length.",
  },
  VOL_CREDIT_MISMATCH: {
    status: 409,
    zh: '这次签到（{attendanceId}）已经记过工时，但居民或时长与这次不同，请联系技术人员核对。',
    en: 'This attendance ({attendanceId}) was already credited, with a different resident or length. Please ask the technician to check.',
  },
  VOL_CREDIT_DECIDED: { status: 409, zh: '这条工时申请已经审批过（{status}），不能再次审批。', en: 'This hours request has already been decided ({status}).' },
  VOL_WORKED_IN_FUTURE: { status: 400, zh: '服务日期不能晚于今天，请重新选择。', en: 'The day of service cannot be later than today. Please choose again.' },
  VOL_ITEM_EXISTS: { status: 409, zh: '已经有名为“{name}”的兑换物品，请换一个名称。', en: 'There is already an item called "{name}". Please choose another name.' },
  VOL_ITEM_UNKNOWN: { status: 404, zh: '没有找到这件兑换物品，请刷新后再选。', en: 'This item was not found. Please refresh and choose again.' },
  VOL_ITEM_INACTIVE: { status: 409, zh: '“{name}”已下架，暂不能兑换。', en: '"{name}" is no longer offered.' },
  VOL_STOCK_SHORT: { status: 409, zh: '“{name}”库存只剩 {stock} 件，不够兑换 {quantity} 件。', en: 'Only {stock} of "{name}" left; {quantity} cannot be handed out.' },
  VOL_BALANCE_SHORT: {
    status: 409,
    zh: '积分不够：这次兑换需要 {needed} 分，您现在的余额是 {balance} 分。',
    en: 'Not enough points: this needs {needed} points and the balance is {balance}.',
  },
  VOL_MEAL_NO_STOCK: { status: 400, zh: '餐食不计库存，请不要填写库存数量。', en: 'Meals have no stock; please leave the stock empty.' },
  VOL_TXN_UNKNOWN: { status: 404, zh: '没有找到这笔积分记录。', en: 'This points record was not found.' },
  VOL_TXN_REVERSED: { status: 409, zh: '这笔积分记录已经撤销过了。', en: 'This points record has already been reversed.' },
  VOL_TXN_NOT_REVERSIBLE: { status: 409, zh: '撤销记录本身不能再撤销；如有错误，请重新记一笔。', en: 'A reversal cannot itself be reversed; record a new entry instead.' },
  VOL_REVERSAL_BALANCE: {
    status: 409,
    zh: '撤销后该居民的积分会变成负数（现有 {balance} 分，需扣回 {amount} 分），不能撤销。',
    en: 'Reversing would make the balance negative ({balance} now, {amount} to take back).',
  },
  VOL_LEDGER_UNBALANCED: {
    status: 500,
    zh: '积分记账借贷不平，已取消本次操作，请联系技术人员。',
    en: 'The points entries do not balance; nothing was recorded. Please contact the technician.',
  },
  VOL_STATEMENT_ANONYMISED: { status: 409, zh: '这个积分账户已匿名处理，不能再打印对账单。', en: 'This points account has been anonymised; no statement can be printed.' },
} as const satisfies Record<string, ErrorEntry>;

export const volunteeringFieldMessages = {
  volMinutes: { zh: '工时请填 1 分钟到 24 小时之间的整分钟数。', en: 'Please give a whole number of minutes between 1 and 1440.' },
  volReason: { zh: '请写明补记工时的原因（2 到 200 个字）。', en: 'Please give the reason for the manual credit (2 to 200 characters).' },
  volDecisionNote: { zh: '说明最多 200 个字；驳回时请写明原因（至少 2 个字）。', en: 'At most 200 characters; a rejection needs a reason (at least 2).' },
  volSkills: { zh: '请从居民登记的兴趣中选择特长。', en: "Please choose skills from the resident's interests." },
  volItemName: { zh: '物品名称应为 1 到 30 个字。', en: 'The item name must be 1 to 30 characters.' },
  volPrice: { zh: '所需积分应为 1 到 100000 之间的整数。', en: 'The price must be a whole number of points from 1 to 100000.' },
  volStock: { zh: '库存应为 0 到 100000 之间的整数。', en: 'The stock must be a whole number from 0 to 100000.' },
  volQuantity: { zh: '数量应为 1 到 99 之间的整数。', en: 'The quantity must be a whole number from 1 to 99.' },
  volLines: { zh: '请至少选择一件兑换物品，每件只列一次。', en: 'Please choose at least one item, each listed once.' },
  volPointsPerHour: { zh: '每小时积分应为 1 到 1000 之间的整数。', en: 'Points per hour must be a whole number from 1 to 1000.' },
  volTiers: { zh: '星级门槛应为 5 个从小到大的小时数（1 到 100000）。', en: 'Star tiers need 5 increasing numbers of hours (1 to 100000).' },
  volRollSize: { zh: '光荣榜人数应为 3 到 20 之间的整数。', en: 'The honour roll shows 3 to 20 people.' },
} as const satisfies Record<string, { zh: string; en: string }>;
