import type pg from 'pg';
import { activityTypeLabels, activityTypes } from '../activities/types.js';
import { RATING_SCALE } from '../requests/scale.js';
import { mask, type Count } from './figures.js';

/**
 * 接诉即办, activities and counter ratings for /city (issue 16 with issues 17 and 18), for one local
 * month (this month by default), per center and city-wide, read from the city.v_* views only.
 * The same definitions as the centers' own reports (db/requests/report.ts, db/activities/report.ts,
 * db/requests/ratingsReport.ts): 按时办结率 = first results on time ÷ first results; 办结用时 = the
 * median (nearest rank) of closed − submitted in hours; 满意率 = 基本满意 or better ÷ ratings;
 * 到场率 = participants checked in ÷ people with a place, for activities over and not cancelled.
 * For a city viewer every count of people or of their cases below 5 is "<5", and a rate or median
 * resting on fewer than 5 is not shown (null): one person's rating must not be readable.
 */
export interface DomainTotals {
  requests: Count;
  requesters: Count;
  results: Count;
  onTimeRate: number | null;
  closeHoursP50: number | null;
  ratings: Count;
  satisfactionRate: number | null;
  activities: number;
  signups: Count;
  attended: Count;
  attendanceRate: number | null;
  participants: Count;
  counterRatings: Count;
  counterSatisfactionRate: number | null;
}
export interface CenterDomainFigures extends DomainTotals {
  centerId: number;
}
export interface RequestCategoryFigures {
  category: string;
  requests: Count;
  green: Count;
  yellow: Count;
  red: Count;
  none: Count;
  results: Count;
  onTime: Count;
  onTimeRate: number | null;
  closeHoursP50: number | null;
  ratings: Count;
  satisfactionRate: number | null;
}
export interface ActivityTypeFigures {
  type: string;
  label: { zh: string; en: string };
  activities: number;
  signups: Count;
  confirmed: Count;
  attended: Count;
  noShows: Count;
  volunteers: Count;
  attendanceRate: number | null;
}
export interface DomainFigures {
  /** The local month counted, 'YYYY-MM'. */
  month: string;
  centers: CenterDomainFigures[];
  total: DomainTotals;
  requestsByCategory: RequestCategoryFigures[];
  requestRatings: Array<{ rating: number; label: { zh: string; en: string }; ratings: Count }>;
  activitiesByType: ActivityTypeFigures[];
  counterRatings: Array<{ service: string; ratings: Count; satisfactionRate: number | null }>;
}

type Client = pg.Client | pg.PoolClient | pg.Pool;

const share = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 10000 : null);
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** 'YYYY-MM' or null (this month in Asia/Shanghai). */
export async function domainFigures(client: Client, own: number | null, monthIn: string | null = null): Promise<DomainFigures> {
  const exact = own !== null;
  const rate = (n: number, d: number) => (exact || d === 0 || d >= 5 ? share(n, d) : null);
  const small = (d: number, v: number | null) => (exact || d >= 5 ? v : null);
  const m = (
    await client.query<{ m: string }>(`SELECT to_char(coalesce($1::date, date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date), 'YYYY-MM-DD') AS m`, [
      monthIn ? `${monthIn}-01` : null,
    ])
  ).rows[0]!.m;
  const params: unknown[] = own !== null ? [m, own] : [m];
  const where = `month = $1::date${own !== null ? ' AND center_id = $2' : ''}`;
  const q = async (sql: string) => (await client.query(sql, params)).rows as Array<Record<string, unknown>>;
  const num = (v: unknown) => Number(v ?? 0);

  const reqRows = await q(`SELECT center_id, category, level, sum(requests)::int AS n FROM city.v_requests_month WHERE ${where} GROUP BY 1, 2, 3`);
  const requesterRows = await q(`SELECT center_id, requesters FROM city.v_requesters_month WHERE ${where}`);
  const resultRows = await q(`SELECT center_id, category, results, on_time FROM city.v_request_results_month WHERE ${where}`);
  const ratingRows = await q(`SELECT center_id, category, rating, ratings FROM city.v_request_ratings_month WHERE ${where}`);
  const closeByCenter = await q(
    `SELECT center_id, count(*)::int AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY hours) AS p50 FROM city.v_request_closes WHERE ${where} GROUP BY 1`,
  );
  const closeByCategory = await q(
    `SELECT category, count(*)::int AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY hours) AS p50 FROM city.v_request_closes WHERE ${where} GROUP BY 1`,
  );
  const closeAll = (await q(`SELECT count(*)::int AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY hours) AS p50 FROM city.v_request_closes WHERE ${where}`))[0]!;
  const actRows = await q(`SELECT center_id, type, activities, confirmed, waitlisted, attended, volunteers, no_shows FROM city.v_activities_month WHERE ${where}`);
  const peopleRows = await q(`SELECT center_id, participants FROM city.v_activity_people_month WHERE ${where}`);
  const counterRows = await q(`SELECT center_id, service, ratings, satisfied FROM city.v_counter_ratings_month WHERE ${where}`);

  const centerIds = (
    await q(`SELECT center_id FROM city.v_centers ${own !== null ? 'WHERE center_id = $2 AND $1::date IS NOT NULL' : 'WHERE $1::date IS NOT NULL'} ORDER BY 1`)
  ).map((r) => num(r.center_id));

  interface Raw {
    requests: number;
    requesters: number;
    results: number;
    onTime: number;
    closes: number;
    closeP50: number | null;
    ratings: number;
    satisfied: number;
    activities: number;
    signups: number;
    confirmed: number;
    attended: number;
    participants: number;
    counterRatings: number;
    counterSatisfied: number;
  }
  const rawOf = (pick: (r: Record<string, unknown>) => boolean, close: { n: unknown; p50: unknown } | undefined): Raw => {
    const sum = (rows: Array<Record<string, unknown>>, k: string) => rows.filter(pick).reduce((s, r) => s + num(r[k]), 0);
    return {
      requests: sum(reqRows, 'n'),
      requesters: sum(requesterRows, 'requesters'),
      results: sum(resultRows, 'results'),
      onTime: sum(resultRows, 'on_time'),
      closes: num(close?.n),
      closeP50: close?.p50 === null || close?.p50 === undefined ? null : Number(close.p50),
      ratings: sum(ratingRows, 'ratings'),
      satisfied: ratingRows.filter(pick).reduce((s, r) => s + (num(r.rating) >= 3 ? num(r.ratings) : 0), 0),
      activities: sum(actRows, 'activities'),
      signups: sum(actRows, 'confirmed') + sum(actRows, 'waitlisted'),
      confirmed: sum(actRows, 'confirmed'),
      attended: sum(actRows, 'attended'),
      participants: sum(peopleRows, 'participants'),
      counterRatings: sum(counterRows, 'ratings'),
      counterSatisfied: sum(counterRows, 'satisfied'),
    };
  };
  const totals = (r: Raw): DomainTotals => ({
    requests: mask(r.requests, exact),
    requesters: mask(r.requesters, exact),
    results: mask(r.results, exact),
    onTimeRate: rate(r.onTime, r.results),
    closeHoursP50: small(r.closes, round1(r.closeP50)),
    ratings: mask(r.ratings, exact),
    satisfactionRate: rate(r.satisfied, r.ratings),
    activities: r.activities,
    signups: mask(r.signups, exact),
    attended: mask(r.attended, exact),
    attendanceRate: rate(r.attended, r.confirmed),
    participants: mask(r.participants, exact),
    counterRatings: mask(r.counterRatings, exact),
    counterSatisfactionRate: rate(r.counterSatisfied, r.counterRatings),
  });

  const categories = [...new Set([...reqRows, ...resultRows, ...ratingRows].map((r) => String(r.category)))];
  const requestsByCategory = categories
    .map((category) => {
      const mine = (rows: Array<Record<string, unknown>>) => rows.filter((r) => String(r.category) === category);
      const lvl = (l: string) => mine(reqRows).reduce((s, r) => s + (r.level === l ? num(r.n) : 0), 0);
      const requests = mine(reqRows).reduce((s, r) => s + num(r.n), 0);
      const results = mine(resultRows).reduce((s, r) => s + num(r.results), 0);
      const onTime = mine(resultRows).reduce((s, r) => s + num(r.on_time), 0);
      const ratings = mine(ratingRows).reduce((s, r) => s + num(r.ratings), 0);
      const satisfied = mine(ratingRows).reduce((s, r) => s + (num(r.rating) >= 3 ? num(r.ratings) : 0), 0);
      const close = closeByCategory.find((r) => String(r.category) === category);
      return {
        sort: requests,
        row: {
          category,
          requests: mask(requests, exact),
          green: mask(lvl('green'), exact),
          yellow: mask(lvl('yellow'), exact),
          red: mask(lvl('red'), exact),
          none: mask(lvl('none'), exact),
          results: mask(results, exact),
          onTime: mask(onTime, exact),
          onTimeRate: rate(onTime, results),
          closeHoursP50: small(num(close?.n), round1(close?.p50 === undefined || close.p50 === null ? null : Number(close.p50))),
          ratings: mask(ratings, exact),
          satisfactionRate: rate(satisfied, ratings),
        },
      };
    })
    .sort((a, b) => b.sort - a.sort || a.row.category.localeCompare(b.row.category, 'zh'))
    .map((x) => x.row);

  const activitiesByType = activityTypes
    .map((type) => {
      const mine = actRows.filter((r) => r.type === type);
      const s = (k: string) => mine.reduce((n, r) => n + num(r[k]), 0);
      return {
        type,
        label: activityTypeLabels[type],
        activities: s('activities'),
        signups: mask(s('confirmed') + s('waitlisted'), exact),
        confirmed: mask(s('confirmed'), exact),
        attended: mask(s('attended'), exact),
        noShows: mask(s('no_shows'), exact),
        volunteers: mask(s('volunteers'), exact),
        attendanceRate: rate(s('attended'), s('confirmed')),
      };
    })
    .filter((r) => r.activities > 0);

  const services = [...new Set(counterRows.map((r) => String(r.service)))].sort((a, b) => a.localeCompare(b, 'zh'));
  return {
    month: m.slice(0, 7),
    centers: centerIds.map((id) => ({
      centerId: id,
      ...totals(rawOf((r) => num(r.center_id) === id, closeByCenter.find((r) => num(r.center_id) === id) as { n: unknown; p50: unknown } | undefined)),
    })),
    total: totals(rawOf(() => true, closeAll as { n: unknown; p50: unknown })),
    requestsByCategory,
    requestRatings: RATING_SCALE.map((s) => ({
      rating: s.value,
      label: { zh: s.zh, en: s.en },
      ratings: mask(
        ratingRows.reduce((n, r) => n + (num(r.rating) === s.value ? num(r.ratings) : 0), 0),
        exact,
      ),
    })),
    activitiesByType,
    counterRatings: services.map((service) => {
      const mine = counterRows.filter((r) => String(r.service) === service);
      const n = mine.reduce((s, r) => s + num(r.ratings), 0);
      return {
        service,
        ratings: mask(n, exact),
        satisfactionRate: rate(
          mine.reduce((s, r) => s + num(r.satisfied), 0),
          n,
        ),
      };
    }),
  };
}
