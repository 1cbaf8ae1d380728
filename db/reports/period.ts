import type { Db } from '../connection.js';
import { centerTimeZone, localDate, startOfLocalDay } from '../localTime.js';
import { readSetting } from '../settings.js';
import { ApiError } from '../errors/index.js';

/**
 * A report period as a person picks it (今天, 近 7 天, 本月, 上月, 本季, 上季, a month, a custom
 * range) turned into the center's local days and the UTC instants where each day begins. Every
 * figure counts on these boundaries, so a stay at 23:30 Beijing time lands on the Beijing day.
 */
export type PeriodInput =
  { kind: 'today' | '7d' | 'month' | 'lastMonth' | 'season' | 'lastSeason' } | { kind: 'monthOf'; month: string } | { kind: 'custom'; from: string; to: string };

export interface ResolvedPeriod {
  kind: PeriodInput['kind'];
  /** First and last local day, inclusive ('YYYY-MM-DD'). */
  from: string;
  to: string;
  /** UTC instant the first day begins; UTC instant after the last day ends (exclusive). */
  start: string;
  end: string;
  /** Every local day of the period and, one longer, the instants they begin (the last = end). */
  days: string[];
  dayStarts: string[];
  timeZone: string;
  /** The start of the season the period begins in: stays before it make a 返程居民. */
  seasonStart: string;
  /** When the figures were computed; open stays and loans count up to here. */
  asOf: string;
  /** The reference year for ages (the year the period ends in). */
  ageYear: number;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

export interface SeasonDays {
  from: string;
  to: string;
}

/**
 * The season a local day falls in (or the last one before it, in the months between seasons).
 * A winter season (10-01 → 04-30) spans the new year; a summer one (06-01 → 09-30) does not.
 */
export function seasonOf(day: string, season: { start: string; end: string }, offset = 0): SeasonDays {
  const year = Number(day.slice(0, 4));
  const md = day.slice(5);
  const crosses = season.start > season.end;
  let startYear: number;
  if (crosses) startYear = md >= season.start ? year : year - 1;
  else startYear = md >= season.start ? year : year - 1;
  startYear += offset;
  const endYear = crosses ? startYear + 1 : startYear;
  const from = `${startYear}-${season.start}`;
  // 02-29 in a year without one: the day before 03-01.
  const endDay = `${endYear}-${season.end}`;
  const to = new Date(`${endDay}T00:00:00Z`).toISOString().slice(0, 10) === endDay ? endDay : addDays(`${endYear}-03-01`, -1);
  return { from, to };
}

function isDay(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
}

export function resolvePeriod(db: Db, input: PeriodInput, now: Date): ResolvedPeriod {
  const timeZone = centerTimeZone(db);
  const season = readSetting(db, 'reports.season');
  const today = localDate(now, timeZone);
  let from: string;
  let to: string;
  switch (input.kind) {
    case 'today':
      from = to = today;
      break;
    case '7d':
      from = addDays(today, -6);
      to = today;
      break;
    case 'month':
      from = `${today.slice(0, 7)}-01`;
      to = today;
      break;
    case 'lastMonth': {
      const m = addMonths(today.slice(0, 7), -1);
      from = `${m}-01`;
      to = lastDayOfMonth(m);
      break;
    }
    case 'monthOf':
      from = `${input.month}-01`;
      to = lastDayOfMonth(input.month);
      break;
    case 'season':
    case 'lastSeason': {
      const s = seasonOf(today, season, input.kind === 'lastSeason' ? -1 : 0);
      from = s.from;
      // This season's figures run to today, not into days that have not happened.
      to = s.to > today ? today : s.to;
      break;
    }
    case 'custom':
      from = input.from;
      to = input.to;
      break;
  }
  if (!isDay(from) || !isDay(to) || from > to || daysBetween(from, to) > 400) throw new ApiError('REPORT_PERIOD_INVALID');
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const dayStarts = [...days, addDays(to, 1)].map((d) => startOfLocalDay(d, timeZone).toISOString());
  const seasonFrom = seasonOf(from, season).from;
  return {
    kind: input.kind,
    from,
    to,
    start: dayStarts[0]!,
    end: dayStarts[dayStarts.length - 1]!,
    days,
    dayStarts,
    timeZone,
    seasonStart: startOfLocalDay(seasonFrom, timeZone).toISOString(),
    asOf: now.toISOString(),
    ageYear: Number(to.slice(0, 4)),
  };
}

/** The same period one month (or one season) earlier/later, for 汇总's comparison columns. */
export function monthPeriod(db: Db, month: string, now: Date): ResolvedPeriod {
  return resolvePeriod(db, { kind: 'monthOf', month }, now);
}

/** [day, start, end) triples as JSON for `json_each`: SQL counts per local day on an index. */
export function dayBucketsJson(p: ResolvedPeriod): string {
  return JSON.stringify(p.days.map((d, i) => [d, p.dayStarts[i], p.dayStarts[i + 1]]));
}

/** Weeks (Monday to Sunday, cut to the period) as [label, start, end) triples. */
export function weekBuckets(p: ResolvedPeriod): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  let i = 0;
  while (i < p.days.length) {
    let j = i + 1;
    while (j < p.days.length && new Date(`${p.days[j]}T00:00:00Z`).getUTCDay() !== 1) j++;
    out.push([p.days[i]!, p.dayStarts[i]!, p.dayStarts[j]!]);
    i = j;
  }
  return out;
}
