import type { Db } from '../connection.js';
import { centerTimeZone, localDate, startOfLocalDay } from '../localTime.js';

/**
 * The front desk's day: who arrived, who left, who is in town, and who is past their planned
 * departure (probably left without 离开登记 — worth a phone call). The day is the center's local
 * day (its time zone setting), like every other domain's.
 */
export function centerDayBounds(now: Date, timeZone: string): { start: string; end: string; date: string } {
  const date = localDate(now, timeZone);
  const start = startOfLocalDay(date, timeZone);
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { start: start.toISOString(), end: startOfLocalDay(next, timeZone).toISOString(), date };
}

export interface TodayRow {
  residentId: number;
  name: string | null;
  phone: string | null;
  arrivedAt: string;
  departedAt: string | null;
  plannedDeparture: string | null;
}

export interface TodaySummary {
  date: string;
  arrivals: number;
  departures: number;
  inTown: number;
  overdue: number;
  arrivalsList: TodayRow[];
  departuresList: TodayRow[];
  /** Everyone with an open stay, latest arrival first (the first `listLimit`; `inTown` is the full count). */
  inTownList: TodayRow[];
  overdueList: TodayRow[];
}

const ROW = `SELECT r.id AS residentId, r.name, r.phone, s.arrived_at AS arrivedAt, s.departed_at AS departedAt,
  s.planned_departure AS plannedDeparture FROM stays s JOIN residents r ON r.id = s.resident_id`;

export function todaySummary(db: Db, now: Date, listLimit = 200): TodaySummary {
  const { start, end, date } = centerDayBounds(now, centerTimeZone(db));
  const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
  return {
    date,
    arrivals: count('SELECT COUNT(*) AS n FROM stays WHERE arrived_at >= ? AND arrived_at < ?', start, end),
    departures: count('SELECT COUNT(*) AS n FROM stays WHERE departed_at >= ? AND departed_at < ?', start, end),
    inTown: count('SELECT COUNT(*) AS n FROM stays WHERE departed_at IS NULL'),
    overdue: count('SELECT COUNT(*) AS n FROM stays WHERE departed_at IS NULL AND planned_departure < ?', date),
    arrivalsList: db.prepare(`${ROW} WHERE s.arrived_at >= ? AND s.arrived_at < ? ORDER BY s.arrived_at DESC LIMIT ?`).all(start, end, listLimit) as TodayRow[],
    departuresList: db.prepare(`${ROW} WHERE s.departed_at >= ? AND s.departed_at < ? ORDER BY s.departed_at DESC LIMIT ?`).all(start, end, listLimit) as TodayRow[],
    inTownList: db.prepare(`${ROW} WHERE s.departed_at IS NULL ORDER BY s.arrived_at DESC LIMIT ?`).all(listLimit) as TodayRow[],
    overdueList: db.prepare(`${ROW} WHERE s.departed_at IS NULL AND s.planned_departure < ? ORDER BY s.planned_departure LIMIT ?`).all(date, listLimit) as TodayRow[],
  };
}
