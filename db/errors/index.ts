import { queueLoansErrors } from './queueloans.js';
import { auditFieldMessages, importErrors, importFieldMessages } from './import.js';

import { reportsErrors, reportsFieldMessages } from './reports.js';
/**
 * Every error the API can return: a stable code for programs, a message a person can act on in
 * Chinese (shown on screen) and in English. Messages may hold {placeholders} filled from params.
 */
import { syncErrors, syncFieldMessages } from './sync.js';
import { transportErrors } from './transport.js';
import { residentsErrors, residentsFieldMessages } from './residents.js';
import { authErrors, authFieldMessages } from './auth.js';
import { ratingsErrors, ratingsFieldMessages } from './ratings.js';
import { suggestionsErrors, suggestionsFieldMessages } from './suggestions.js';
import { volunteeringErrors, volunteeringFieldMessages } from './volunteering.js';

export interface ErrorEntry {
  status: number;
  zh: string;
  en: string;
}

/**
 * The catalogue is one object; a domain with many codes may keep them in `db/errors/<domain>.ts`
 * (`export const <domain>Errors = { … } as const satisfies Record<string, ErrorEntry>`) and spread it
 * in below, so domains and transports both stand on this module and never on db/api/.
 */
import { recordsErrors } from './records.js';
import { requestsErrors, requestsFieldMessages } from './requests.js';
import { activitiesErrors, activitiesFieldMessages } from './activities.js';

export const errorCatalog = {
  ...recordsErrors,
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
  ID_KEY_SEALED: {
    status: 503,
    zh: '身份证号的密钥保存在桌面版的系统钥匙串中，请用桌面版打开本数据，或联系技术人员。',
    en: "The ID-number key of this data folder is sealed in the desktop app's system keyring. Open it with the desktop app or ask the technician.",
  },
  // Printing (issue 3)
  PRINT_NOT_RETRYABLE: { status: 409, zh: '这张单据没有打印失败，不需要重试。', en: 'This print job has not failed; there is nothing to retry.' },
  PRINT_LAYOUT_UNKNOWN: { status: 404, zh: '找不到单据格式“{layout}”，请联系技术人员。', en: 'Unknown print layout "{layout}". Please contact the technician.' },
  PRINT_FAILED: { status: 502, zh: '打印没有成功：{reason}', en: 'Printing failed: {reason}' },
  // Loans and inventory (issue 6)
  LOAN_CATEGORY_EXISTS: { status: 409, zh: '已经有名为“{name}”的物资类别，请换一个名称。', en: 'There is already a category called "{name}".' },
  LOAN_TAG_PREFIX_TAKEN: { status: 409, zh: '资产编号前缀“{prefix}”已被其他类别使用，请换一个。', en: 'The asset tag prefix "{prefix}" is already used by another category.' },
  LOAN_WRONG_KIND: { status: 409, zh: '“{name}”是{kind}，不能这样操作。', en: '"{name}" is the wrong kind of category for this ({kind}).' },
  LOAN_UNIT_UNKNOWN: { status: 404, zh: '没有找到资产编号“{code}”的物资，请核对标签后重新扫码。', en: 'No item has the asset tag "{code}". Check the label and scan again.' },
  LOAN_UNIT_OUT: { status: 409, zh: '{tag} 已经借出，不能重复借出。请先办理归还。', en: '{tag} is already out on loan. Return it first.' },
  LOAN_UNIT_REPAIR: { status: 409, zh: '{tag} 正在维修中，暂不能借出。', en: '{tag} is in repair and cannot be lent.' },
  LOAN_UNIT_RETIRED: { status: 409, zh: '{tag} 已报废，不能借出。', en: '{tag} has been retired and cannot be lent.' },
  LOAN_UNIT_CLEANING: { status: 409, zh: '{tag} 正在消毒，{until} 后才能借出。', en: '{tag} is being disinfected and can be lent after {until}.' },
  LOAN_NOT_OUT: { status: 409, zh: '{tag} 现在没有借出，无需归还。', en: '{tag} is not out on loan; there is nothing to return.' },
  LOAN_NOT_IN_REPAIR: { status: 409, zh: '{tag} 不在维修中。', en: '{tag} is not in repair.' },
  LOAN_RESIDENT_UNKNOWN: {
    status: 404,
    zh: '没有找到这张服务卡对应的居民，请核对卡号或先办理报到登记。',
    en: 'No resident has this service card. Check the number or register the resident first.',
  },
  LOAN_RESIDENT_OVERDUE: {
    status: 409,
    zh: '该居民有 {count} 件物资逾期未还，请先处理；确需借出请填写放行原因。',
    en: 'This resident has {count} overdue item(s). Resolve them first, or give a reason to override.',
  },
  LOAN_CATEGORY_RESERVED: { status: 409, zh: '“{name}”今天可借的都已被其他居民预约，暂不能借出。', en: 'Every available "{name}" is reserved by other residents today.' },
  LOAN_NONE_TO_RESERVE: { status: 409, zh: '“{name}”在 {date} 已没有可预约的数量。', en: 'No "{name}" is left to reserve on {date}.' },
  LOAN_DUE_BEFORE_OUT: { status: 400, zh: '归还时间必须晚于现在，请重新选择。', en: 'The due time must be later than now.' },
  LOAN_REFUND_TOO_MUCH: { status: 400, zh: '退还押金不能超过收取的押金 {deposit}。', en: 'The refund cannot exceed the deposit of {deposit}.' },
  LOAN_STOCK_SHORT: { status: 409, zh: '“{name}”库存只有 {stock} 件，不够发放 {quantity} 件。', en: 'Only {stock} of "{name}" in stock; cannot hand out {quantity}.' },
  LOAN_RESERVATION_CLOSED: { status: 409, zh: '这条预约已经领取、取消或过期。', en: 'This reservation has already been collected, cancelled or has expired.' },
  // Queue and calling display (issue 5)
  QUEUE_SERVICE_CLOSED: {
    status: 409,
    zh: '“{service}”现在不办理，办理时间为 {opensAt} 至 {closesAt}，请在办理时间内取号。',
    en: '"{service}" is not open now. Opening hours are {opensAt}-{closesAt}; please take a ticket then.',
  },
  QUEUE_DAILY_LIMIT: {
    status: 409,
    zh: '“{service}”今天的号已取完（每天 {limit} 个），请明天再来或咨询工作人员。',
    en: 'All {limit} tickets for "{service}" are taken today. Please come back tomorrow or ask the staff.',
  },
  QUEUE_EMPTY: { status: 409, zh: '现在没有等候的号，请稍后再叫。', en: 'Nobody is waiting right now. Please call again later.' },
  QUEUE_COUNTER_BUSY: { status: 409, zh: '本窗口还有正在办理的号，请先办结、过号或转办。', en: 'This counter is still serving a ticket. Finish, pass or transfer it first.' },
  QUEUE_COUNTER_PAUSED: { status: 409, zh: '本窗口已暂停，请先点“恢复”再叫号。', en: 'This counter is paused. Press Resume before calling.' },
  QUEUE_NO_CURRENT: { status: 409, zh: '本窗口现在没有正在办理的号，请先叫号。', en: 'This counter is not serving a ticket. Call one first.' },
  QUEUE_REQUEUE_NOT_ALLOWED: {
    status: 409,
    zh: '这个号不能重新排队：只有今天过号的号可以重新排队一次。',
    en: 'This ticket cannot rejoin the line: only a ticket passed over today may rejoin, once.',
  },
  QUEUE_TRANSFER_SAME: { status: 409, zh: '这个号已经在该业务排队，请选择其他业务。', en: 'The ticket is already in that line. Choose another service.' },
  QUEUE_PREFIX_TAKEN: { status: 409, zh: '号码字母“{prefix}”已被其他业务使用，请换一个字母。', en: 'The letter "{prefix}" is used by another service. Choose another letter.' },
  QUEUE_COUNTER_NUMBER_TAKEN: { status: 409, zh: '{number} 号窗口已存在，请换一个窗口号。', en: 'Counter {number} already exists. Choose another number.' },
  TERMINAL_NOT_PAIRED: {
    status: 401,
    zh: '本设备还没有与服务主机配对，请输入工作人员提供的配对码。',
    en: 'This device is not paired with the host yet. Enter the pairing code from the staff.',
  },
  TERMINAL_ROLE_FORBIDDEN: { status: 403, zh: '本设备的用途不允许这项操作，请联系工作人员。', en: "This device's role does not allow this. Please ask the staff." },
  PAIRING_CODE_WRONG: { status: 401, zh: '配对码不正确或已过期，请向工作人员重新获取。', en: 'The pairing code is wrong or has expired. Ask the staff for a new one.' },
  // Residents (issue 4)
  RESIDENT_NOT_FOUND: {
    status: 404,
    zh: '没有找到您的登记信息。第一次来请点下面的“第一次来登记”，或请工作人员帮您查询。',
    en: 'No registration was found. If this is your first visit, tap "First visit: register" below, or ask the staff.',
  },
  CARD_INVALID: {
    status: 400,
    zh: '这不是本中心的服务卡号，请核对卡上的号码或改用手机号。',
    en: 'This is not a service card number of this center. Check the number on the card or use your mobile number.',
  },
  RESIDENT_DUPLICATE_PHONE: {
    status: 409,
    zh: '这个手机号已经登记过了。请直接用手机号报到，或请工作人员帮您核对。',
    en: 'This mobile number is already registered. Check in with it, or ask the staff.',
  },
  RESIDENT_DUPLICATE_ID: { status: 409, zh: '这个身份证号已经登记过了，请工作人员帮您核对。', en: 'This ID number is already registered. Please ask the staff to check.' },
  RESIDENT_INACTIVE: {
    status: 409,
    zh: '这条登记已注销或已合并，不能再修改，请查找当前的登记。',
    en: 'This record was anonymised or merged and cannot be changed. Open the current record.',
  },
  NO_OPEN_STAY: {
    status: 409,
    zh: '您目前没有报到记录，不需要离开登记。如有疑问请问工作人员。',
    en: 'You are not checked in, so there is nothing to check out. Ask the staff if in doubt.',
  },
  LODGING_UNKNOWN: { status: 400, zh: '所选的酒店或民宿不在列表中，请重新选择。', en: 'The chosen hotel or guesthouse is not in the list. Please choose again.' },
  LODGING_DUPLICATE: { status: 409, zh: '名单里已经有“{name}”了，请换一个名称，或修改原来那一条。', en: '"{name}" is already in the list. Use another name or edit that entry.' },
  CONSENT_OUTDATED: { status: 409, zh: '隐私说明已更新，请重新阅读并同意。', en: 'The privacy notice has changed. Please read it and agree again.' },
  MERGE_SAME: { status: 400, zh: '不能把一条登记合并到它自己，请选择另一条。', en: 'A record cannot be merged into itself. Choose another one.' },
  ...transportErrors,
  ...queueLoansErrors,
  ...residentsErrors,
  ...importErrors,
  ...reportsErrors,
  INTERNAL: { status: 500, zh: '系统出现问题，请稍后再试或联系工作人员。', en: 'Something went wrong. Please try again or ask the staff.' },
  ...authErrors,
  ...syncErrors,
  ...requestsErrors,
  ...activitiesErrors,
  ...ratingsErrors,
  ...suggestionsErrors,
  ...volunteeringErrors,
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
  staffIdleMinutes: { zh: '自动退出时间应在 0 到 240 分钟之间（0 表示不自动退出）。', en: 'The sign-out time must be between 0 and 240 minutes (0 = never).' },
  terminalWindows: { zh: '请至少选择一个要打开的窗口。', en: 'Choose at least one window to open.' },
  retentionMonths: { zh: '保存期限应在 6 到 120 个月之间。', en: 'The retention period must be between 6 and 120 months.' },
  contactQr: { zh: '请上传不超过 300 KB 的 PNG 或 JPG 图片。', en: 'Upload a PNG or JPG image of at most 300 KB.' },
  pin: { zh: '密码应为 4 到 8 位数字，请重新输入。', en: 'The PIN must be 4 to 8 digits.' },
  staffName: { zh: '姓名应为 1 到 20 个字。', en: 'The name must be 1 to 20 characters.' },
  // Printing (issue 3)
  printerHost: { zh: '打印机 IP 地址格式不对，应类似 192.168.1.50。', en: 'The printer address is not valid; it should look like 192.168.1.50.' },
  printerPort: { zh: '端口应为 1 到 65535 之间的数字，网络小票打印机通常是 9100。', en: 'The port must be a number from 1 to 65535; network receipt printers usually use 9100.' },
  printerName: { zh: '请选择一台系统打印机。', en: 'Please choose a system printer.' },
  // Loans and inventory (issue 6)
  categoryName: { zh: '类别名称应为 1 到 20 个字。', en: 'The category name must be 1 to 20 characters.' },
  tagPrefix: { zh: '编号前缀应为 1 到 6 位大写字母或数字，例如 LY。', en: 'The tag prefix must be 1 to 6 capital letters or digits, e.g. LY.' },
  money: { zh: '金额应为不超过两位小数的数字，例如 200 或 50.50。', en: 'The amount must be a number with at most two decimals, e.g. 200 or 50.50.' },
  quantity: { zh: '数量应为 1 到 500 之间的整数。', en: 'The quantity must be a whole number from 1 to 500.' },
  restockQuantity: { zh: '补货数量应为 1 到 100000 之间的整数。', en: 'The restock quantity must be a whole number from 1 to 100000.' },
  overrideReason: { zh: '请填写放行原因（2 到 100 个字）。', en: 'Please give a reason (2 to 100 characters).' },
  // Queue (issue 5)
  pairingCode: { zh: '配对码是 6 位数字，请向工作人员获取。', en: 'The pairing code is 6 digits. Ask the staff for one.' },
  queuePrefix: { zh: '号码字母应为一个大写字母 A 到 Z。', en: 'The ticket letter must be one capital letter A-Z.' },
  queueHours: { zh: '时间应写成 08:30 这样的格式（24 小时制）。', en: 'Times must look like 08:30 (24-hour clock).' },
  queueName: { zh: '名称应为 1 到 20 个字。', en: 'The name must be 1 to 20 characters.' },
  phone: { zh: '手机号应为 11 位数字，以 13 到 19 开头，请重新输入。', en: 'A mobile number has 11 digits and starts with 13 to 19. Please re-enter it.' },
  // Residents (issue 4)
  residentName: {
    zh: '姓名只能用汉字或外文字母（可含空格、·、-），请重新输入。',
    en: 'The name may use Chinese characters or Latin letters (spaces, middle dots and hyphens allowed). Please re-enter it.',
  },
  idNumber: {
    zh: '身份证号不正确，请核对 18 位号码（最后一位可能是 X），或不填。',
    en: 'The ID number is not valid. Check all 18 characters (the last may be X), or leave it empty.',
  },
  birthYear: { zh: '请选择您的出生年份（或填写身份证号）。', en: 'Please choose your birth year (or enter your ID number).' },
  origin: { zh: '请选择您来自的省份和城市。', en: 'Please choose your home province and city.' },
  lodging: { zh: '请选择您住在哪里。', en: 'Please choose where you are staying.' },
  lodgingAddress: { zh: '请填写您住的地址（小区和门牌号）。', en: 'Please enter the address where you are staying.' },
  lodgingName: { zh: '名称应为 2 到 40 个字。', en: 'The name must be 2 to 40 characters.' },
  plannedDeparture: { zh: '请选择计划离开的日期。', en: 'Please choose your planned departure date.' },
  plannedDepartureRange: { zh: '计划离开日期应在今天到一年以内，请重新选择。', en: 'The planned departure must be between today and one year from now.' },
  emergencyPhone: {
    zh: '紧急联系人电话应为 11 位手机号或带区号的座机号，请重新输入。',
    en: 'The emergency contact number must be an 11-digit mobile or a landline with area code.',
  },
  partyBranch: { zh: '请填写您所在的党支部。', en: 'Please enter your party branch.' },
  consent: { zh: '请先阅读并同意隐私说明。', en: 'Please read and agree to the privacy notice first.' },
  cardNo: { zh: '请扫描服务卡或输入卡号。', en: 'Please scan your service card or type its number.' },
  reason: { zh: '请写明修改原因（至少 2 个字）。', en: 'Please give a reason (at least 2 characters).' },
  ...residentsFieldMessages,
  ...authFieldMessages,
  ...importFieldMessages,
  ...auditFieldMessages,
  ...reportsFieldMessages,
  ...syncFieldMessages,
  ...requestsFieldMessages,
  ...activitiesFieldMessages,
  ...ratingsFieldMessages,
  ...suggestionsFieldMessages,
  ...volunteeringFieldMessages,
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
