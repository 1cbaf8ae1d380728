import type { PeriodChoice } from '../../../../db/api/contract/reports.js';

/**
 * The period picker's state (统计时段) turned into the host's period model (db/reports/period.ts):
 * a relative kind, a fixed month (某月) or a custom range (自定义). One piece for the dashboard and
 * 自定义统计, so both offer the same choices and refuse the same mistakes before asking the host.
 */
export const periodKinds = ['today', '7d', 'month', 'lastMonth', 'season', 'lastSeason', 'monthOf', 'custom'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export interface PeriodParts {
  kind: PeriodKind;
  /** 'YYYY-MM' for 某月. */
  month: string;
  /** 'YYYY-MM-DD' for 自定义. */
  from: string;
  to: string;
}

/** The host refuses longer ranges (REPORT_PERIOD_INVALID). */
export const MAX_RANGE_DAYS = 400;

export type PeriodProblem = 'pickMonth' | 'pickBoth' | 'tooLong' | null;

const isMonth = (v: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
const isDay = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  // 2026-02-30 is not a day (Date would roll it over to March); 2026-13-01 is not even a date.
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};

/** Why the parts do not make a period yet (null: they do). */
export function periodProblem(p: PeriodParts): PeriodProblem {
  if (p.kind === 'monthOf') return isMonth(p.month) ? null : 'pickMonth';
  if (p.kind !== 'custom') return null;
  if (!isDay(p.from) || !isDay(p.to) || p.from > p.to) return 'pickBoth';
  const days = Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000);
  return days > MAX_RANGE_DAYS ? 'tooLong' : null;
}

/** The period the parts describe, or null while they are incomplete. */
export function choiceOf(p: PeriodParts): PeriodChoice | null {
  if (periodProblem(p)) return null;
  if (p.kind === 'monthOf') return { kind: 'monthOf', month: p.month };
  if (p.kind === 'custom') return { kind: 'custom', from: p.from, to: p.to };
  return { kind: p.kind };
}

/** The picker's fields for a period (e.g. a saved template's), keeping what was typed for the others. */
export function partsOf(c: PeriodChoice, keep: PeriodParts): PeriodParts {
  if (c.kind === 'monthOf') return { ...keep, kind: 'monthOf', month: c.month };
  if (c.kind === 'custom') return { ...keep, kind: 'custom', from: c.from, to: c.to };
  return { ...keep, kind: c.kind };
}

export function sameChoice(a: PeriodChoice | null, b: PeriodChoice | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
