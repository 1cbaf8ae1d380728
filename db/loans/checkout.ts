import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { recordAudit } from '../audit.js';
import { getCategory } from '../inventory/categories.js';
import { addMinutes } from '../inventory/time.js';
import { centerTimeZone, localDate } from '../localTime.js';
import { assertLendable, findUnitByCode, getUnit, type Unit } from '../inventory/units.js';
import { residentById } from './residentInfo.js';

export type DepositMethod = 'cash' | 'wechat' | 'alipay' | 'waived';

export interface CheckoutInput {
  residentId: number;
  /** A scanned label or typed tag; or `unitId` when picked from a list. */
  unitCode?: string | undefined;
  unitId?: number | undefined;
  /** Defaults to now + the category's loan period. */
  dueAt?: string | undefined;
  depositFen: number;
  depositMethod: DepositMethod;
  /** Lets a resident with an overdue item borrow anyway; recorded on the loan and in the audit log. */
  overrideReason?: string | undefined;
  staffId: number | null;
}

export interface CheckoutResult {
  loanId: number;
  unit: Unit;
  dueAt: string;
  reservationId: number | null;
}

export function overdueCount(db: Db, residentId: number, now: Date): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM loans WHERE resident_id = ? AND returned_at IS NULL AND due_at < ?').get(residentId, now.toISOString()) as { n: number }).n;
}

/**
 * Lends one unit. Run it inside `db.transaction(...).immediate()`: the write lock is taken before
 * the unit is read, so two desks scanning the same wheelchair serialise and the second sees
 * 已经借出. The partial unique index on open loans is the backstop.
 */
export function checkout(db: Db, input: CheckoutInput, now: Date): CheckoutResult {
  const resident = residentById(db, input.residentId);
  const unit = input.unitId ? getUnit(db, input.unitId, now) : findUnitByCode(db, input.unitCode ?? '', now);
  assertLendable(unit, centerTimeZone(db));
  const category = getCategory(db, unit.categoryId);

  const overdue = overdueCount(db, resident.id, now);
  const override = input.overrideReason?.trim() || null;
  if (overdue > 0 && !override) throw new ApiError('LOAN_RESIDENT_OVERDUE', { count: overdue });

  const reservationId = claimReservation(db, unit, category.name, resident.id, now);

  const dueAt = input.dueAt ?? addMinutes(now, category.loanMinutes).toISOString();
  if (dueAt <= now.toISOString()) throw new ApiError('LOAN_DUE_BEFORE_OUT');
  const fen = input.depositMethod === 'waived' ? 0 : input.depositFen;
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO loans (unit_id, resident_id, out_at, due_at, deposit_fen, deposit_method, override_reason, staff_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(unit.id, resident.id, now.toISOString(), dueAt, fen, input.depositMethod, overdue > 0 ? override : null, input.staffId);
  const loanId = Number(lastInsertRowid);
  db.prepare("UPDATE loan_units SET status = 'out', clean_until = NULL, updated_at = ? WHERE id = ?").run(now.toISOString(), unit.id);
  if (reservationId) db.prepare("UPDATE loan_reservations SET status = 'collected', loan_id = ? WHERE id = ?").run(loanId, reservationId);
  recordAudit(
    db,
    {
      staffId: input.staffId,
      action: 'loans.checkout',
      subject: `loan:${loanId}`,
      detail: { tag: unit.assetTag, residentId: resident.id, dueAt, depositFen: fen, method: input.depositMethod, ...(overdue > 0 ? { overrideReason: override, overdue } : {}) },
    },
    now,
  );
  return { loanId, unit: getUnit(db, unit.id, now), dueAt, reservationId };
}

/**
 * Today's held reservations count against what can be lent. The resident's own hold is collected;
 * otherwise the unit may go only if enough free units remain for everyone else's holds.
 */
function claimReservation(db: Db, unit: Unit, categoryName: string, residentId: number, now: Date): number | null {
  const today = localDate(now, centerTimeZone(db));
  const holds = db
    .prepare("SELECT id, resident_id AS residentId FROM loan_reservations WHERE category_id = ? AND for_date = ? AND status = 'held' ORDER BY id")
    .all(unit.categoryId, today) as Array<{ id: number; residentId: number }>;
  const own = holds.find((h) => h.residentId === residentId);
  if (own) return own.id;
  if (holds.length === 0) return null;
  const free = (
    db
      .prepare("SELECT COUNT(*) AS n FROM loan_units WHERE category_id = ? AND status = 'available' AND (clean_until IS NULL OR clean_until <= ?)")
      .get(unit.categoryId, now.toISOString()) as { n: number }
  ).n;
  if (free - holds.length < 1) throw new ApiError('LOAN_CATEGORY_RESERVED', { name: categoryName });
  return null;
}
