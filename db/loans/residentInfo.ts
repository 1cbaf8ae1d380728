import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { residentForTicket } from '../residents/priority.js';

/**
 * The little the loan desk needs about a resident, read from the residents module's table:
 * who the card belongs to and a name and phone to call about an overdue item.
 * (Read-only; the residents module owns every write.)
 */
export interface LoanResident {
  id: number;
  cardNo: string;
  name: string;
  phone: string | null;
}

const select = "SELECT id, card_no AS cardNo, COALESCE(name, '') AS name, phone, status FROM residents";

/** A scanned service card (`HNR1:…`) or a typed card number → the active resident, or a Chinese message. */
export function residentByCard(db: Db, code: string, now: Date): LoanResident {
  const found = residentForTicket(db, code, now);
  if (!found) throw new ApiError('LOAN_RESIDENT_UNKNOWN');
  return residentById(db, found.residentId);
}

/**
 * Only an active record may borrow or reserve: a merged-away record (its card resolves to the kept
 * person through `residentByCard`, so only a stale id lands here) or an erased one is refused with
 * a message that says why.
 */
export function residentById(db: Db, id: number): LoanResident {
  const row = db.prepare(`${select} WHERE id = ?`).get(id) as (LoanResident & { status: string }) | undefined;
  if (!row) throw new ApiError('LOAN_RESIDENT_UNKNOWN');
  if (row.status === 'merged') throw new ApiError('LOAN_RESIDENT_MERGED');
  if (row.status !== 'active') throw new ApiError('LOAN_RESIDENT_ERASED');
  const { status: _status, ...resident } = row;
  return resident;
}

/** 张*华 / 李* : a slip lying on a counter should not name its borrower in full. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars.at(-1);
}
