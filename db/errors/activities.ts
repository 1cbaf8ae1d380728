import type { ErrorEntry } from './index.js';

/** 活动报名与场地预约 (issue 18). Every refusal names the rule or the clash in plain words. */
export const activitiesErrors = {
  ROOM_NAME_TAKEN: { status: 409, zh: '已经有名为“{name}”的场地，请换一个名称。', en: 'There is already a room called "{name}". Please choose another name.' },
  ROOM_INACTIVE: { status: 409, zh: '“{room}”已停用，不能预约，请选择其他场地。', en: '"{room}" is no longer in use. Please choose another room.' },
  ROOM_CLOSED: {
    status: 409,
    zh: '“{room}”在{day} {from}–{to} 不开放（当天开放时间：{hours}），请换个时间。',
    en: '"{room}" is not open on {day} {from}-{to} (open that day: {hours}). Please choose another time.',
  },
  ROOM_BOOKED: {
    status: 409,
    zh: '“{room}”在 {from}–{to} 已有安排：{what}，请换个时间或场地。',
    en: '"{room}" is already taken {from}-{to}: {what}. Please choose another time or room.',
  },
  ROOM_OVER_CAPACITY: {
    status: 409,
    zh: '“{room}”最多容纳 {capacity} 人，这次是 {people} 人，请换一个更大的场地或减少人数。',
    en: '"{room}" holds at most {capacity} people; this is {people}. Choose a larger room or fewer people.',
  },
  ROOM_TYPE_NOT_ALLOWED: {
    status: 409,
    zh: '“{room}”不能举办“{type}”，这里可以举办：{types}。',
    en: '"{room}" cannot host "{type}"; it can host: {types}.',
  },
  ROOM_SLOT_TOO_LONG: { status: 400, zh: '一次预约不能跨天，请在同一天内选择开始和结束时间。', en: 'A booking cannot run past one day. Choose a start and end on the same day.' },
  BOOKING_NOT_ACTIVE: { status: 409, zh: '这条预约已经取消了。', en: 'This booking has already been cancelled.' },
  ACTIVITY_CANCELLED: { status: 409, zh: '“{title}”已经取消，不能报名。', en: '"{title}" has been cancelled; sign-ups are closed.' },
  ACTIVITY_SIGNUP_NOT_OPEN: { status: 409, zh: '“{title}”从 {opens} 开始报名，请到时候再来。', en: 'Sign-ups for "{title}" open at {opens}. Please come back then.' },
  ACTIVITY_SIGNUP_CLOSED: { status: 409, zh: '“{title}”的报名已于 {closes} 截止。', en: 'Sign-ups for "{title}" closed at {closes}.' },
  ACTIVITY_ALREADY_SIGNED_UP: {
    status: 409,
    zh: '您已经报名了“{title}”（{state}），不用重复报名。',
    en: 'You are already signed up for "{title}" ({state}); no need to sign up again.',
  },
  ACTIVITY_RULE_AGE: {
    status: 409,
    zh: '“{title}”只限 {age} 岁及以上的居民参加。按出生年份，您今年 {yourAge} 岁，暂时不能报名。',
    en: '"{title}" is for residents aged {age} and over. By your birth year you are {yourAge} this year, so you cannot sign up yet.',
  },
  ACTIVITY_RULE_AGE_UNKNOWN: {
    status: 409,
    zh: '“{title}”只限 {age} 岁及以上的居民参加，您的登记里没有出生年份，请到服务台补充后再报名。',
    en: '"{title}" is for residents aged {age} and over, and your record has no birth year. Please ask the front desk to add it.',
  },
  ACTIVITY_RULE_PARTY: {
    status: 409,
    zh: '“{title}”是流动党员的活动，您的登记里不是党员。如有误请到服务台修改。',
    en: '"{title}" is for party members, and your record does not say you are one. Ask the front desk if this is wrong.',
  },
  ACTIVITY_RULE_IN_TOWN: {
    status: 409,
    zh: '“{title}”只限正在本地居住的居民报名，请先办理报到登记。',
    en: '"{title}" is for residents staying here now. Please check in first.',
  },
  ACTIVITY_RULE_SEASON: {
    status: 409,
    zh: '“{type}”每个季度（{season}）每人只能参加一次，您已经报名了“{other}”。',
    en: '"{type}" is once per season ({season}) per person, and you are already signed up for "{other}".',
  },
  ACTIVITY_SIGNUP_NOT_YOURS: { status: 404, zh: '没有找到您的这条报名，请重新扫卡查看。', en: 'This sign-up was not found for your card. Please scan again.' },
  ACTIVITY_SIGNUP_NOT_LIVE: { status: 409, zh: '这条报名已经取消了。', en: 'This sign-up has already been cancelled.' },
  ACTIVITY_SIGNUP_ATTENDED: { status: 409, zh: '已经签到的报名不能取消。', en: 'A sign-up that has checked in cannot be cancelled.' },
  ACTIVITY_ALREADY_CHECKED_IN: { status: 409, zh: '{name} 已经在 {time} 签到过了，不用重复签到。', en: '{name} already checked in at {time}.' },
  ACTIVITY_NOT_SIGNED_UP: {
    status: 409,
    zh: '{name} 没有报名这个活动。现在还有 {left} 个名额，可以点“准许入场”。',
    en: '{name} has not signed up for this activity. {left} place(s) remain: press "Admit".',
  },
  ACTIVITY_NO_PLACE_AT_DOOR: {
    status: 409,
    zh: '{name} 没有报名（或在候补中），名额已满，不能临时入场。',
    en: '{name} has no confirmed place and the activity is full; they cannot be admitted.',
  },
  ACTIVITY_CHECKIN_CLOSED: {
    status: 409,
    zh: '现在不能签到：签到从活动开始前 1 小时到结束，“{title}”的时间是 {when}。',
    en: 'Check-in is open from 1 hour before the start until the end; "{title}" is {when}.',
  },
  ACTIVITY_CAPACITY_TOO_SMALL: {
    status: 409,
    zh: '已有 {confirmed} 人报名成功，名额不能少于这个数。如确需减少，请先为部分居民取消报名。',
    en: '{confirmed} people already have a place; the capacity cannot be lower. Cancel some sign-ups first.',
  },
} as const satisfies Record<string, ErrorEntry>;

export const activitiesFieldMessages = {
  roomHours: { zh: '开放时间应写成 08:30–11:30 这样的时段，结束要晚于开始。', en: 'Opening hours are ranges like 08:30-11:30; the end must be after the start.' },
  roomTypes: { zh: '请至少选择一种可以举办的活动类型。', en: 'Choose at least one activity type the room can host.' },
  activityTitle: { zh: '活动名称应为 2 到 40 个字。', en: 'The title must be 2 to 40 characters.' },
  activityTime: { zh: '请填写开始和结束时间，结束要晚于开始。', en: 'Enter a start and an end; the end must be after the start.' },
  activityPlace: { zh: '请选择一个场地，或填写室外/外部地点。', en: 'Choose a room, or enter an outside place.' },
  capacity: { zh: '名额应为 0 到 2000 之间的整数（0 表示只接受候补）。', en: 'The capacity must be a whole number from 0 to 2000 (0 = waitlist only).' },
  people: { zh: '人数应为 1 到 2000 之间的整数。', en: 'The number of people must be a whole number from 1 to 2000.' },
  groupName: { zh: '请填写团体名称（1 到 40 个字），例如 书画社、第三党支部。', en: 'Enter the group name (1 to 40 characters), e.g. Calligraphy club.' },
  signupWindow: { zh: '报名截止要晚于报名开始。', en: 'Sign-ups must close after they open.' },
} as const satisfies Record<string, { zh: string; en: string }>;
