import type { Db } from '../connection.js';
import type { ReportSeries } from '../api/contract/reportCharts.js';
import type { ResolvedPeriod } from '../reports/period.js';
import type { SummaryFigure } from '../reports/registry.js';
import { L, col, table, type SheetBlock } from '../reports/workbook.js';

/**
 * 金点子 figures, from suggestion_events in the period (its UTC instants [start, end)): received =
 * 'submitted' events (by channel), adopted / declined / implemented = status events into that state.
 * An idea adopted, taken back to 评估中 and adopted again counts once per idea. Plus the state all
 * ideas are in now (as of the figures' time).
 */
interface Counts {
  received: number;
  kiosk: number;
  desk: number;
  adopted: number;
  declined: number;
  implemented: number;
}

export function suggestionCounts(db: Db, p: ResolvedPeriod): Counts {
  const r = db
    .prepare(
      `SELECT
         COUNT(DISTINCT CASE WHEN e.kind = 'submitted' THEN e.suggestion_id END) AS received,
         COUNT(DISTINCT CASE WHEN e.kind = 'submitted' AND g.channel = 'kiosk' THEN e.suggestion_id END) AS kiosk,
         COUNT(DISTINCT CASE WHEN e.kind = 'submitted' AND g.channel = 'desk' THEN e.suggestion_id END) AS desk,
         COUNT(DISTINCT CASE WHEN e.kind = 'status' AND e.to_status = 'adopted' THEN e.suggestion_id END) AS adopted,
         COUNT(DISTINCT CASE WHEN e.kind = 'status' AND e.to_status = 'declined' THEN e.suggestion_id END) AS declined,
         COUNT(DISTINCT CASE WHEN e.kind = 'status' AND e.to_status = 'implemented' THEN e.suggestion_id END) AS implemented
       FROM suggestion_events e JOIN suggestions g ON g.id = e.suggestion_id WHERE e.at >= ? AND e.at < ?`,
    )
    .get(p.start, p.end) as Counts;
  return r;
}

const STATES = [
  ['new', '待评估', 'To assess'],
  ['reviewing', '评估中', 'Assessing'],
  ['adopted', '已采纳', 'Adopted'],
  ['declined', '未采纳', 'Not adopted'],
  ['implemented', '已落实', 'Implemented'],
] as const;

export function suggestionsDashboard(db: Db, p: ResolvedPeriod): ReportSeries[] {
  const c = suggestionCounts(db, p);
  const now = new Map((db.prepare('SELECT status, COUNT(*) AS n FROM suggestions GROUP BY status').all() as Array<{ status: string; n: number }>).map((r) => [r.status, r.n]));
  return [
    {
      id: 'suggestions.figures',
      title: L('金点子：收到、采纳与落实', 'Suggestions: received, adopted, implemented'),
      note: L('按本时段内的登记与状态变更统计（同一条多次采纳只计一次）。', 'From the period’s entries and state changes (an idea adopted twice counts once).'),
      chart: { kind: 'bar', x: 'what', y: [{ key: 'count' }] },
      table: table(
        [col('what', '项目', 'Figure', 'text'), col('count', '条数', 'Count')],
        [
          { what: '收到（自助机）', count: c.kiosk },
          { what: '收到（服务台）', count: c.desk },
          { what: '采纳', count: c.adopted },
          { what: '未采纳', count: c.declined },
          { what: '落实', count: c.implemented },
        ],
      ),
      figures: [
        { key: 'received', label: L('收到', 'Received'), kind: 'int', value: c.received },
        { key: 'adopted', label: L('采纳', 'Adopted'), kind: 'int', value: c.adopted },
        { key: 'implemented', label: L('落实', 'Implemented'), kind: 'int', value: c.implemented },
      ],
    },
    {
      id: 'suggestions.states',
      title: L('金点子：目前状态', 'Suggestions: where they stand now'),
      chart: { kind: 'bar', x: 'state', y: [{ key: 'count' }] },
      table: table(
        [col('state', '状态', 'State', 'text'), col('count', '条数', 'Count')],
        STATES.map(([k, zh]) => ({ state: zh, count: now.get(k) ?? 0 })),
      ),
    },
  ];
}

export function suggestionsSummary(db: Db, p: ResolvedPeriod): SummaryFigure[] {
  const c = suggestionCounts(db, p);
  return [
    { key: 'suggestionsReceived', label: L('金点子收到（条）', 'Suggestions received'), kind: 'int', value: c.received },
    { key: 'suggestionsAdopted', label: L('金点子采纳（条）', 'Suggestions adopted'), kind: 'int', value: c.adopted },
    { key: 'suggestionsImplemented', label: L('金点子落实（条）', 'Suggestions implemented'), kind: 'int', value: c.implemented },
  ];
}

/** The 金点子 sheet of the monthly pack: the same two tables. */
export function suggestionsSheetBlocks(series: ReportSeries[]): SheetBlock[] {
  const t = (id: string) => series.find((x) => x.id === id)!.table;
  return [
    { heading: '本月收到、采纳与落实', table: t('suggestions.figures') },
    { heading: '目前状态', table: t('suggestions.states'), totals: { label: '合计' } },
  ];
}
