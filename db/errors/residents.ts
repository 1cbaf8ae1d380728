import type { ErrorEntry } from './index.js';

/**
 * Residents at the kiosk (issues 11.5, 12): proving who you are after a phone number, the lookup
 * limit per terminal, registering twice, taking a departure back.
 */
export const residentsErrors = {
  RESIDENT_PROOF_NEEDED: {
    status: 401,
    zh: '为了保护您的信息，请输入您的出生年份，或扫描服务卡。',
    en: 'To protect your details, please enter your year of birth, or scan your service card.',
  },
  RESIDENT_PROOF_WRONG: {
    status: 401,
    zh: '出生年份不对，请再输入一次，或扫描服务卡，或到服务台办理。',
    en: 'That year of birth does not match. Please try again, scan your service card, or go to the front desk.',
  },
  RESIDENT_PROOF_LOCKED: {
    status: 429,
    zh: '核对次数过多，为保护您的信息暂时不能用手机号办理。请扫描服务卡，或到服务台请工作人员帮您办理。',
    en: 'Too many tries. For your safety the mobile number cannot be used for a while. Please scan your service card or go to the front desk.',
  },
  KIOSK_LOOKUP_LIMITED: {
    status: 429,
    zh: '本机查询次数过多，请 {seconds} 秒后再试；也可以扫描服务卡，或到服务台办理。',
    en: 'Too many look-ups on this kiosk. Please try again in {seconds} seconds, scan your service card, or go to the front desk.',
  },
  RESIDENT_ALREADY_REGISTERED: {
    status: 409,
    zh: '您填写的手机号或身份证号已经登记过了。请扫描服务卡报到，或到服务台请工作人员帮您核对。',
    en: 'This mobile number or ID number is already registered. Please check in with your service card, or ask at the front desk.',
  },
  UNDO_EXPIRED: {
    status: 409,
    zh: '已超过可以撤销的时间。如需更正，请到服务台。',
    en: 'It is too late to undo this. Please ask at the front desk to correct it.',
  },
} as const satisfies Record<string, ErrorEntry>;

/** Field messages of resident forms that say exactly what is wrong. */
export const residentsFieldMessages = {
  phoneRequired: { zh: '请输入您的手机号（11 位数字）。', en: 'Please enter your mobile number (11 digits).' },
  phoneLength: { zh: '手机号是 11 位数字，现在的位数不对，请核对。', en: 'A mobile number has 11 digits; this one has a different number of digits. Please check it.' },
  phonePrefix: { zh: '手机号应以 13 到 19 开头，请核对第一、二位。', en: 'A mobile number starts with 13 to 19. Please check the first two digits.' },
  residentNameShort: { zh: '请填写姓名（至少 2 个字）。', en: 'Please enter the name (at least 2 characters).' },
  residentNameLong: { zh: '姓名最多 30 个字，请核对，或请工作人员帮您登记。', en: 'The name can have at most 30 characters. Please check it, or ask the staff.' },
  idLast4: { zh: '请输入身份证号的最后 4 位（最后一位可能是 X）。', en: 'Please enter the last 4 characters of your ID number (the last may be X).' },
  birthYearProof: { zh: '请输入 4 位出生年份，例如 1956。', en: 'Please enter your 4-digit year of birth, e.g. 1956.' },
} as const satisfies Record<string, { zh: string; en: string }>;
