import type { ErrorEntry } from './index.js';

/** 好差评 at the counter (issue 17.5). */
export const ratingsErrors = {
  RATING_TICKET_UNKNOWN: { status: 404, zh: '没有找到这张号票，请核对后再试，或请工作人员帮助。', en: 'This ticket was not found. Please check it or ask the staff.' },
  RATING_NOT_FINISHED: { status: 409, zh: '{code} 号还没有办结，办结后才能评价。', en: 'Ticket {code} is not finished yet; it can be rated once it is done.' },
  RATING_ALREADY: {
    status: 409,
    zh: '{code} 号已经评价过了，每次服务只能评价一次，感谢您的评价。',
    en: 'Ticket {code} has already been rated; each service is rated once. Thank you.',
  },
  RATING_EXPIRED: {
    status: 409,
    zh: '{code} 号的评价时间已过，如有意见请到服务台反映。',
    en: 'The time to rate ticket {code} has passed. Please tell the front desk if you have a comment.',
  },
  RATING_WRONG_COUNTER: {
    status: 403,
    zh: '{code} 号不是在本窗口办理的，请在办理窗口的评价器上评价。',
    en: 'Ticket {code} was not served at this counter. Please rate it on the rating tablet of that counter.',
  },
  RATING_OWN_SERVICE: { status: 403, zh: '工作人员不能评价自己办理的服务，请由居民本人评价。', en: 'Staff cannot rate a service they gave. Please let the resident rate it.' },
  RATING_STAFF_DEVICE: {
    status: 403,
    zh: '工作人员的窗口电脑不能提交评价，请在评价器或自助机上评价。',
    en: 'A staff counter cannot submit ratings. Please use the rating tablet or the kiosk.',
  },
  RATING_REASON_REQUIRED: {
    status: 400,
    zh: '选择“不满意”或“非常不满意”时，请选一个原因或写几句话，方便我们改进。',
    en: 'For "dissatisfied" or "very dissatisfied", please pick a reason or write a few words so we can improve.',
  },
  RATING_NO_FOLLOW_UP: { status: 409, zh: '这条评价不是差评，不需要回访。', en: 'This rating is not a bad one; it needs no follow-up.' },
  RATING_FOLLOW_UP_DONE: { status: 409, zh: '这条差评已经回访过了。', en: 'This bad rating has already been followed up.' },
} as const satisfies Record<string, ErrorEntry>;

export const ratingsFieldMessages = {
  raterCounter: { zh: '评价器请选择它所在的窗口。', en: 'Choose the counter this rating tablet stands at.' },
  ratingReasonText: { zh: '原因请不超过 200 个字。', en: 'The reason must be at most 200 characters.' },
  followUpNote: { zh: '请写明回访情况（2 到 300 个字）。', en: 'Please describe the follow-up (2 to 300 characters).' },
} as const satisfies Record<string, { zh: string; en: string }>;
