import type { Db } from '../connection.js';
import { changedIdsSince, reportCacheEnabled } from '../reports/cache.js';
import type { ResolvedPeriod } from '../reports/period.js';
import { RING_ID_WIDTH } from '../migrations/020_report_kept_figures.js';

/**
 * A period's population (来访居民) and what they are counted as: origins, age × sex, lodging, needs,
 * interests, 流动党员 and whether they came in an earlier season (issue 15).
 *
 * The population is everyone with a stay overlapping the period. Its residents are grouped in SQL
 * by everything the figures read (a "profile"; some ten thousand at 100,000 residents), each group
 * with the ids in it, and the figures are summed from the groups.
 *
 * The season dashboard is opened all day at a desk where every check-in changes it, and a recount
 * over 100,000 residents takes a quarter of a second. So a period's groups are kept, with which
 * group each resident was counted in; after a write only the residents it touched are counted again
 * (their old group loses them, the group they are in now gains them). Which residents were touched
 * comes from the change ring of migration 20, written by triggers in the same transaction as every
 * write; when more have changed than the ring holds, the period is recounted.
 */

/**
 * Residents with a stay overlapping [start, end): open stays, and closed stays that ended after
 * start — two ranges of the covering index stays_period. UNION ALL (use it with IN or DISTINCT):
 * a plain UNION made SQLite merge both halves in resident order by scanning every stay.
 */
export const POPULATION = `SELECT resident_id FROM stays WHERE departed_at >= :start AND arrived_at < :end
  UNION ALL SELECT resident_id FROM stays WHERE departed_at IS NULL AND arrived_at < :end`;

/** The same test for one resident `r` (an index seek on stays_resident). */
const IN_POPULATION = `EXISTS (SELECT 1 FROM stays s WHERE s.resident_id = r.id AND s.arrived_at < :end AND (s.departed_at IS NULL OR s.departed_at >= :start))`;

/** Everything the figures read of a resident, in this order (migration 20's trigger watches these columns). */
export const PROFILE_COLUMNS = `r.origin_province, r.origin_city, r.sex, r.birth_year, r.lodging_kind, r.lodging_id, r.party_member, r.needs, r.interests,
  EXISTS (SELECT 1 FROM stays o WHERE o.resident_id = r.id AND o.arrived_at < :seasonStart)`;
type Profile = [
  province: string | null,
  city: string | null,
  sex: string | null,
  birthYear: number | null,
  lodgingKind: string | null,
  lodgingId: number | null,
  party: number | null,
  needs: string | null,
  interests: string | null,
  returning: number,
];
type GroupRow = [...Profile, ids: string];

export interface PopulationTally {
  total: number;
  returning: number;
  party: number;
  /** province ('未填' when missing) → city ('未填') → residents */
  origins: Map<string, Map<string, number>>;
  /** birth year (null = 未填) → by sex */
  ageSex: Map<number | null, { M: number; F: number; U: number }>;
  lodgingKinds: Map<string, number>;
  lodgingIds: Map<number, number>;
  needs: Map<string, number>;
  interests: Map<string, number>;
}

interface Group {
  profile: Profile;
  n: number;
}

/** One period's groups, and for each resident id the group they are counted in (index + 1; 0: not in the population). */
interface Kept {
  ring: number;
  groups: Group[];
  byKey: Map<string, number>;
  groupOf: Int32Array;
}

const KEPT_PERIODS = 8;
const kept = new WeakMap<Db, Map<string, Kept>>();
/** How often a period was recounted or brought up to date (the tests check the fast path is taken). */
export const populationTallyStats = { recounts: 0, updates: 0 };

function groupRows(db: Db, p: ResolvedPeriod, where: string, ids?: number[]): GroupRow[] {
  return db
    .prepare(`SELECT ${PROFILE_COLUMNS}, group_concat(r.id) FROM residents r WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`)
    .raw()
    .all({ start: p.start, end: p.end, seasonStart: p.seasonStart, ...(ids ? { ids: JSON.stringify(ids) } : {}) }) as GroupRow[];
}

/** Adds the rows' residents to their groups. */
function count(k: Kept, rows: GroupRow[]): void {
  for (const row of rows) {
    const profile = row.slice(0, 10) as Profile;
    const key = JSON.stringify(profile);
    let g = k.byKey.get(key);
    if (g === undefined) {
      g = k.groups.push({ profile, n: 0 }) - 1;
      k.byKey.set(key, g);
    }
    const ids = row[10].split(',').map(Number);
    let top = 0;
    for (const id of ids) if (id > top) top = id;
    if (top >= k.groupOf.length) {
      const grown = new Int32Array(Math.max(top + 1, k.groupOf.length * 2));
      grown.set(k.groupOf);
      k.groupOf = grown;
    }
    for (const id of ids) k.groupOf[id] = g + 1;
    k.groups[g]!.n += ids.length;
  }
}

function recount(db: Db, p: ResolvedPeriod, ring: number): Kept {
  const k: Kept = { ring, groups: [], byKey: new Map(), groupOf: new Int32Array(0) };
  count(k, groupRows(db, p, `r.id IN (${POPULATION})`));
  return k;
}

/** Counts the given residents again: out of the group they were in, into the one they are in now (if any). */
function update(db: Db, p: ResolvedPeriod, k: Kept, ids: number[]): void {
  for (const id of ids) {
    const g = id < k.groupOf.length ? k.groupOf[id]! : 0;
    if (g) {
      k.groups[g - 1]!.n--;
      k.groupOf[id] = 0;
    }
  }
  count(k, groupRows(db, p, `r.id IN (SELECT value FROM json_each(:ids)) AND ${IN_POPULATION}`, ids));
}

const jsonList = new Map<string, string[]>();
function list(json: string | null): string[] {
  if (json === null || json === '[]') return [];
  let xs = jsonList.get(json);
  if (!xs) {
    xs = (JSON.parse(json) as unknown[]).map(String);
    if (jsonList.size > 10_000) jsonList.clear();
    jsonList.set(json, xs);
  }
  return xs;
}

const add = <K>(m: Map<K, number>, key: K, n: number) => m.set(key, (m.get(key) ?? 0) + n);

function sum(groups: readonly Group[]): PopulationTally {
  const t: PopulationTally = {
    total: 0,
    returning: 0,
    party: 0,
    origins: new Map(),
    ageSex: new Map(),
    lodgingKinds: new Map(),
    lodgingIds: new Map(),
    needs: new Map(),
    interests: new Map(),
  };
  for (const { profile, n } of groups) {
    if (!n) continue;
    const [province, city, sex, birthYear, lodgingKind, lodgingId, party, needs, interests, returning] = profile;
    t.total += n;
    if (returning) t.returning += n;
    if (party) t.party += Number(party) * n;
    const prov = province || '未填';
    let cities = t.origins.get(prov);
    if (!cities) t.origins.set(prov, (cities = new Map()));
    add(cities, city || '未填', n);
    const year = birthYear === null ? null : Number(birthYear);
    let bySex = t.ageSex.get(year);
    if (!bySex) t.ageSex.set(year, (bySex = { M: 0, F: 0, U: 0 }));
    bySex[sex === 'M' ? 'M' : sex === 'F' ? 'F' : 'U'] += n;
    add(t.lodgingKinds, lodgingKind ?? '', n);
    if (lodgingId !== null) add(t.lodgingIds, Number(lodgingId), n);
    for (const need of list(needs)) add(t.needs, need, n);
    for (const interest of list(interests)) add(t.interests, interest, n);
  }
  return t;
}

/** The period's population figures: kept and brought up to date per changed resident, or counted afresh when kept figures are off. */
export function populationTally(db: Db, p: ResolvedPeriod): PopulationTally {
  return db.transaction(() => {
    if (!reportCacheEnabled()) return sum(recount(db, p, 0).groups);
    let periods = kept.get(db);
    if (!periods) kept.set(db, (periods = new Map()));
    const key = [p.start, p.end, p.seasonStart].join('|');
    let k = periods.get(key);
    const { n, ids } = changedIdsSince(db, 'resident_ids', k?.ring ?? null, RING_ID_WIDTH);
    if (!k || ids === null) {
      k = recount(db, p, n);
      populationTallyStats.recounts++;
    } else if (ids.length) {
      update(db, p, k, ids);
      k.ring = n;
      populationTallyStats.updates++;
    }
    periods.delete(key);
    periods.set(key, k);
    while (periods.size > KEPT_PERIODS) periods.delete(periods.keys().next().value!);
    return sum(k.groups);
  })();
}
