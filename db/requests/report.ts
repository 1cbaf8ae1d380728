import type { Db } from '../connection.js';
import type { ReportCell, ReportSeries } from '../api/contract/reportCharts.js';
import { localDate } from '../localTime.js';
import type { ListExport } from '../reports/lists.js';
import type { ResolvedPeriod } from '../reports/period.js';
import type { ReportModule, SummaryFigure } from '../reports/registry.js';
import { L, col, table, type WorkbookSheet } from '../reports/workbook.js';
import { percentile } from '../queue/report.js';
import { handlerKindLabels } from './handlers.js';
import { levelLabels, stateLabels } from './requests.js';
import { RATING_SCALE, RATING_TERMS_EN, isSatisfied } from './scale.js';
import type { HandlerKind, RequestLevel, RequestState } from './types.js';

/**
 * 接诉即办's figures (issue 17), read from request_events — the rows every change writes — so a
 * period's figures are what happened in it:
 * - 受理: `submitted` events in the period, by the category and level the case has as of the period's
 *   end (the last event before it: a transfer or an escalation counts where the case ended up);
 * - 按时办结率: `resulted` events (first results, not 回访) in the period whose `onTime` is true;
 * - 办结用时: `closed` / `autoClosed` / 回访 `resulted`-and-closed events in the period, hours from the
 *   case's `submitted` event;
 * - 满意度: `rated` events in the period on the five-level scale; 满意率 = 基本满意 or better.
 * No text, no names: a report may be printed and shared.
 */

interface Submitted {
  request: number;
  category: number;
  level: RequestLevel | null;
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const share = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 10000 : null);

function categories(db: Db): Array<{ id: number; name: string; nameEn: string }> {
  return db.prepare('SELECT id, name, name_en AS nameEn FROM request_categories ORDER BY sort, id').all() as Array<{ id: number; name: string; nameEn: string }>;
}

/** Requests submitted in the period with their category and level as of its end. */
function submittedIn(db: Db, p: ResolvedPeriod): Submitted[] {
  return db
    .prepare(
      `SELECT s.request_id AS request, l.category_id AS category, l.level AS level
         FROM request_events s
         JOIN request_events l ON l.id = (SELECT MAX(x.id) FROM request_events x WHERE x.request_id = s.request_id AND x.at < @end)
        WHERE s.kind = 'submitted' AND s.at >= @start AND s.at < @end`,
    )
    .all({ start: p.start, end: p.end }) as Submitted[];
}

interface Resulted {
  category: number;
  onTime: number;
}
function resultsIn(db: Db, p: ResolvedPeriod): Resulted[] {
  return db
    .prepare(
      `SELECT category_id AS category, COALESCE(json_extract(detail, '$.onTime'), 0) AS onTime FROM request_events
        WHERE kind = 'resulted' AND at >= @start AND at < @end AND json_extract(detail, '$.revisit') IS NULL`,
    )
    .all({ start: p.start, end: p.end }) as Resulted[];
}

/** Cases that closed in the period, with hours from submission. */
function closesIn(db: Db, p: ResolvedPeriod): Array<{ category: number; hours: number }> {
  return db
    .prepare(
      `SELECT c.category_id AS category, (julianday(c.at) - julianday(s.at)) * 24 AS hours
         FROM request_events c JOIN request_events s ON s.request_id = c.request_id AND s.kind = 'submitted'
        WHERE c.at >= @start AND c.at < @end AND c.state = 'closed' AND c.kind IN ('closed', 'autoClosed', 'resulted')`,
    )
    .all({ start: p.start, end: p.end }) as Array<{ category: number; hours: number }>;
}

function ratingsIn(db: Db, p: ResolvedPeriod): Array<{ category: number; rating: number }> {
  return db
    .prepare(`SELECT category_id AS category, json_extract(detail, '$.rating') AS rating FROM request_events WHERE kind = 'rated' AND at >= @start AND at < @end`)
    .all({ start: p.start, end: p.end }) as Array<{ category: number; rating: number }>;
}

export interface RequestFigures {
  submitted: number;
  byLevel: Record<RequestLevel | 'none', number>;
  resulted: number;
  onTime: number;
  onTimeRate: number | null;
  closed: number;
  closeHoursP50: number | null;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
}

/** The period's headline figures (the dashboard's figures, 汇总, and the e2e check against the database). */
export function requestFigures(db: Db, p: ResolvedPeriod): RequestFigures {
  const subs = submittedIn(db, p);
  const results = resultsIn(db, p);
  const closes = closesIn(db, p)
    .map((c) => c.hours)
    .sort((a, b) => a - b);
  const ratings = ratingsIn(db, p);
  const byLevel = { green: 0, yellow: 0, red: 0, none: 0 };
  for (const s of subs) byLevel[s.level ?? 'none']++;
  const onTime = results.filter((r) => r.onTime).length;
  const satisfied = ratings.filter((r) => isSatisfied(r.rating)).length;
  return {
    submitted: subs.length,
    byLevel,
    resulted: results.length,
    onTime,
    onTimeRate: share(onTime, results.length),
    closed: closes.length,
    closeHoursP50: round1(percentile(closes, 0.5)),
    rated: ratings.length,
    satisfied,
    satisfactionRate: share(satisfied, ratings.length),
  };
}

export function requestsDashboard(db: Db, p: ResolvedPeriod): ReportSeries[] {
  const cats = categories(db);
  const subs = submittedIn(db, p);
  const results = resultsIn(db, p);
  const closes = closesIn(db, p);
  const ratings = ratingsIn(db, p);
  const f = requestFigures(db, p);

  const catRows = cats
    .map((c) => {
      const mine = subs.filter((s) => s.category === c.id);
      const res = results.filter((r) => r.category === c.id);
      const hours = closes
        .filter((x) => x.category === c.id)
        .map((x) => x.hours)
        .sort((a, b) => a - b);
      const rated = ratings.filter((r) => r.category === c.id);
      const row: Record<string, ReportCell> = {
        category: c.name,
        submitted: mine.length,
        green: mine.filter((s) => s.level === 'green').length,
        yellow: mine.filter((s) => s.level === 'yellow').length,
        red: mine.filter((s) => s.level === 'red').length,
        none: mine.filter((s) => s.level === null).length,
        resulted: res.length,
        onTime: res.filter((r) => r.onTime).length,
        onTimeRate: share(res.filter((r) => r.onTime).length, res.length),
        closeP50: round1(percentile(hours, 0.5)),
        satisfaction: share(rated.filter((r) => isSatisfied(r.rating)).length, rated.length),
      };
      return row;
    })
    .filter((r) => (r.submitted as number) + (r.resulted as number) > 0 || !subs.length);

  const ratingRows = RATING_SCALE.map((s) => ({ rating: s.zh, count: ratings.filter((r) => r.rating === s.value).length }));

  return [
    {
      id: 'requests.byCategory',
      title: L('诉求受理（按类别和分级）', 'Requests by category and level'),
      note: L('按受理时间计；类别和分级以期末为准（转类别、升级后算在最终类别和级别）。', 'Counted when submitted; category and level as they stood at the end of the period.'),
      chart: {
        kind: 'stackedBar',
        x: 'category',
        y: [
          { key: 'green', color: '#1b7f3b' },
          { key: 'yellow', color: '#e0b000' },
          { key: 'red', color: '#b71c1c' },
          { key: 'none', color: '#9e9e9e' },
        ],
      },
      figures: [
        { key: 'submitted', label: L('受理', 'Submitted'), kind: 'int', value: f.submitted },
        { key: 'red', label: L('红色', 'Red'), kind: 'int', value: f.byLevel.red },
      ],
      table: table(
        [
          col('category', '类别', 'Category', 'text'),
          col('submitted', '受理', 'Submitted'),
          col('green', '绿', 'Green'),
          col('yellow', '黄', 'Yellow'),
          col('red', '红', 'Red'),
          col('none', '未分级', 'Not triaged'),
        ],
        catRows.map(({ category, submitted, green, yellow, red, none }) => ({ category, submitted, green, yellow, red, none })),
      ),
    },
    {
      id: 'requests.timeliness',
      title: L('按时办结与办结用时', 'On time and time to close'),
      note: L(
        '按时办结率 = 期限内记录结果 ÷ 记录结果（暂停计时的时间不计入期限）；办结用时 = 结案 − 受理，单位小时，取中位数。',
        'On-time rate = results within the deadline ÷ results (paused time excluded); time to close = closed − submitted, median hours.',
      ),
      chart: {
        kind: 'bar',
        x: 'category',
        y: [
          { key: 'resulted', color: '#5b7a99' },
          { key: 'onTime', color: '#1b7f3b' },
        ],
      },
      figures: [
        { key: 'onTimeRate', label: L('按时办结率', 'On-time rate'), kind: 'percent', value: f.onTimeRate },
        { key: 'closeHoursP50', label: L('办结用时中位数（小时）', 'Median hours to close'), kind: 'days', value: f.closeHoursP50 },
      ],
      table: table(
        [
          col('category', '类别', 'Category', 'text'),
          col('resulted', '记录结果', 'Results'),
          col('onTime', '按时', 'On time'),
          col('onTimeRate', '按时办结率', 'On-time rate', 'percent'),
          col('closeP50', '办结用时中位数（小时）', 'Median hours to close', 'days'),
        ],
        catRows.map(({ category, resulted, onTime, onTimeRate, closeP50 }) => ({ category, resulted, onTime, onTimeRate, closeP50 })),
      ),
    },
    {
      id: 'requests.satisfaction',
      title: L('居民评价（好差评五级）', 'Residents’ ratings (five levels)'),
      note: L(
        '满意率 = （非常满意 + 满意 + 基本满意）÷ 评价数；不满意及以下转回访。',
        'Satisfied = very satisfied + satisfied + fairly satisfied, of all ratings; dissatisfied ones are followed up.',
      ),
      chart: { kind: 'bar', x: 'rating', y: [{ key: 'count', color: '#5b2c83' }] },
      figures: [
        { key: 'rated', label: L('评价数', 'Ratings'), kind: 'int', value: f.rated },
        { key: 'satisfactionRate', label: L('满意率', 'Satisfied'), kind: 'percent', value: f.satisfactionRate },
      ],
      table: table([col('rating', '评价', 'Rating', 'text'), col('count', '件数', 'Count')], ratingRows),
    },
  ];
}

function requestsSummary(db: Db, p: ResolvedPeriod): SummaryFigure[] {
  const f = requestFigures(db, p);
  return [
    { key: 'requests', label: L('接诉即办受理（件）', 'Requests submitted'), kind: 'int', value: f.submitted },
    { key: 'requestsResulted', label: L('接诉即办办结（件）', 'Requests resolved'), kind: 'int', value: f.resulted },
    { key: 'requestsOnTime', label: L('按时办结率', 'On-time rate'), kind: 'percent', value: f.onTimeRate },
    { key: 'requestsSatisfied', label: L('诉求满意率', 'Requests satisfied'), kind: 'percent', value: f.satisfactionRate },
  ];
}

function requestsSheets(db: Db, p: ResolvedPeriod): WorkbookSheet[] {
  const s = requestsDashboard(db, p);
  const f = requestFigures(db, p);
  const figures = table(
    [col('item', '项目', 'Item', 'text'), col('value', '数值', 'Value', 'text')],
    [
      { item: '受理（件）', value: String(f.submitted) },
      { item: '记录结果（件）', value: String(f.resulted) },
      { item: '按时办结（件）', value: String(f.onTime) },
      { item: '按时办结率', value: f.onTimeRate === null ? '—' : `${(f.onTimeRate * 100).toFixed(1)}%` },
      { item: '结案（件）', value: String(f.closed) },
      { item: '办结用时中位数（小时）', value: f.closeHoursP50 === null ? '—' : String(f.closeHoursP50) },
      { item: '评价（件）', value: String(f.rated) },
      { item: '满意率', value: f.satisfactionRate === null ? '—' : `${(f.satisfactionRate * 100).toFixed(1)}%` },
    ],
  );
  return [
    {
      name: '接诉即办',
      blocks: [
        { heading: '本期概况', table: figures },
        { heading: '按类别和分级', table: s.find((x) => x.id === 'requests.byCategory')!.table, totals: { label: '合计' } },
        { heading: '按时办结与办结用时', table: s.find((x) => x.id === 'requests.timeliness')!.table },
        { heading: '居民评价', table: s.find((x) => x.id === 'requests.satisfaction')!.table, totals: { label: '合计' } },
      ],
    },
  ];
}

export const requestsReport: ReportModule = {
  id: 'requests',
  title: L('接诉即办', 'Residents’ requests'),
  dashboard: (db, p) => {
    // Category names are the center's own, with their English beside them (request_categories.name_en).
    const categories = db.prepare("SELECT name, name_en AS en FROM request_categories WHERE name_en <> ''").all() as Array<{ name: string; en: string }>;
    const terms = Object.fromEntries(categories.map((c) => [c.name, c.en]));
    return requestsDashboard(db, p).map((s) => ({ ...s, terms }));
  },
  terms: { ...RATING_TERMS_EN, 未记录: 'Not recorded', 其他: 'Other' },
  summary: requestsSummary,
  monthlySheets: requestsSheets,
  print: ['requests.byCategory', 'requests.timeliness', 'requests.satisfaction'],
};

/** 诉求记录: one row a request of the period — no text, no names, no phones. */
export const requestsList: ListExport = {
  kind: 'requests',
  title: '诉求记录',
  columns: [
    col('number', '编号', 'Number', 'text'),
    col('day', '受理日期', 'Day', 'text'),
    col('category', '类别', 'Category', 'text'),
    col('level', '分级', 'Level', 'text'),
    col('state', '状态', 'State', 'text'),
    col('handler', '承办方', 'Handler', 'text'),
    col('submittedAt', '受理时间', 'Submitted', 'text'),
    col('deadlineAt', '办理期限', 'Deadline', 'text'),
    col('resultAt', '结果时间', 'Result', 'text'),
    col('rating', '评价', 'Rating', 'text'),
  ],
  *rows(ctx) {
    const params: Record<string, unknown> = {};
    let where = '';
    if (ctx.period) {
      where = 'WHERE r.submitted_at >= :start AND r.submitted_at < :end';
      params.start = ctx.period.start;
      params.end = ctx.period.end;
    }
    const stmt = ctx.db.prepare(
      `SELECT r.number, r.submitted_at, r.deadline_at, r.result_at, r.level, r.state, r.rating, r.handler_staff_id, h.kind AS hkind, c.name AS category
         FROM requests r JOIN request_categories c ON c.id = r.category_id LEFT JOIN request_handlers h ON h.id = r.handler_id ${where} ORDER BY r.id`,
    );
    for (const r of stmt.iterate(params) as Iterable<Record<string, string | number | null>>) {
      yield {
        number: r.number,
        day: localDate(new Date(r.submitted_at as string), ctx.timeZone),
        category: r.category,
        level: r.level ? levelLabels[r.level as RequestLevel].zh : '',
        state: stateLabels[r.state as RequestState].zh,
        handler: r.hkind ? handlerKindLabels[r.hkind as HandlerKind].zh : r.handler_staff_id ? '工作人员' : '',
        submittedAt: ctx.time(r.submitted_at as string),
        deadlineAt: ctx.time(r.deadline_at as string),
        resultAt: ctx.time(r.result_at as string | null),
        rating: r.rating ? RATING_SCALE.find((s) => s.value === r.rating)!.zh : '',
      };
    }
  },
};
