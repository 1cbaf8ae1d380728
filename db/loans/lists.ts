import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { recordAudit } from '../audit.js';

export interface LoanRow {
  id: number;
  unitId: number;
  assetTag: string;
  categoryName: string;
  categoryNameEn: string;
  residentId: number;
  residentName: string;
  residentPhone: string | null;
  outAt: string;
  dueAt: string;
  depositFen: number;
  depositMethod: string;
  overrideReason: string | null;
  remindedAt: string | null;
  returnedAt: string | null;
  condition: 'good' | 'damaged' | 'lost' | null;
  returnNote: string | null;
  refundFen: number | null;
  keptFen: number | null;
  overdue: boolean;
}

const select = `SELECT l.id, l.unit_id AS unitId, u.asset_tag AS assetTag, c.name AS categoryName, c.name_en AS categoryNameEn,
  l.resident_id AS residentId, COALESCE(r.name, '') AS residentName, r.phone AS residentPhone,
  l.out_at AS outAt, l.due_at AS dueAt, l.deposit_fen AS depositFen, l.deposit_method AS depositMethod,
  l.override_reason AS overrideReason, l.reminded_at AS remindedAt, l.returned_at AS returnedAt,
  l.condition, l.return_note AS returnNote, l.refund_fen AS refundFen, l.kept_fen AS keptFen,
  (l.returned_at IS NULL AND l.due_at < @now) AS overdue
  FROM loans l
  JOIN loan_units u ON u.id = l.unit_id
  JOIN loan_categories c ON c.id = u.category_id
  JOIN residents r ON r.id = l.resident_id`;

const toRow = (r: LoanRow): LoanRow => ({ ...r, overdue: Boolean(r.overdue) });

/** 借出中: every open loan, soonest due first (overdue ones therefore on top). */
export function listOpenLoans(db: Db, now: Date): LoanRow[] {
  return (db.prepare(`${select} WHERE l.returned_at IS NULL ORDER BY l.due_at LIMIT 1000`).all({ now: now.toISOString() }) as LoanRow[]).map(toRow);
}

/** 已逾期: open loans past due, on the partial index of open loans by due time. */
export function listOverdueLoans(db: Db, now: Date): LoanRow[] {
  return (db.prepare(`${select} WHERE l.returned_at IS NULL AND l.due_at < @now ORDER BY l.due_at LIMIT 1000`).all({ now: now.toISOString() }) as LoanRow[]).map(toRow);
}

export function loanHistory(db: Db, filter: { unitId?: number | undefined; residentId?: number | undefined }, now: Date): LoanRow[] {
  if (filter.unitId)
    return (db.prepare(`${select} WHERE l.unit_id = @id ORDER BY l.out_at DESC LIMIT 500`).all({ now: now.toISOString(), id: filter.unitId }) as LoanRow[]).map(toRow);
  if (filter.residentId)
    return (db.prepare(`${select} WHERE l.resident_id = @id ORDER BY l.out_at DESC LIMIT 500`).all({ now: now.toISOString(), id: filter.residentId }) as LoanRow[]).map(toRow);
  return [];
}

export function getLoan(db: Db, id: number, now: Date): LoanRow {
  const row = db.prepare(`${select} WHERE l.id = @id`).get({ now: now.toISOString(), id }) as LoanRow | undefined;
  if (!row) throw new ApiError('NOT_FOUND');
  return toRow(row);
}

/** 已电话提醒: when staff last called about this loan. */
export function markReminded(db: Db, loanId: number, staffId: number | null, now: Date): LoanRow {
  const changed = db.prepare('UPDATE loans SET reminded_at = ? WHERE id = ? AND returned_at IS NULL').run(now.toISOString(), loanId).changes;
  if (!changed) throw new ApiError('NOT_FOUND');
  recordAudit(db, { staffId, action: 'loans.remind', subject: `loan:${loanId}` }, now);
  return getLoan(db, loanId, now);
}

/** For the staff home screen: out now, due today (local), overdue. */
export function loanSummary(db: Db, now: Date, endOfToday: string): { out: number; dueToday: number; overdue: number } {
  const nowIso = now.toISOString();
  return db
    .prepare(
      `SELECT COUNT(*) AS out,
        COALESCE(SUM(due_at >= @now AND due_at < @end), 0) AS dueToday,
        COALESCE(SUM(due_at < @now), 0) AS overdue
       FROM loans WHERE returned_at IS NULL`,
    )
    .get({ now: nowIso, end: endOfToday }) as { out: number; dueToday: number; overdue: number };
}

/** How often each category is lent (for the reports issue). */
export function categoryUsage(db: Db, from: string, to: string): Array<{ categoryId: number; name: string; loans: number }> {
  return db
    .prepare(
      `SELECT c.id AS categoryId, c.name, COUNT(l.id) AS loans FROM loan_categories c
       LEFT JOIN loan_units u ON u.category_id = c.id
       LEFT JOIN loans l ON l.unit_id = u.id AND l.out_at >= ? AND l.out_at < ?
       WHERE c.kind = 'equipment' GROUP BY c.id ORDER BY loans DESC, c.id`,
    )
    .all(from, to) as Array<{ categoryId: number; name: string; loans: number }>;
}
