import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { recordAudit } from '../audit.js';
import { getCategory, requireKind } from '../inventory/categories.js';
import { centerTimeZone, localDate } from '../localTime.js';
import { residentById } from './residentInfo.js';

export type ReservationStatus = 'held' | 'collected' | 'cancelled' | 'expired';

export interface Reservation {
  id: number;
  categoryId: number;
  categoryName: string;
  categoryNameEn: string;
  residentId: number;
  residentName: string;
  residentPhone: string | null;
  forDate: string;
  status: ReservationStatus;
  note: string | null;
}

/**
 * A hold on a category (not a unit) for a local date. It expires by itself: a hold for a day that
 * has passed is reported as expired and counts for nothing, so no sweeper job is needed.
 */
export function reserve(db: Db, input: { categoryId: number; residentId: number; forDate: string; note?: string | undefined; staffId: number | null }, now: Date): Reservation {
  const category = getCategory(db, input.categoryId);
  requireKind(category, 'equipment');
  residentById(db, input.residentId);
  const today = localDate(now, centerTimeZone(db));
  if (input.forDate < today) throw new ApiError('LOAN_RESERVE_DATE_PASSED', { date: input.forDate });
  // Today: what is on the shelf now. A later day: every unit that is not in repair or retired.
  const capacity = (
    input.forDate === today
      ? db
          .prepare("SELECT COUNT(*) AS n FROM loan_units WHERE category_id = ? AND status = 'available' AND (clean_until IS NULL OR clean_until <= ?)")
          .get(category.id, now.toISOString())
      : db.prepare("SELECT COUNT(*) AS n FROM loan_units WHERE category_id = ? AND status IN ('available', 'out')").get(category.id)
  ) as { n: number };
  const held = (
    db.prepare("SELECT COUNT(*) AS n FROM loan_reservations WHERE category_id = ? AND for_date = ? AND status = 'held'").get(category.id, input.forDate) as { n: number }
  ).n;
  if (capacity.n - held < 1) throw new ApiError('LOAN_NONE_TO_RESERVE', { name: category.name, date: input.forDate });
  const { lastInsertRowid } = db
    .prepare("INSERT INTO loan_reservations (category_id, resident_id, for_date, status, note, staff_id, created_at) VALUES (?, ?, ?, 'held', ?, ?, ?)")
    .run(category.id, input.residentId, input.forDate, input.note?.trim() || null, input.staffId, now.toISOString());
  const id = Number(lastInsertRowid);
  recordAudit(db, { staffId: input.staffId, action: 'loans.reserve', subject: `reservation:${id}`, detail: { categoryId: category.id, forDate: input.forDate } }, now);
  return getReservation(db, id, now);
}

const select = `SELECT r.id, r.category_id AS categoryId, c.name AS categoryName, c.name_en AS categoryNameEn, r.resident_id AS residentId,
  COALESCE(p.name, '') AS residentName, p.phone AS residentPhone, r.for_date AS forDate, r.status, r.note
  FROM loan_reservations r JOIN loan_categories c ON c.id = r.category_id JOIN residents p ON p.id = r.resident_id`;

const withExpiry = (r: Reservation, today: string): Reservation => (r.status === 'held' && r.forDate < today ? { ...r, status: 'expired' } : r);

export function getReservation(db: Db, id: number, now: Date): Reservation {
  const row = db.prepare(`${select} WHERE r.id = ?`).get(id) as Reservation | undefined;
  if (!row) throw new ApiError('NOT_FOUND');
  return withExpiry(row, localDate(now, centerTimeZone(db)));
}

/** Upcoming and today's holds, plus the last week's for context. */
export function listReservations(db: Db, now: Date): Reservation[] {
  const timeZone = centerTimeZone(db);
  const today = localDate(now, timeZone);
  const weekAgo = localDate(new Date(now.getTime() - 7 * 86_400_000), timeZone);
  return (db.prepare(`${select} WHERE r.for_date >= ? ORDER BY r.for_date, r.id LIMIT 500`).all(weekAgo) as Reservation[]).map((r) => withExpiry(r, today));
}

export function cancelReservation(db: Db, id: number, staffId: number | null, now: Date): Reservation {
  const r = getReservation(db, id, now);
  if (r.status !== 'held') throw new ApiError('LOAN_RESERVATION_CLOSED');
  db.prepare("UPDATE loan_reservations SET status = 'cancelled' WHERE id = ?").run(id);
  recordAudit(db, { staffId, action: 'loans.cancelReservation', subject: `reservation:${id}` }, now);
  return getReservation(db, id, now);
}
