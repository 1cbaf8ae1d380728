import { centerTimeZone, localDate } from '../localTime.js';
import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { fieldInvalid } from '../api/validate.js';

/** A stay is one visit: opened by 报到 (arrival), closed by 离开登记 (departure). */
export interface Stay {
  id: number;
  residentId: number;
  arrivedAt: string;
  plannedDeparture: string | null;
  departedAt: string | null;
  source: StaySource;
}
export type StaySource = 'kiosk' | 'staff' | 'retention' | 'merge';

const COLS = 'id, resident_id AS residentId, arrived_at AS arrivedAt, planned_departure AS plannedDeparture, departed_at AS departedAt, source';

export function openStayOf(db: Db, residentId: number): Stay | null {
  return (db.prepare(`SELECT ${COLS} FROM stays WHERE resident_id = ? AND departed_at IS NULL`).get(residentId) as Stay | undefined) ?? null;
}

export function listStays(db: Db, residentId: number): Stay[] {
  return db.prepare(`SELECT ${COLS} FROM stays WHERE resident_id = ? ORDER BY arrived_at DESC`).all(residentId) as Stay[];
}

/**
 * Opens a stay, or returns the one already open (checking in twice is not an error: the person is
 * simply here). A new planned departure replaces the old one.
 */
export function checkIn(db: Db, residentId: number, opts: { now: Date; plannedDeparture?: string | null; source: StaySource }): { stay: Stay; alreadyIn: boolean } {
  if (opts.plannedDeparture) assertPlannedDeparture(opts.plannedDeparture, opts.now, centerTimeZone(db));
  const at = opts.now.toISOString();
  db.prepare('UPDATE residents SET last_seen_at = ? WHERE id = ?').run(at, residentId);
  const open = openStayOf(db, residentId);
  if (open) {
    if (opts.plannedDeparture) {
      db.prepare('UPDATE stays SET planned_departure = ? WHERE id = ?').run(opts.plannedDeparture, open.id);
      open.plannedDeparture = opts.plannedDeparture;
    }
    return { stay: open, alreadyIn: true };
  }
  const info = db
    .prepare('INSERT INTO stays (resident_id, arrived_at, planned_departure, source) VALUES (?, ?, ?, ?)')
    .run(residentId, at, opts.plannedDeparture ?? null, opts.source);
  return {
    stay: { id: Number(info.lastInsertRowid), residentId, arrivedAt: at, plannedDeparture: opts.plannedDeparture ?? null, departedAt: null, source: opts.source },
    alreadyIn: false,
  };
}

/** A planned departure is a day from today (the center's calendar) to a year ahead: a seasonal stay, not a typo. */
export function assertPlannedDeparture(day: string, now: Date, timeZone: string): void {
  const today = localDate(now, timeZone);
  const limit = new Date(Date.parse(`${today}T00:00:00Z`));
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  if (day < today || day > limit.toISOString().slice(0, 10)) throw fieldInvalid('plannedDeparture', 'plannedDepartureRange');
}

/** Closes the open stay; NO_OPEN_STAY when the person is not checked in. */
export function checkOut(db: Db, residentId: number, now: Date): { stay: Stay; days: number } {
  const open = openStayOf(db, residentId);
  if (!open) throw new ApiError('NO_OPEN_STAY');
  const at = now.toISOString();
  db.prepare('UPDATE stays SET departed_at = ? WHERE id = ?').run(at, open.id);
  db.prepare('UPDATE residents SET last_seen_at = ? WHERE id = ?').run(at, residentId);
  return { stay: { ...open, departedAt: at }, days: stayDays(open.arrivedAt, at, centerTimeZone(db)) };
}

/** Length of a stay in calendar days as people count them: arriving and leaving the same day is 1 day. */
export function stayDays(arrivedAt: string, departedAt: string, timeZone: string): number {
  const day = (iso: string) => Date.parse(localDate(new Date(iso), timeZone)) / 86_400_000;
  return Math.max(1, day(departedAt) - day(arrivedAt) + 1);
}
