import { createHash, randomBytes } from 'node:crypto';
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

/** How long a departure may be taken back (离开登记 → 撤销). */
export const UNDO_DEPARTURE_MS = 30_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A token that lets the kiosk which recorded a departure take it back within {@link UNDO_DEPARTURE_MS}. */
export function issueDepartureUndo(db: Db, stayId: number, now: Date): { undoToken: string; undoUntil: string } {
  const undoToken = randomBytes(18).toString('base64url');
  const undoUntil = new Date(now.getTime() + UNDO_DEPARTURE_MS).toISOString();
  db.prepare('DELETE FROM stay_undo WHERE expires_at < ?').run(now.toISOString());
  db.prepare('INSERT INTO stay_undo (token_hash, stay_id, expires_at) VALUES (?, ?, ?)').run(sha256(undoToken), stayId, undoUntil);
  return { undoToken, undoUntil };
}

/**
 * Reopens the stay a departure closed, if the time has not run out and the person has not checked
 * in again since. Returns the reopened stay; UNDO_EXPIRED otherwise. The token is spent either way.
 */
export function undoDeparture(db: Db, target: { undoToken: string } | { stayId: number; departedAfter: string }, now: Date): Stay {
  let stayId: number;
  if ('undoToken' in target) {
    const row = db.prepare('SELECT stay_id, expires_at FROM stay_undo WHERE token_hash = ?').get(sha256(target.undoToken)) as { stay_id: number; expires_at: string } | undefined;
    db.prepare('DELETE FROM stay_undo WHERE token_hash = ?').run(sha256(target.undoToken));
    if (!row || Date.parse(row.expires_at) < now.getTime()) throw new ApiError('UNDO_EXPIRED');
    stayId = row.stay_id;
  } else stayId = target.stayId;
  const stay = db.prepare(`SELECT ${COLS} FROM stays WHERE id = ?`).get(stayId) as Stay | undefined;
  if (!stay?.departedAt) throw new ApiError('UNDO_EXPIRED');
  if ('departedAfter' in target && stay.departedAt < target.departedAfter) throw new ApiError('UNDO_EXPIRED');
  if (openStayOf(db, stay.residentId)) throw new ApiError('UNDO_EXPIRED');
  db.prepare('UPDATE stays SET departed_at = NULL WHERE id = ?').run(stay.id);
  return { ...stay, departedAt: null };
}
