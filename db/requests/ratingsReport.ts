import type { Db } from '../connection.js';
import type { ReportCell, ReportSeries } from '../api/contract/reportCharts.js';
import type { ResolvedPeriod } from '../reports/period.js';
import type { ReportModule, SummaryFigure } from '../reports/registry.js';
import { L, col, table, type WorkbookSheet } from '../reports/workbook.js';
import { RATING_COLORS, RATING_SCALE, RATING_TERMS_EN } from './scale.js';
import { suggestionsDashboard, suggestionsSheetBlocks, suggestionsSummary } from './suggestionsReport.js';

/**
 * 好差评 and 金点子 figures (issue 17.5, 17.6) for the dashboard and the monthly pack. Ratings count
 * by the local day of the ticket they rate (queue_tickets.day), like the queue's own figures.
 * 满意率 = (非常满意 + 满意 + 基本满意) ÷ all ratings; 差评 = 不满意 + 非常不满意 (each made a follow-up).
 */

interface Row {
  level: number;
  service: number;
  staff: number | null;
  follow_up: 'open' | 'done' | null;
}

function rows(db: Db, p: ResolvedPeriod): Row[] {
  return db
    .prepare(
      `SELECT r.level, r.service_id AS service, r.staff_id AS staff, r.follow_up FROM service_ratings r JOIN queue_tickets t ON t.id = r.ticket_id
       WHERE t.day >= ? AND t.day <= ?`,
    )
    .all(p.from, p.to) as Row[];
}

const share = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 10000 : null);
const mean = (xs: number[]) => (xs.length ? (Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100).toFixed(2) : null);

/** One line per group: count per level, satisfied share, bad ones and their follow-ups. */
function line(mine: Row[]): Record<string, ReportCell> {
  const r: Record<string, ReportCell> = { ratings: mine.length };
  for (const l of RATING_SCALE) r[`l${l.value}`] = mine.filter((x) => x.level === l.value).length;
  r.satisfied = share(mine.filter((x) => x.level >= 3).length, mine.length);
  r.bad = mine.filter((x) => x.level <= 2).length;
  r.followedUp = mine.filter((x) => x.follow_up === 'done').length;
  r.mean = mean(mine.map((x) => x.level));
  return r;
}

const levelColumns = () => RATING_SCALE.map((l) => col(`l${l.value}`, l.zh, l.en));
const tailColumns = () => [
  col('ratings', '评价数', 'Ratings'),
  col('satisfied', '满意率', 'Satisfied', 'percent'),
  col('bad', '差评', 'Bad'),
  col('followedUp', '已回访', 'Followed up'),
  col('mean', '平均分', 'Mean', 'text'),
];

export function ratingsDashboard(db: Db, p: ResolvedPeriod): ReportSeries[] {
  const all = rows(db, p);
  const services = db.prepare('SELECT id, name FROM queue_services ORDER BY sort, id').all() as Array<{ id: number; name: string }>;
  const staff = new Map((db.prepare('SELECT id, name FROM staff').all() as Array<{ id: number; name: string }>).map((s) => [s.id, s.name]));
  const levelRows = RATING_SCALE.map((l) => ({ level: l.zh, count: all.filter((x) => x.level === l.value).length }));
  const perService = services.filter((s) => all.some((x) => x.service === s.id)).map((s) => ({ service: s.name, ...line(all.filter((x) => x.service === s.id)) }));
  const staffIds = [...new Set(all.map((x) => x.staff))].sort((a, b) => (a === null ? 1 : b === null ? -1 : (staff.get(a) ?? '').localeCompare(staff.get(b) ?? '', 'zh')));
  const perStaff = staffIds.map((id) => ({ staff: id === null ? '未记录' : (staff.get(id) ?? `#${id}`), ...line(all.filter((x) => x.staff === id)) }));
  const total = line(all);
  return [
    {
      id: 'ratings.levels',
      title: L('好差评：各等级评价数', 'Ratings by level'),
      note: L(
        '满意率 =（非常满意 + 满意 + 基本满意）÷ 全部评价；差评为不满意和非常不满意，每条都生成回访。',
        'Satisfied = levels 5–3 ÷ all; bad = levels 2–1, each opens a follow-up.',
      ),
      chart: { kind: 'bar', x: 'level', y: [{ key: 'count' }] },
      table: table([col('level', '评价', 'Level', 'text'), col('count', '评价数', 'Ratings')], levelRows),
      figures: [
        { key: 'ratings', label: L('评价数', 'Ratings'), kind: 'int', value: all.length },
        { key: 'satisfied', label: L('满意率', 'Satisfied'), kind: 'percent', value: total.satisfied as number | null },
        { key: 'openFollowUps', label: L('待回访', 'Open follow-ups'), kind: 'int', value: all.filter((x) => x.follow_up === 'open').length },
      ],
    },
    {
      id: 'ratings.perService',
      title: L('好差评：各项服务', 'Ratings per service'),
      chart: { kind: 'stackedBar', x: 'service', y: RATING_SCALE.map((l) => ({ key: `l${l.value}`, color: RATING_COLORS[l.value]! })) },
      table: table([col('service', '服务', 'Service', 'text'), ...levelColumns(), ...tailColumns()], perService),
    },
    {
      id: 'ratings.perStaff',
      title: L('好差评：各工作人员', 'Ratings per staff member'),
      note: L('按办结该号的工作人员统计。', 'By the staff member who finished the ticket.'),
      chart: { kind: 'stackedBar', x: 'staff', y: RATING_SCALE.map((l) => ({ key: `l${l.value}`, color: RATING_COLORS[l.value]! })) },
      table: table([col('staff', '工作人员', 'Staff member', 'text'), ...levelColumns(), ...tailColumns()], perStaff),
    },
    ...suggestionsDashboard(db, p),
  ];
}

function ratingsSummary(db: Db, p: ResolvedPeriod): SummaryFigure[] {
  const all = rows(db, p);
  return [
    { key: 'ratings', label: L('好差评（条）', 'Ratings'), kind: 'int', value: all.length },
    { key: 'satisfied', label: L('满意率', 'Satisfied'), kind: 'percent', value: all.length ? all.filter((x) => x.level >= 3).length / all.length : null },
    { key: 'bad', label: L('差评（条）', 'Bad ratings'), kind: 'int', value: all.filter((x) => x.level <= 2).length },
    ...suggestionsSummary(db, p),
  ];
}

function ratingsSheets(db: Db, p: ResolvedPeriod): WorkbookSheet[] {
  const s = ratingsDashboard(db, p);
  const t = (id: string) => s.find((x) => x.id === id)!.table;
  return [
    {
      name: '好差评',
      blocks: [
        { heading: '各等级', table: t('ratings.levels'), totals: { label: '合计' } },
        { heading: '各项服务', table: t('ratings.perService'), totals: { label: '合计', except: ['satisfied', 'mean'] } },
        { heading: '各工作人员', table: t('ratings.perStaff'), totals: { label: '合计', except: ['satisfied', 'mean'] } },
      ],
    },
    { name: '金点子', blocks: suggestionsSheetBlocks(s) },
  ];
}

export const ratingsReport: ReportModule = {
  id: 'ratings',
  title: L('好差评与金点子', 'Ratings and suggestions'),
  dashboard: ratingsDashboard,
  terms: { ...RATING_TERMS_EN, 未记录: 'Not recorded', 其他: 'Other' },
  summary: ratingsSummary,
  monthlySheets: ratingsSheets,
  print: ['ratings.levels', 'ratings.perService', 'ratings.perStaff', 'suggestions.figures'],
};
