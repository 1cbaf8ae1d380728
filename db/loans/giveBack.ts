import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { recordAudit } from '../audit.js';
import { getCategory } from '../inventory/categories.js';
import { formatFen } from '../inventory/money.js';
import { addMinutes } from '../inventory/time.js';
import { findUnitByCode, getUnit, type Unit } from '../inventory/units.js';

export type ReturnCondition = 'good' | 'damaged' | 'lost';

export interface ReturnInput {
  unitCode?: string | undefined;
  loanId?: number | undefined;
  condition: ReturnCondition;
  note?: string | undefined;
  /** Deposit handed back; defaults to all of it when 完好, none of it when 丢失, all of it when 损坏. */
  refundFen?: number | undefined;
  staffId: number | null;
}

export interface ReturnResult {
  loanId: number;
  unit: Unit;
  refundFen: number;
  keptFen: number;
}

/**
 * Closes the open loan of a unit in one transaction with the unit's new state: 完好 → 在库 (消毒中
 * for the category's buffer), 损坏 → 维修中, 丢失 → 报废. The deposit is split exactly into refunded
 * and kept so the books always add up.
 */
export function returnLoan(db: Db, input: ReturnInput, now: Date): ReturnResult {
  const open = input.loanId
    ? (db.prepare('SELECT id, unit_id AS unitId, deposit_fen AS depositFen FROM loans WHERE id = ? AND returned_at IS NULL').get(input.loanId) as OpenLoan | undefined)
    : findOpenLoanByCode(db, input.unitCode ?? '', now);
  if (!open) {
    if (input.loanId) throw new ApiError('NOT_FOUND');
    throw new ApiError('LOAN_NOT_OUT', { tag: findUnitByCode(db, input.unitCode ?? '', now).assetTag });
  }
  const refundFen = input.refundFen ?? (input.condition === 'lost' ? 0 : open.depositFen);
  if (refundFen > open.depositFen) throw new ApiError('LOAN_REFUND_TOO_MUCH', { deposit: formatFen(open.depositFen) });
  const keptFen = open.depositFen - refundFen;
  // Keeping money for a damaged item is a decision the resident may ask about later: say why.
  if (input.condition === 'damaged' && keptFen > 0 && !input.note?.trim()) throw new ApiError('LOAN_KEEP_NEEDS_REASON', { kept: formatFen(keptFen) });
  const at = now.toISOString();
  db.prepare(`UPDATE loans SET returned_at = ?, condition = ?, return_note = ?, refund_fen = ?, kept_fen = ?, return_staff_id = ? WHERE id = ?`).run(
    at,
    input.condition,
    input.note?.trim() || null,
    refundFen,
    keptFen,
    input.staffId,
    open.id,
  );

  const unit = getUnit(db, open.unitId, now);
  if (input.condition === 'good') {
    const minutes = getCategory(db, unit.categoryId).cleaningMinutes;
    const cleanUntil = minutes > 0 ? addMinutes(now, minutes).toISOString() : null;
    db.prepare("UPDATE loan_units SET status = 'available', clean_until = ?, updated_at = ? WHERE id = ?").run(cleanUntil, at, unit.id);
  } else {
    const status = input.condition === 'damaged' ? 'repair' : 'retired';
    db.prepare('UPDATE loan_units SET status = ?, clean_until = NULL, note = ?, updated_at = ? WHERE id = ?').run(
      status,
      input.note?.trim() || (input.condition === 'damaged' ? '归还时损坏' : '借用人丢失'),
      at,
      unit.id,
    );
  }
  recordAudit(
    db,
    { staffId: input.staffId, action: 'loans.return', subject: `loan:${open.id}`, detail: { tag: unit.assetTag, condition: input.condition, refundFen, keptFen } },
    now,
  );
  return { loanId: open.id, unit: getUnit(db, unit.id, now), refundFen, keptFen };
}

interface OpenLoan {
  id: number;
  unitId: number;
  depositFen: number;
}

function findOpenLoanByCode(db: Db, code: string, now: Date): OpenLoan | undefined {
  const unit = findUnitByCode(db, code, now);
  return db.prepare('SELECT id, unit_id AS unitId, deposit_fen AS depositFen FROM loans WHERE unit_id = ? AND returned_at IS NULL').get(unit.id) as OpenLoan | undefined;
}
