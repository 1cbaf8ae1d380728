/**
 * The columns a roster may have and the Chinese (and English) headers that name them. Pure:
 * the contract names the fields, the host suggests a mapping, staff correct it by hand.
 */
export const importFields = ['name', 'phone', 'idNumber', 'sex', 'birthYear', 'province', 'city', 'origin', 'arrival', 'departure', 'lodging'] as const;
export type ImportField = (typeof importFields)[number];

/** Column index per field (0-based), null when the file has no such column. */
export type ColumnMapping = Record<ImportField, number | null>;

/** Fields a row cannot do without. */
export const requiredFields: readonly ImportField[] = ['name', 'phone'];

/** Known headers, best first. Compared after removing spaces, brackets and marks like * or ：. */
const synonyms: Record<ImportField, readonly string[]> = {
  name: ['姓名', '名字', '居民姓名', '客人姓名', '住客姓名', '旅客姓名', '入住人', '入住人姓名', '联系人', 'name'],
  phone: ['手机号', '手机', '手机号码', '移动电话', '联系电话', '电话', '电话号码', '联系方式', 'phone', 'mobile'],
  idNumber: ['身份证号', '身份证', '身份证号码', '证件号码', '证件号', '公民身份号码', 'idnumber', 'id'],
  sex: ['性别', 'sex', 'gender'],
  birthYear: ['出生年份', '出生年', '出生年月', '出生日期', '生日', 'birthyear'],
  province: ['省', '省份', '来源省', '来源省份', '户籍省份', '所在省', 'province'],
  city: ['市', '城市', '来源市', '来源城市', '地市', '户籍城市', '所在市', 'city'],
  origin: ['来源地', '来自', '籍贯', '户籍地', '户籍所在地', '常住地', '家乡', '来源', 'origin'],
  arrival: ['入住日期', '入住时间', '到达日期', '抵达日期', '来站日期', '报到日期', '入住', 'arrival'],
  departure: ['离开日期', '离开时间', '离店日期', '退房日期', '离站日期', '计划离开日期', '离开', 'departure'],
  lodging: ['住址', '酒店', '入住酒店', '住宿', '住宿地址', '现住址', '居住地址', '暂住地址', '地址', '酒店名称', 'lodging', 'address'],
};

export function normaliseHeader(h: string): string {
  return h
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .replace(/[\s*＊:：_\-·.]/g, '')
    .toLowerCase();
}

function fieldOf(header: string): ImportField | null {
  const h = normaliseHeader(header);
  if (!h) return null;
  for (const f of importFields) if (synonyms[f].includes(h)) return f;
  // 住址/酒店, 手机或电话: the first part that is a known header.
  const parts = header
    .split(/[/／、|或]/)
    .map(normaliseHeader)
    .filter(Boolean);
  if (parts.length > 1) for (const part of parts) for (const f of importFields) if (synonyms[f].includes(part)) return f;
  return null;
}

/** How many cells of a row are known headers (the header row is the row with the most). */
export function headerScore(cells: string[]): number {
  return cells.filter((c) => fieldOf(c) !== null).length;
}

/** The mapping the host suggests: each known header to its field, the first column winning. */
export function suggestMapping(headers: string[]): ColumnMapping {
  const m = Object.fromEntries(importFields.map((f) => [f, null])) as ColumnMapping;
  headers.forEach((h, i) => {
    const f = fieldOf(h);
    if (f && m[f] === null) m[f] = i;
  });
  return m;
}
