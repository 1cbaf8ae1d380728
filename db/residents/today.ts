import type { Db } from '../connection.js';

/**
 * The front desk's day: who arrived, who left, who is in town, and who is past their planned
 * departure (probably left without 离开登记 — worth a phone call). Days are China time (UTC+8),
 * the only time zone these centers use.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function chinaDayBounds(now: Date): { start: string; end: string; date: string } {
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  const date = local.toISOString().slice(0, 10);
  const start = new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
  return { start: start.toISOString(), end: new Date(start.getTime() + 86_400_000).toISOString(), date };
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
  overdueList: TodayRow[];
}

const ROW = `SELECT r.id AS residentId, r.name, r.phone, s.arrived_at AS arrivedAt, s.departed_at AS departedAt,
  s.planned_departure AS plannedDeparture FROM stays s JOIN residents r ON r.id = s.resident_id`;

export function todaySummary(db: Db, now: Date, listLimit = 200): TodaySummary {
  const { start, end, date } = chinaDayBounds(now);
  const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
  return {
    date,
    arrivals: count('SELECT COUNT(*) AS n FROM stays WHERE arrived_at >= ? AND arrived_at < ?', start, end),
    departures: count('SELECT COUNT(*) AS n FROM stays WHERE departed_at >= ? AND departed_at < ?', start, end),
    inTown: count('SELECT COUNT(*) AS n FROM stays WHERE departed_at IS NULL'),
    overdue: count('SELECT COUNT(*) AS n FROM stays WHERE departed_at IS NULL AND planned_departure < ?', date),
    arrivalsList: db.prepare(`${ROW} WHERE s.arrived_at >= ? AND s.arrived_at < ? ORDER BY s.arrived_at DESC LIMIT ?`).all(start, end, listLimit) as TodayRow[],
    departuresList: db.prepare(`${ROW} WHERE s.departed_at >= ? AND s.departed_at < ? ORDER BY s.departed_at DESC LIMIT ?`).all(start, end, listLimit) as TodayRow[],
    overdueList: db
      .prepare(`${ROW} WHERE s.departed_at IS NULL AND s.planned_departure < ? ORDER BY s.planned_departure LIMIT ?`)
      .all(date, listLimit) as TodayRow[],
  };
}
