import type { ErrorEntry } from './index.js';

/** Records that stay whole: merged or erased residents at the loan desk, the ID key's recovery code, backups (issues 11.6, 12.16–20, 13.11). */
export const recordsErrors = {
  LOAN_RESIDENT_MERGED: {
    status: 409,
    zh: '这份登记已合并到另一份登记，不能借用或预约。请扫描这位居民的服务卡或重新查找。',
    en: 'This record was merged into another one and cannot borrow or reserve. Scan the card of the resident or search again.',
  },
  LOAN_RESIDENT_ERASED: {
    status: 409,
    zh: '这位居民的个人信息已删除（或已登记去世），不能借用或预约。',
    en: 'The personal data of this resident has been erased (or they were recorded as deceased); they cannot borrow or reserve.',
  },
  ID_KEY_RECOVERY_INVALID: {
    status: 400,
    zh: '恢复码不正确，请逐组核对后重新输入。',
    en: 'The recovery code is not valid. Check it group by group and enter it again.',
  },
  ID_KEY_RECOVERY_MISMATCH: {
    status: 409,
    zh: '这个恢复码打不开本数据中的身份证号，请确认它是这份数据的恢复码。',
    en: 'This recovery code does not open the ID numbers in this data. Make sure it belongs to this data.',
  },
  PRINT_JOB_ERASED: {
    status: 410,
    zh: '这张单据上的居民信息已按要求删除，不能再打印或预览。',
    en: 'The personal data on this print job was erased on request; it cannot be printed or previewed again.',
  },
} as const satisfies Record<string, ErrorEntry>;
