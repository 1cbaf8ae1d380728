import type { ErrorEntry } from './index.js';

/** Queue, loans and printing codes added with issue 12 (and 11.5's ticket rate limit). */
export const queueLoansErrors = {
  QUEUE_TAKE_TOO_FAST: {
    status: 429,
    zh: '这台取号机刚刚取号次数太多，请等 {seconds} 秒后再取号；着急的话请到服务台。',
    en: 'Too many tickets were taken at this kiosk just now. Please wait {seconds} seconds, or ask at the desk.',
  },
  QUEUE_CARD_TOO_LATE: {
    status: 409,
    zh: '这个号已经不能再用服务卡改为优先，请到服务台说明。',
    en: 'This ticket can no longer be given priority with a card. Please ask at the desk.',
  },
  LOAN_KEEP_NEEDS_REASON: {
    status: 400,
    zh: '扣下押金 {kept} 时，请在“说明”里写明原因（例如：扶手断裂，维修费）。',
    en: 'Please write the reason in the note when keeping {kept} of the deposit (e.g. broken armrest, repair cost).',
  },
  LOAN_RESERVE_DATE_PASSED: {
    status: 409,
    zh: '{date} 已经过去了，请选择今天或以后的日期。',
    en: '{date} has already passed. Please choose today or a later date.',
  },
} as const satisfies Record<string, ErrorEntry>;
