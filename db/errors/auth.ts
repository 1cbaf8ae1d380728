import type { ErrorEntry } from './index.js';

/** Pairing, sign-in and staff accounts (issue 11 points 2–3, issue 15 point 7). */
export const authErrors = {
  PAIRING_THROTTLED: {
    status: 429,
    zh: '本设备输错配对码的次数太多，请 {seconds} 秒后再试，或请工作人员重新生成配对码。',
    en: 'Too many wrong pairing codes from this device. Please try again in {seconds} seconds, or ask the staff for a new code.',
  },
  PAIRING_CODE_STOPPED: {
    status: 401,
    zh: '这个配对码因多次输错已作废，请向工作人员重新获取。',
    en: 'This pairing code was stopped after too many wrong tries. Please ask the staff for a new one.',
  },
  PIN_RESET_REQUIRED: {
    status: 409,
    zh: '管理员已重置您的密码，请设置一个新密码后登录。',
    en: 'The manager has reset your PIN. Please choose a new PIN to sign in.',
  },
  PIN_NOT_RESET: { status: 409, zh: '这个账号的密码没有被重置，请直接输入密码登录。', en: 'This PIN has not been reset. Please sign in with your PIN.' },
  RECOVERY_CODE_WRONG: {
    status: 401,
    zh: '恢复码不正确，请核对抄下或打印的恢复码（还可以再试 {remaining} 次）。',
    en: 'The recovery code is wrong. Please check the code you wrote down or printed ({remaining} tries left).',
  },
  RECOVERY_LOCKED: {
    status: 429,
    zh: '恢复码输错次数过多，请 {seconds} 秒后再试。',
    en: 'Too many wrong recovery codes. Please try again in {seconds} seconds.',
  },
  STAFF_LAST_MANAGER: {
    status: 409,
    zh: '“{name}”是最后一位在用的管理员，不能停用或改为工作人员。请先添加或启用另一位管理员。',
    en: '"{name}" is the last active manager and cannot be disabled or made staff. Add or enable another manager first.',
  },
  STAFF_DISABLED: { status: 409, zh: '这个账号已停用，请联系管理员。', en: 'This account is disabled. Please ask the manager.' },
} as const satisfies Record<string, ErrorEntry>;

export const authFieldMessages = {
  recoveryCode: {
    zh: '恢复码是 16 位字母和数字（可带横线），请对照抄下或打印的恢复码输入。',
    en: 'The recovery code is 16 letters and digits (dashes allowed). Type it as written or printed.',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
