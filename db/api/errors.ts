/**
 * Every error the API can return: a stable code for programs, a message a person can act on in
 * Chinese (shown on screen) and in English. Messages may hold {placeholders} filled from params.
 */
export interface ErrorEntry {
  status: number;
  zh: string;
  en: string;
}

export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, zh: '填写的内容有误，请按提示修改后再试。', en: 'Some entries are not valid. Please correct them and try again.' },
  UNKNOWN_OPERATION: { status: 404, zh: '程序版本不一致，请联系工作人员。', en: 'Unknown operation. Please ask the staff for help.' },
  UNAUTHENTICATED: { status: 401, zh: '请先输入工作人员密码登录。', en: 'Please sign in with your staff PIN first.' },
  FORBIDDEN: { status: 403, zh: '您没有进行此操作的权限，请联系管理员。', en: 'You are not allowed to do this. Please ask the manager.' },
  NOT_SET_UP: { status: 409, zh: '系统尚未设置管理员密码，请先设置。', en: 'No manager PIN has been set yet. Please set one first.' },
  ALREADY_SET_UP: { status: 409, zh: '管理员密码已设置，请直接登录。', en: 'The manager PIN is already set. Please sign in.' },
  PIN_WRONG: { status: 401, zh: '密码不正确，还可以再试 {remaining} 次。', en: 'Wrong PIN. {remaining} attempts left.' },
  PIN_LOCKED: { status: 429, zh: '密码错误次数过多，请 {seconds} 秒后再试。', en: 'Too many wrong PINs. Please try again in {seconds} seconds.' },
  NOT_FOUND: { status: 404, zh: '没有找到相关记录，请核对后再试。', en: 'Nothing was found. Please check and try again.' },
  HOST_UNREACHABLE: { status: 503, zh: '暂时连接不上服务主机，请稍候再试或联系工作人员。', en: 'Cannot reach the host right now. Please wait a moment or ask the staff.' },
  BACKUP_FAILED: { status: 500, zh: '备份没有成功：{reason}。请检查磁盘空间后重试。', en: 'The backup failed: {reason}. Check the free disk space and try again.' },
  // Printing (issue 3)
  PRINT_NOT_RETRYABLE: { status: 409, zh: '这张单据没有打印失败，不需要重试。', en: 'This print job has not failed; there is nothing to retry.' },
  PRINT_LAYOUT_UNKNOWN: { status: 404, zh: '找不到单据格式“{layout}”，请联系技术人员。', en: 'Unknown print layout "{layout}". Please contact the technician.' },
  PRINT_FAILED: { status: 502, zh: '打印没有成功：{reason}', en: 'Printing failed: {reason}' },
  INTERNAL: { status: 500, zh: '系统出现问题，请稍后再试或联系工作人员。', en: 'Something went wrong. Please try again or ask the staff.' },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof errorCatalog;

/**
 * Messages for a single form field. A zod schema names one of these keys as its error message;
 * the validator turns it into text for the person at the screen.
 */
export const fieldMessageCatalog = {
  required: { zh: '此项不能为空，请填写。', en: 'This field is required.' },
  invalid: { zh: '此项填写有误，请检查。', en: 'This entry is not valid.' },
  tooLong: { zh: '内容太长，请不超过 {max} 个字。', en: 'Too long: at most {max} characters.' },
  centerName: { zh: '服务中心名称应为 1 到 40 个字，请重新输入。', en: 'The center name must be 1 to 40 characters.' },
  hotline: { zh: '服务热线应为 5 到 20 位数字（可含 - 和空格），请重新输入。', en: 'The hotline must be 5 to 20 digits (dashes and spaces allowed).' },
  idleSeconds: { zh: '空闲返回时间应在 15 到 600 秒之间。', en: 'The idle timeout must be between 15 and 600 seconds.' },
  pin: { zh: '密码应为 4 到 8 位数字，请重新输入。', en: 'The PIN must be 4 to 8 digits.' },
  staffName: { zh: '姓名应为 1 到 20 个字。', en: 'The name must be 1 to 20 characters.' },
  // Printing (issue 3)
  printerHost: { zh: '打印机 IP 地址格式不对，应类似 192.168.1.50。', en: 'The printer address is not valid; it should look like 192.168.1.50.' },
  printerPort: { zh: '端口应为 1 到 65535 之间的数字，网络小票打印机通常是 9100。', en: 'The port must be a number from 1 to 65535; network receipt printers usually use 9100.' },
  printerName: { zh: '请选择一台系统打印机。', en: 'Please choose a system printer.' },
  phone: { zh: '手机号应为 11 位数字，请重新输入。', en: 'The mobile number must be 11 digits. Please re-enter it.' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type FieldMessageKey = keyof typeof fieldMessageCatalog;

export interface FieldError {
  /** Dotted path of the field, e.g. "values.center.name". */
  path: string;
  key: FieldMessageKey;
  zh: string;
  en: string;
}

/** What crosses every transport when an operation fails. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  messageEn: string;
  params?: Record<string, string | number>;
  fields?: FieldError[];
}

export function fillTemplate(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Thrown inside handlers and domain modules; the dispatcher turns it into an ApiErrorBody. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fields?: FieldError[],
  ) {
    super(fillTemplate(errorCatalog[code].en, params));
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    const entry = errorCatalog[this.code];
    return {
      code: this.code,
      message: fillTemplate(entry.zh, this.params),
      messageEn: fillTemplate(entry.en, this.params),
      ...(Object.keys(this.params).length ? { params: this.params } : {}),
      ...(this.fields?.length ? { fields: this.fields } : {}),
    };
  }
}

export function isFieldMessageKey(value: string): value is FieldMessageKey {
  return Object.hasOwn(fieldMessageCatalog, value);
}
