import { recordAudit } from '../audit.js';
import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { centerTimeZone, instantOfLocalTime, localDate } from '../localTime.js';
import type { KeyProvider } from '../residents/idNumbers.js';
import { PRIVACY_NOTICE_VERSION } from '../residents/privacy.js';
import { getResident, insertResident, touchResident, updateResident, type Resident } from '../residents/residents.js';
import { parseInput } from '../api/validate.js';
import { residentFieldsSchema, type ResidentFields, type ResidentFieldsInput } from '../residents/schema.js';
import { checkIn, checkOut, listStays, openStayOf } from '../residents/stays.js';
import { analyseTable, type AnalysedRow, type Analysis, type RowProblem } from './dryRun.js';
import type { ColumnMapping } from './fields.js';
import { withStatementCache } from './statementCache.js';
import type { RawTable } from './table.js';

/**
 * The import itself: one IMMEDIATE transaction that analyses the rows again (the database may have
 * changed since the dry run) and then creates, updates or merges each row through the residents
 * domain's own functions (insertResident, updateResident, checkIn, checkOut). A row the residents
 * domain refuses after all is rolled back to its savepoint and listed as rejected; the others
 * commit together. Consent is the paper consent the confirming staff member vouches for.
 */
export type DuplicateAction = 'skip' | 'update' | 'merge';

/** Stored as the resident's consent version: paper consent to the notice of this version. */
export const PAPER_CONSENT_VERSION = `paper:${PRIVACY_NOTICE_VERSION}`;

export interface ApplyResult {
  importId: number;
  created: number;
  updated: number;
  merged: number;
  skipped: number;
  rejected: number;
  /** Rows refused, with why (the dry run's problems or what the residents domain said). */
  rejectedRows: Array<{ index: number; row: number; problems: RowProblem[] }>;
}

function problemOf(e: unknown): RowProblem {
  const msg = e instanceof ApiError ? e.toBody() : null;
  const zh = msg ? (msg.fields?.map((f) => f.zh).join(' ') ?? msg.message) : '系统错误';
  const en = msg ? (msg.fields?.map((f) => f.en).join(' ') ?? msg.messageEn) : 'internal error';
  return { field: 'row', key: 'importRowFailed', zh: `导入时出错：${zh}`, en: `Failed during import: ${en}` };
}

/** The existing record as profile input, the ID number left out (an update without one keeps it). */
function inputOf(r: Resident): ResidentFieldsInput {
  return {
    name: r.name ?? '',
    phone: r.phone ?? '',
    idNumber: null,
    birthYear: r.birthYear,
    sex: r.sex,
    originProvince: r.originProvince ?? '',
    originCity: r.originCity ?? '',
    lodgingKind: r.lodgingKind ?? 'other',
    lodgingId: r.lodgingId,
    lodgingAddress: r.lodgingAddress,
    emergencyName: r.emergencyName,
    emergencyPhone: r.emergencyPhone,
    needs: r.needs,
    needsNote: r.needsNote,
    partyMember: r.partyMember,
    partyBranch: r.partyBranch,
    interests: r.interests,
  };
}

const empty = (v: unknown) => v === null || v === undefined || v === '';

/**
 * 更新 (update): what the file gives replaces what is stored. 合并 (merge): the file only fills
 * what the record lacks. Place and lodging move as pairs so a city never ends up in another province.
 */
export function combine(r: Resident, file: ResidentFields, provided: Set<keyof ResidentFieldsInput>, mode: 'update' | 'merge'): ResidentFieldsInput {
  const base = inputOf(r);
  const take = (has: boolean) => (mode === 'update' ? true : !has);
  const out: ResidentFieldsInput = { ...base };
  if (take(!empty(base.name))) out.name = file.name;
  if (take(!empty(base.phone))) out.phone = file.phone;
  if (provided.has('idNumber') && take(!!r.idMasked)) out.idNumber = file.idNumber;
  if (provided.has('birthYear') && take(!empty(base.birthYear))) out.birthYear = file.birthYear;
  if (provided.has('sex') && take(!empty(base.sex))) out.sex = file.sex;
  if (provided.has('originProvince') && take(!empty(base.originProvince) && !empty(base.originCity))) {
    out.originProvince = file.originProvince;
    out.originCity = file.originCity;
  }
  const hasLodging = base.lodgingKind !== 'other' || !empty(base.lodgingAddress);
  if (provided.has('lodgingKind') && take(hasLodging)) {
    out.lodgingKind = file.lodgingKind;
    out.lodgingId = file.lodgingId;
    out.lodgingAddress = file.lodgingAddress;
  }
  return out;
}

/**
 * The row's stay: arrival (and departure, or a planned departure still ahead) at noon on the
 * center's calendar, never later than now. A record already in town, or with a stay that arrived
 * that day, keeps what it has. The last-seen time never moves back.
 */
function recordStay(db: Db, residentId: number, a: AnalysedRow, clock: StayClock, isNew: boolean): 'added' | 'kept' | 'none' {
  if (!a.arrival) return 'none';
  // A resident created a moment ago has no stays and nothing to keep.
  let before: string | null = null;
  if (!isNew) {
    if (openStayOf(db, residentId)) return 'kept';
    if (listStays(db, residentId).some((s) => localDate(new Date(s.arrivedAt), clock.timeZone) === a.arrival)) return 'kept';
    before = getResident(db, residentId)!.lastSeenAt;
  }
  const planned = a.departure && a.departure > clock.today ? a.departure : null;
  checkIn(db, residentId, { now: clock.at(a.arrival), plannedDeparture: planned, source: 'staff' });
  if (a.departure && !planned) checkOut(db, residentId, clock.at(a.departure));
  if (before && before > getResident(db, residentId)!.lastSeenAt) touchResident(db, residentId, new Date(before));
  return 'added';
}

interface StayClock {
  timeZone: string;
  today: string;
  /** Noon of a day on the center's clock, never later than now. */
  at(day: string): Date;
}

function stayClock(timeZone: string, now: Date): StayClock {
  const noon = new Map<string, number>();
  return {
    timeZone,
    today: localDate(now, timeZone),
    at(day) {
      let ms = noon.get(day);
      if (ms === undefined) noon.set(day, (ms = instantOfLocalTime(day, '12:00', timeZone).getTime()));
      return new Date(Math.min(ms, now.getTime()));
    },
  };
}

export function applyImport(
  db: Db,
  table: RawTable,
  mapping: ColumnMapping,
  opts: {
    key: KeyProvider;
    now: Date;
    staffId: number;
    fileName: string;
    decisions: ReadonlyMap<number, DuplicateAction>;
    /**
     * The dry run staff just looked at, with this mapping: used as it is (the residents functions
     * still refuse a phone or ID number registered since, and that row is then rejected). Without
     * it the rows are analysed here, inside the transaction.
     */
    analysis?: Analysis;
  },
): ApplyResult {
  const { key, now, staffId } = opts;
  const clock = stayClock(centerTimeZone(db), now);
  return withStatementCache(db, () =>
    db
      .transaction((): ApplyResult => {
        const analysis = opts.analysis ?? analyseTable(db, table, mapping, { key, now });
        const importId = Number(
          db
            .prepare('INSERT INTO roster_imports (at, staff_id, consent_confirmed_by, file_name, file_format, rows_total) VALUES (?, ?, ?, ?, ?, ?)')
            .run(now.toISOString(), staffId, staffId, opts.fileName, table.format, analysis.counts.total).lastInsertRowid,
        );
        const result: ApplyResult = { importId, created: 0, updated: 0, merged: 0, skipped: 0, rejected: 0, rejectedRows: [] };
        const via = { via: 'import', importId, consent: 'paper', confirmedBy: staffId };
        for (const a of analysis.rows) {
          if (a.status === 'rejected' || !a.fields) {
            result.rejected++;
            result.rejectedRows.push({ index: a.index, row: a.row, problems: a.problems });
            continue;
          }
          const action = a.duplicate ? (opts.decisions.get(a.row) ?? 'skip') : null;
          if (action === 'skip') {
            result.skipped++;
            continue;
          }
          try {
            // A savepoint per row: a row the residents domain refuses leaves nothing behind.
            db.transaction(() => {
              if (!a.duplicate) {
                const r = insertResident(db, a.fields!, { key, now, consentVersion: PAPER_CONSENT_VERSION });
                recordStay(db, r.id, a, clock, true);
                recordAudit(db, { staffId, action: 'residents.register', subject: `resident:${r.id}`, detail: { ...via, consentVersion: PAPER_CONSENT_VERSION, row: a.row } }, now);
                result.created++;
              } else {
                const existing = getResident(db, a.duplicate.residentId)!;
                const fields = parseInput(residentFieldsSchema, combine(existing, a.fields!, a.provided, action!));
                const changed = updateResident(db, existing.id, fields, { key, now });
                const stay = recordStay(db, existing.id, a, clock, false);
                recordAudit(
                  db,
                  {
                    staffId,
                    action: 'residents.update',
                    subject: `resident:${existing.id}`,
                    detail: { ...via, mode: action, fields: changed, stay, row: a.row, reason: `名单导入 ${opts.fileName}` },
                  },
                  now,
                );
                if (action === 'update') result.updated++;
                else result.merged++;
              }
            })();
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
            result.rejected++;
            result.rejectedRows.push({ index: a.index, row: a.row, problems: [problemOf(e)] });
          }
        }
        db.prepare('UPDATE roster_imports SET created = ?, updated = ?, merged = ?, skipped = ?, rejected = ? WHERE id = ?').run(
          result.created,
          result.updated,
          result.merged,
          result.skipped,
          result.rejected,
          importId,
        );
        recordAudit(
          db,
          {
            staffId,
            action: 'import.roster',
            subject: `import:${importId}`,
            detail: { fileName: opts.fileName, format: table.format, consent: 'paper', confirmedBy: staffId, ...result, rejectedRows: result.rejectedRows.map((r) => r.row) },
          },
          now,
        );
        return result;
      })
      .immediate(),
  );
}
