import type { Db } from '../connection.js';
import { ApiError, fieldMessageCatalog, fillTemplate, type FieldMessageKey } from '../errors/index.js';
import { centerTimeZone, localDate } from '../localTime.js';
import { formatCardNumber } from '../residents/cards.js';
import { hmacIdNumber, maskIdNumber, normaliseIdNumber, type KeyProvider } from '../residents/idNumbers.js';
import { listLodgings } from '../residents/lodgings.js';
import { getResident, type Resident } from '../residents/residents.js';
import { residentFieldsSchema, type ResidentFields, type ResidentFieldsInput } from '../residents/schema.js';
import { assertPlannedDeparture } from '../residents/stays.js';
import { requiredFields, type ColumnMapping, type ImportField } from './fields.js';
import { resolvePlace } from './place.js';
import type { RawTable } from './table.js';

/**
 * The dry run: every row of the file read into a resident's profile and checked by the residents
 * schema (the one validator), its stay dates read, and matched against residents already
 * registered (same mobile or ID number) and against earlier rows of the same file. Nothing is
 * written; `applyImport` runs the same analysis again inside its transaction.
 */
export interface RowProblem {
  field: ImportField | 'row';
  key: FieldMessageKey;
  zh: string;
  en: string;
}

export interface DuplicateOf {
  residentId: number;
  name: string | null;
  cardNo: string;
  matchedBy: 'phone' | 'idNumber';
}

export type RowStatus = 'new' | 'duplicate' | 'rejected';

/** Where a registered person's record and the file disagree: what 更新 would change (合并 only fills blanks). */
export interface Difference {
  field: ImportField;
  stored: string;
  file: string;
}

export interface AnalysedRow {
  /** Index into the table's rows. */
  index: number;
  /** The row's number in the sheet, as staff see it in Excel/WPS. */
  row: number;
  status: RowStatus;
  problems: RowProblem[];
  duplicate: DuplicateOf | null;
  differences: Difference[];
  /** The checked profile (null when rejected). */
  fields: ResidentFields | null;
  /** Profile fields the file gave for this row (an update changes only these). */
  provided: Set<keyof ResidentFieldsInput>;
  arrival: string | null;
  departure: string | null;
  /** For the screen: the row as read (ID number masked). */
  view: { name: string; phone: string; idMasked: string; origin: string; arrival: string; departure: string; lodging: string };
}

export interface Analysis {
  rows: AnalysedRow[];
  counts: { total: number; new: number; duplicate: number; rejected: number };
}

const problem = (field: RowProblem['field'], key: FieldMessageKey, params: Record<string, string | number> = {}): RowProblem => {
  const m = fieldMessageCatalog[key];
  return { field, key, zh: fillTemplate(m.zh, params), en: fillTemplate(m.en, params) };
};

export function assertMapping(mapping: ColumnMapping, width: number): void {
  const missing = requiredFields.filter((f) => mapping[f] === null);
  if (missing.length) throw new ApiError('IMPORT_MAPPING_INCOMPLETE', { fields: missing.map((f) => (f === 'name' ? '姓名' : '手机号')).join('、') });
  for (const v of Object.values(mapping)) if (v !== null && v >= width) throw new ApiError('IMPORT_MAPPING_INCOMPLETE', { fields: '列' });
}

/** 139 0000 1234, 139-0000-1234, +86 13900001234, full-width digits → 13900001234. */
export function normalisePhone(raw: string): string {
  let s = raw.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\-()（）]/g, '');
  if (/^\+?86\d{11}$/.test(s)) s = s.slice(-11);
  return s;
}

function parseSex(raw: string): string | null {
  if (!raw) return null;
  if (/^(男|m|male)$/i.test(raw)) return 'M';
  if (/^(女|f|female)$/i.test(raw)) return 'F';
  return raw; // the schema says it is not M or F
}

function parseBirthYear(raw: string): number | null {
  if (!raw) return null;
  const m = /^(\d{4})(?:\s*年|[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\d{4})?/.exec(raw.trim());
  return m ? Number(m[1]) : Number.NaN;
}

/** 2025-11-03, 2025/11/3, 2025.11.3, 2025年11月3日, 20251103 → '2025-11-03'; '' → null; unreadable → undefined. */
export function parseDay(raw: string): string | null | undefined {
  if (!raw) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[\sT].*)?$/.exec(raw.trim()) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Maps the schema's issue for one path to what the dry run says, naming the cell as written. */
function problemFor(path: string, input: ResidentFieldsInput, cells: Record<ImportField, string>, originText: string): RowProblem {
  switch (path) {
    case 'name':
      return cells.name ? problem('name', 'importName', { value: cells.name }) : problem('name', 'importNameMissing');
    case 'phone':
      return cells.phone ? problem('phone', 'importPhone', { value: cells.phone }) : problem('phone', 'importPhoneMissing');
    case 'idNumber':
      // Masked even here: the screen never shows an ID number in clear.
      return problem('idNumber', 'importIdNumber', { value: maskIdNumber(cells.idNumber) });
    case 'birthYear':
      return input.birthYear === null || input.birthYear === undefined
        ? problem('birthYear', 'importBirthYear')
        : problem('birthYear', 'importBirthYearBad', { value: cells.birthYear });
    case 'originProvince':
    case 'originCity':
      return originText ? problem('origin', 'importOrigin', { value: originText }) : problem('origin', 'importOriginMissing');
    case 'sex':
      return problem('sex', 'importSex', { value: cells.sex });
    default:
      return problem('row', 'importInvalid', { value: path });
  }
}

const place = (p: string | null, c: string | null) => (!p ? '' : p === c ? p : `${p} ${c ?? ''}`.trim());

function differencesOf(r: Resident, f: ResidentFields, provided: Set<keyof ResidentFieldsInput>, lodgingText: string): Difference[] {
  const out: Difference[] = [];
  const differ = (field: ImportField, stored: string, file: string) => {
    if (stored !== file) out.push({ field, stored, file });
  };
  differ('name', r.name ?? '', f.name);
  differ('phone', r.phone ?? '', f.phone);
  if (provided.has('idNumber') && f.idNumber) differ('idNumber', r.idMasked ?? '', maskIdNumber(f.idNumber));
  if (provided.has('birthYear') && !f.idNumber) differ('birthYear', r.birthYear ? String(r.birthYear) : '', f.birthYear ? String(f.birthYear) : '');
  if (provided.has('sex') && !f.idNumber) differ('sex', r.sex ?? '', f.sex ?? '');
  if (provided.has('originProvince')) differ('origin', place(r.originProvince, r.originCity), place(f.originProvince, f.originCity));
  if (provided.has('lodgingKind')) differ('lodging', r.lodgingName ?? r.lodgingAddress ?? '', lodgingText);
  return out;
}

export function analyseTable(db: Db, table: RawTable, mapping: ColumnMapping, opts: { key: KeyProvider; now: Date }): Analysis {
  assertMapping(mapping, table.headers.length);
  const timeZone = centerTimeZone(db);
  const today = localDate(opts.now, timeZone);
  const lodgings = new Map(listLodgings(db).map((l) => [l.name.replace(/\s/g, ''), l.id]));
  const seenPhone = new Map<string, number>();
  const seenId = new Map<string, number>();
  const idHmac = db.prepare("SELECT id FROM residents WHERE id_hmac = ? AND status = 'active'").pluck();
  const byPhoneId = db.prepare("SELECT id FROM residents WHERE phone = ? AND status = 'active'").pluck();
  const counts = { total: 0, new: 0, duplicate: 0, rejected: 0 };
  const rows: AnalysedRow[] = [];

  table.rows.forEach((cellsRow, index) => {
    const cells = Object.fromEntries(Object.entries(mapping).map(([f, col]) => [f, col === null ? '' : (cellsRow[col] ?? '').trim()])) as Record<ImportField, string>;
    if (Object.values(cells).every((c) => c === '')) return; // an empty or unmapped-only row is not a person
    const rowNo = table.rowNumbers[index]!;
    const problems: RowProblem[] = [];
    const place = resolvePlace(cells.province, cells.city, cells.origin);
    const lodgingText = cells.lodging;
    const lodgingId = lodgingText ? lodgings.get(lodgingText.replace(/\s/g, '')) : undefined;
    const idNumber = cells.idNumber ? normaliseIdNumber(cells.idNumber) : null;
    const input: ResidentFieldsInput = {
      name: cells.name,
      phone: normalisePhone(cells.phone),
      idNumber,
      birthYear: parseBirthYear(cells.birthYear),
      sex: parseSex(cells.sex) as 'M' | 'F' | null,
      originProvince: place.province,
      originCity: place.city,
      lodgingKind: lodgingId ? 'hotel' : 'other',
      lodgingId: lodgingId ?? null,
      lodgingAddress: lodgingId ? null : lodgingText || null,
    };
    const provided = new Set<keyof ResidentFieldsInput>(['name', 'phone']);
    if (idNumber) provided.add('idNumber');
    if (cells.birthYear) provided.add('birthYear');
    if (cells.sex) provided.add('sex');
    if (place.text) provided.add('originProvince');
    if (lodgingText) provided.add('lodgingKind');

    const parsed = residentFieldsSchema.safeParse(input);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const p = problemFor(String(issue.path[0] ?? ''), input, cells, place.text);
        if (!seen.has(p.key)) problems.push(p);
        seen.add(p.key);
      }
    }

    const arrival = parseDay(cells.arrival);
    const departure = parseDay(cells.departure);
    if (arrival === undefined) problems.push(problem('arrival', 'importDate', { value: cells.arrival }));
    if (departure === undefined) problems.push(problem('departure', 'importDate', { value: cells.departure }));
    if (arrival && arrival > today) problems.push(problem('arrival', 'importArrivalFuture', { value: arrival }));
    if (departure && !arrival && arrival !== undefined) problems.push(problem('departure', 'importDepartureAlone'));
    if (arrival && departure && departure < arrival) problems.push(problem('departure', 'importDepartureBeforeArrival', { value: departure }));
    else if (arrival && departure && departure > today && arrival <= today) {
      try {
        assertPlannedDeparture(departure, new Date(`${arrival}T12:00:00Z`), timeZone);
      } catch {
        problems.push(problem('departure', 'importDepartureFar', { value: departure }));
      }
    }

    // The same person twice in one file, then someone already registered.
    let duplicate: DuplicateOf | null = null;
    if (parsed.success) {
      const f = parsed.data;
      const hmac = f.idNumber ? hmacIdNumber(f.idNumber, opts.key) : null;
      const earlier = seenPhone.get(f.phone) ?? (hmac ? seenId.get(hmac) : undefined);
      if (earlier !== undefined) problems.push(problem('row', 'importRepeatedInFile', { row: earlier }));
      if (!seenPhone.has(f.phone)) seenPhone.set(f.phone, rowNo);
      if (hmac && !seenId.has(hmac)) seenId.set(hmac, rowNo);
      const phoneId = byPhoneId.get(f.phone) as number | undefined;
      const byPhone = phoneId === undefined ? null : getResident(db, phoneId);
      const byIdId = hmac ? (idHmac.get(hmac) as number | undefined) : undefined;
      if (byPhone && byIdId !== undefined && byPhone.id !== byIdId) {
        const other = getResident(db, byIdId);
        problems.push(problem('row', 'importTwoResidents', { first: byPhone.name ?? '', second: other?.name ?? '' }));
      } else if (byPhone) duplicate = { residentId: byPhone.id, name: byPhone.name, cardNo: formatCardNumber(byPhone.cardNo), matchedBy: 'phone' };
      else if (byIdId !== undefined) {
        const r = getResident(db, byIdId)!;
        duplicate = { residentId: r.id, name: r.name, cardNo: formatCardNumber(r.cardNo), matchedBy: 'idNumber' };
      }
    }

    const status: RowStatus = problems.length ? 'rejected' : duplicate ? 'duplicate' : 'new';
    const differences = status === 'duplicate' && parsed.success ? differencesOf(getResident(db, duplicate!.residentId)!, parsed.data, provided, lodgingText) : [];
    counts.total++;
    counts[status]++;
    rows.push({
      index,
      row: rowNo,
      status,
      problems,
      duplicate: status === 'rejected' ? null : duplicate,
      differences,
      fields: problems.length || !parsed.success ? null : parsed.data,
      provided,
      arrival: arrival ?? null,
      departure: departure ?? null,
      view: {
        name: cells.name,
        phone: cells.phone,
        idMasked: cells.idNumber ? maskIdNumber(cells.idNumber) : '',
        origin: place.province && place.province === place.city ? place.province : [place.province, place.city].filter(Boolean).join(' '),
        arrival: arrival ?? cells.arrival,
        departure: departure ?? cells.departure,
        lodging: lodgingText,
      },
    });
  });
  return { rows, counts };
}
