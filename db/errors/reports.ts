import type { ErrorEntry } from './index.js';

/** 报表 (issue 15): periods, exports and saved cross-tab layouts. */
export const reportsErrors = {
  REPORT_PERIOD_INVALID: {
    status: 400,
    zh: '统计时段有误：开始日期不能晚于结束日期，且不超过 400 天，请重新选择。',
    en: 'The period is not valid: the start must not be after the end, and at most 400 days. Please choose again.',
  },
  REPORT_TEMPLATE_DUPLICATE: { status: 409, zh: '已经有名为“{name}”的统计模板，请换一个名称。', en: 'There is already a template called "{name}". Please choose another name.' },
  REPORT_NO_PRINTER: {
    status: 409,
    zh: '还没有选择报表打印机：请管理员在“打印设置”中选择，或先用“保存 PDF”。',
    en: 'No report printer is chosen yet: ask the manager to choose one in Print settings, or use Save PDF.',
  },
  REPORT_FULL_PHONE_ADMIN: { status: 403, zh: '只有管理员可以导出完整手机号，请联系管理员。', en: 'Only the manager may export full phone numbers. Please ask the manager.' },
} as const satisfies Record<string, ErrorEntry>;

export const reportsFieldMessages = {
  seasonDay: { zh: '请按“月-日”填写，如 10-01，开始和结束不能相同。', en: 'Use month-day, e.g. 10-01; start and end must differ.' },
  exportReason: { zh: '导出完整手机号请写明用途（至少 2 个字）。', en: 'Please give the purpose of exporting full phone numbers (at least 2 characters).' },
  templateName: { zh: '模板名称应为 1 到 30 个字。', en: 'The template name must be 1 to 30 characters.' },
} as const satisfies Record<string, { zh: string; en: string }>;
