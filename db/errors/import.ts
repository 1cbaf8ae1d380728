import type { ErrorEntry } from './index.js';

/** Roster import (名单导入) and the audit log viewer (issue 15, points 5 and 6). */
export const importErrors = {
  IMPORT_FILE_UNREADABLE: {
    status: 400,
    zh: '无法读取这个文件：{reason}。请在 WPS 或 Excel 中“另存为” .xlsx 或 .csv 后再试。',
    en: 'This file cannot be read: {reason}. Please use "Save as" .xlsx or .csv in WPS or Excel and try again.',
  },
  IMPORT_FILE_TOO_LARGE: { status: 413, zh: '文件太大（超过 {maxMb} MB），请分成几个文件导入。', en: 'The file is larger than {maxMb} MB. Please split it into several files.' },
  IMPORT_FILE_EMPTY: { status: 400, zh: '文件里没有找到名单数据，请检查是否选对了文件。', en: 'No rows were found in this file. Please check you chose the right file.' },
  IMPORT_TOO_MANY_ROWS: {
    status: 400,
    zh: '一次最多导入 {max} 行，这个文件有 {rows} 行，请分成几个文件。',
    en: 'At most {max} rows can be imported at once; this file has {rows}. Please split it.',
  },
  IMPORT_EXPIRED: { status: 410, zh: '上传的文件已过期或主机已重启，请重新选择文件。', en: 'The uploaded file has expired or the host restarted. Please choose the file again.' },
  IMPORT_MAPPING_INCOMPLETE: { status: 400, zh: '请先为“{fields}”选择对应的列。', en: 'Please choose the column for: {fields}.' },
  IMPORT_DONE: { status: 409, zh: '这个文件已经导入过了。如需再次导入，请重新选择文件。', en: 'This file has already been imported. Choose the file again to import it again.' },
} as const satisfies Record<string, ErrorEntry>;

/** What the dry run says about one cell; {value} is the cell as written, {row} another row of the file. */
export const importFieldMessages = {
  importName: { zh: '姓名“{value}”应为 2 到 20 个汉字', en: 'The name "{value}" must be 2 to 20 Chinese characters' },
  importNameMissing: { zh: '缺少姓名', en: 'The name is missing' },
  importPhoneMissing: { zh: '缺少手机号', en: 'The mobile number is missing' },
  importPhone: { zh: '手机号“{value}”不是 11 位手机号', en: '"{value}" is not an 11-digit mobile number' },
  importIdNumber: { zh: '身份证号“{value}”校验不通过（号码或最后一位有误）', en: 'The ID number "{value}" fails the checksum' },
  importBirthYear: { zh: '缺少出生年份（或身份证号）', en: 'The birth year (or ID number) is missing' },
  importBirthYearBad: { zh: '出生年份“{value}”不对，应为 1910 到 2010 之间的年份', en: 'The birth year "{value}" must be between 1910 and 2010' },
  importOrigin: { zh: '来源地“{value}”不是已知的省份和城市', en: '"{value}" is not a known province and city' },
  importOriginMissing: { zh: '缺少来源地（省份和城市）', en: 'The home province and city are missing' },
  importSex: { zh: '性别“{value}”应为 男 或 女', en: 'The sex "{value}" must be male or female' },
  importDate: { zh: '日期“{value}”看不懂，请写成 2025-11-03 这样', en: 'The date "{value}" is not readable; write it like 2025-11-03' },
  importArrivalFuture: { zh: '入住日期 {value} 晚于今天', en: 'The arrival date {value} is after today' },
  importDepartureBeforeArrival: { zh: '离开日期 {value} 早于入住日期', en: 'The departure date {value} is before the arrival date' },
  importDepartureFar: { zh: '计划离开日期 {value} 距入住超过一年', en: 'The planned departure {value} is more than a year after arrival' },
  importDepartureAlone: { zh: '有离开日期但没有入住日期', en: 'A departure date is given without an arrival date' },
  importRepeatedInFile: { zh: '与文件第 {row} 行是同一个人（手机号或身份证号相同）', en: 'The same person as row {row} of this file (same mobile or ID number)' },
  importTwoResidents: {
    zh: '手机号和身份证号分别属于两位已登记的居民（{first}、{second}），请先核对',
    en: 'The mobile and the ID number belong to two different residents ({first}, {second}); please check',
  },
  importInvalid: { zh: '“{value}”填写有误', en: '"{value}" is not valid' },
  importConsent: { zh: '请确认已收到每位居民签字的纸质知情同意书', en: 'Please confirm you hold the signed paper consent of every resident' },
  importRowFailed: { zh: '导入时出错：{value}', en: 'Failed during import: {value}' },
} as const satisfies Record<string, { zh: string; en: string }>;

export const auditFieldMessages = {
  auditDay: { zh: '日期应写成 2026-12-01 这样的格式。', en: 'Dates must look like 2026-12-01.' },
} as const satisfies Record<string, { zh: string; en: string }>;
