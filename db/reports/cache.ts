import type { Db } from '../connection.js';
import type { ReportSeries } from '../api/contract/reportCharts.js';
import type { ResolvedPeriod } from './period.js';

/**
 * The dashboard's figures kept per report module and period, valid while nothing they are
 * computed from has changed (issue 15: the season dashboard in < 300 ms).
 *
 * Migration 17 keeps one counter per table in `report_changes`, bumped by a trigger in the same
 * transaction as every insert, update and delete on that table — by any code path, so a domain
 * cannot forget to. A module that opts in (`ReportModule.cache`) names the tables it reads; its
 * figures for a period are reused only while those counters are exactly what they were when the
 * figures were computed, so what the manager sees is never older than the last committed write.
 * A module that reads the clock (a loan still out counts up to now) puts the instant in its key.
 * Modules without `cache` are computed on every call.
 */
export interface ModuleCache {
  /** Every table the module's dashboard reads. */
  tables: readonly string[];
  /** Extra key parts beyond the period's days, zone, season start and age year (e.g. "up to now"). */
  key?(p: ResolvedPeriod): string;
}

interface Entry {
  stamp: string;
  series: ReportSeries[];
}

const LIMIT = 24;
const caches = new WeakMap<Db, Map<string, Entry>>();
let enabled = true;
/** How often kept figures were served or computed afresh (the tests check the cache is really used). */
export const reportCacheStats = { hits: 0, misses: 0 };

/** For the tests and the bench: compute everything afresh (the direct recount). */
export function setReportCache(on: boolean): void {
  enabled = on;
}

/** Whether kept figures may be used (false in the tests' and the bench's direct recount). */
export function reportCacheEnabled(): boolean {
  return enabled;
}

export function clearReportCache(db: Db): void {
  caches.delete(db);
}

/** A deep copy, so no caller can change what is kept (series are plain JSON: they cross the API as JSON). */
const copy = (series: ReportSeries[]): ReportSeries[] => JSON.parse(JSON.stringify(series)) as ReportSeries[];

function stampOf(db: Db, tables: readonly string[]): string {
  const rows = db.prepare('SELECT tbl, n FROM report_changes').raw().all() as Array<[string, number]>;
  const n = new Map(rows);
  return tables
    .map((t) => {
      const v = n.get(t);
      if (v === undefined) throw new Error(`report cache: table ${t} has no change counter (migration 17)`);
      return v;
    })
    .join(',');
}

/** The module's series for the period: the kept copy while its tables are unchanged, else `compute()`. */
export function cachedSeries(db: Db, id: string, cache: ModuleCache | undefined, p: ResolvedPeriod, compute: () => ReportSeries[]): ReportSeries[] {
  if (!enabled || !cache) return compute();
  const key = [id, p.timeZone, p.from, p.to, p.seasonStart, p.ageYear, cache.key?.(p) ?? ''].join('|');
  const stamp = stampOf(db, cache.tables);
  let map = caches.get(db);
  if (!map) caches.set(db, (map = new Map()));
  const hit = map.get(key);
  if (hit && hit.stamp === stamp) {
    // Most recently used last, so the oldest goes first when the map is full.
    map.delete(key);
    map.set(key, hit);
    reportCacheStats.hits++;
    return copy(hit.series);
  }
  const series = compute();
  reportCacheStats.misses++;
  map.delete(key);
  map.set(key, { stamp, series: copy(series) });
  while (map.size > LIMIT) map.delete(map.keys().next().value!);
  return series;
}

/**
 * A change ring (migration 20): how many writes it has counted, and the ids the writes after count
 * `since` touched — null when more have changed than the ring holds or the count went back (the file
 * was replaced), and the caller must recount. Read it in the same transaction as the figures.
 */
export function changedIdsSince(db: Db, ring: string, since: number | null, width: number): { n: number; ids: number[] | null } {
  const row = db.prepare('SELECT n, recent FROM report_changes WHERE tbl = ?').get(ring) as { n: number; recent: string } | undefined;
  if (!row) throw new Error(`report cache: no change ring ${ring} (migration 20)`);
  const held = row.recent.length / width;
  const changed = since === null ? Infinity : row.n - since;
  if (changed < 0 || changed > held) return { n: row.n, ids: null };
  const ids = new Set<number>();
  for (let i = held - changed; i < held; i++) ids.add(Number(row.recent.slice(i * width, (i + 1) * width)));
  return { n: row.n, ids: [...ids] };
}
