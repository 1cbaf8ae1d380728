import type pg from 'pg';
import { domainFigures, type DomainFigures } from './domainFigures.js';

/**
 * What the city's dashboard shows, read from the views only (the hub reads as houniao_dashboard in a
 * real deployment). Per center and city-wide. For a city viewer every count of people below 5 is
 * shown as "<5": a figure that crosses centers must not single anyone out. A center's own manager sees
 * exact figures for their own center.
 */
export type Count = number | '<5';
export type CityRole = 'viewer' | 'center_admin';

export interface CenterFigures {
  id: number;
  name: string;
  lastPushAt: string | null;
  inTown: Count;
  arrivalsWeek: Count;
  loansOut: Count;
  overdue: Count;
  waitP50Minutes: number | null;
}

export interface CityFigures {
  generatedAt: string;
  centers: CenterFigures[];
  total: { inTown: Count; arrivalsWeek: Count; loansOut: Count; overdue: Count };
  provinces: Array<{ province: string; residents: Count }>;
  ageBands: Array<{ band: string; residents: Count }>;
  stayLengths: Array<{ bucket: string; stays: Count }>;
  /** 接诉即办, activities and counter ratings for one local month (db/city/domainFigures.ts). */
  domains: DomainFigures;
}

export const mask = (n: number, exact: boolean): Count => (exact || n === 0 || n >= 5 ? n : '<5');

const STAY_ORDER = ['不到1周', '1–4周', '1–3个月', '3–6个月', '6个月以上'];

export async function cityFigures(
  client: pg.Client | pg.PoolClient | pg.Pool,
  viewer: { role: CityRole; centerId: number | null },
  options: { month?: string | null } = {},
): Promise<CityFigures> {
  const own = viewer.role === 'center_admin' ? viewer.centerId : null;
  const exact = own !== null;
  const where = own !== null ? 'WHERE center_id = $1' : '';
  const params = own !== null ? [own] : [];
  const num = (v: unknown) => Number(v ?? 0);
  const centers = (
    await client.query(
      `SELECT c.center_id AS id, c.name, c.last_push_at,
         coalesce(t.residents, 0) AS in_town,
         coalesce((SELECT sum(arrivals) FROM city.v_arrivals a WHERE a.center_id = c.center_id AND a.day > (now() AT TIME ZONE c.time_zone)::date - 7), 0) AS arrivals_week,
         coalesce(l.out, 0) AS loans_out, coalesce(l.overdue, 0) AS overdue,
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_p50_min) FROM city.v_queue q WHERE q.center_id = c.center_id AND q.day > (now() AT TIME ZONE c.time_zone)::date - 30) AS wait
       FROM city.v_centers c LEFT JOIN city.v_in_town t ON t.center_id = c.center_id LEFT JOIN city.v_loans l ON l.center_id = c.center_id
       ${own !== null ? 'WHERE c.center_id = $1' : ''} ORDER BY c.center_id`,
      params,
    )
  ).rows.map((r) => ({
    id: num(r.id),
    name: String(r.name),
    lastPushAt: r.last_push_at ? new Date(r.last_push_at).toISOString() : null,
    raw: { inTown: num(r.in_town), arrivalsWeek: num(r.arrivals_week), loansOut: num(r.loans_out), overdue: num(r.overdue) },
    waitP50Minutes: r.wait === null ? null : Math.round(Number(r.wait) * 10) / 10,
  }));
  const sum = (k: keyof (typeof centers)[number]['raw']) => centers.reduce((s, c) => s + c.raw[k], 0);
  const grouped = async (view: string, key: string, value: string) =>
    (await client.query(`SELECT ${key} AS k, sum(${value})::int AS n FROM city.${view} ${where} GROUP BY 1 ORDER BY 2 DESC, 1`, params)).rows.map((r) => ({
      k: String(r.k),
      n: num(r.n),
    }));
  const provinces = await grouped('v_provinces', 'province', 'residents');
  const ages = await grouped('v_age_bands', 'band', 'residents');
  const stays = await grouped('v_stay_lengths', 'bucket', 'stays');
  stays.sort((a, b) => STAY_ORDER.indexOf(a.k) - STAY_ORDER.indexOf(b.k));
  ages.sort((a, b) => a.k.localeCompare(b.k, 'zh'));
  return {
    generatedAt: new Date().toISOString(),
    centers: centers.map((c) => ({
      id: c.id,
      name: c.name,
      lastPushAt: c.lastPushAt,
      inTown: mask(c.raw.inTown, exact),
      arrivalsWeek: mask(c.raw.arrivalsWeek, exact),
      loansOut: mask(c.raw.loansOut, exact),
      overdue: mask(c.raw.overdue, exact),
      waitP50Minutes: c.waitP50Minutes,
    })),
    total: { inTown: mask(sum('inTown'), exact), arrivalsWeek: mask(sum('arrivalsWeek'), exact), loansOut: mask(sum('loansOut'), exact), overdue: mask(sum('overdue'), exact) },
    provinces: provinces.map((p) => ({ province: p.k, residents: mask(p.n, exact) })),
    ageBands: ages.map((a) => ({ band: a.k, residents: mask(a.n, exact) })),
    stayLengths: stays.map((s) => ({ bucket: s.k, stays: mask(s.n, exact) })),
    domains: await domainFigures(client, own, options.month ?? null),
  };
}
