import type { Db } from '../connection.js';
import type { ReportCell, ReportSeries } from '../api/contract/reportCharts.js';
import type { ResolvedPeriod } from '../reports/period.js';
import type { ReportModule, SummaryFigure } from '../reports/registry.js';
import { L, col, table, type WorkbookSheet } from '../reports/workbook.js';

/**
 * 时间银行 figures for a period (the center's local days):
 * - 志愿服务时长: approved hours by the day the service was done (worked_at), activity and manual;
 * - 活跃志愿者: distinct residents with approved hours in the period;
 * - 发放积分: points credited to residents by credit transactions posted in the period, less
 *   reversals of credits posted in the period; 兑换积分: redemptions less reversed redemptions;
 * - 兑换物品: quantity and points by item (redemptions not reversed).
 * Ledger figures are sums of entries — the same SUMs the balances are.
 */
const round1 = (v: number) => Math.round(v * 10) / 10;

function dayIndex(p: ResolvedPeriod): (iso: string) => string | null {
  const starts = p.dayStarts.map((d) => Date.parse(d));
  return (iso) => {
    const t = Date.parse(iso);
    let lo = 0;
    let hi = p.days.length - 1;
    if (t < starts[0]! || t >= starts[p.days.length]!) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return p.days[lo]!;
  };
}

interface Figures {
  hoursRows: Array<{ resident: number; minutes: number; source: string; at: string }>;
  /** Per transaction: the residents' side (credits +, redemptions −), kind, and for a reversal the kind it reverses. */
  ledger: Array<{ at: string; kind: string; reversesKind: string | null; residentSide: number }>;
}

function figures(db: Db, p: ResolvedPeriod): Figures {
  const hoursRows = db
    .prepare("SELECT resident_id AS resident, minutes, source, worked_at AS at FROM vol_hours WHERE status = 'approved' AND worked_at >= ? AND worked_at < ?")
    .all(p.start, p.end) as Figures['hoursRows'];
  const ledger = db
    .prepare(
      `SELECT t.at, t.kind, o.kind AS reversesKind,
              (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE e.txn_id = t.id AND a.kind = 'resident') AS residentSide
       FROM ledger_transactions t JOIN ledger_postings p ON p.txn_id = t.id LEFT JOIN ledger_transactions o ON o.id = t.reverses
       WHERE t.at >= ? AND t.at < ?`,
    )
    .all(p.start, p.end) as Figures['ledger'];
  return { hoursRows, ledger };
}

/** Issued and redeemed points of a set of ledger rows (reversals net against their kind). */
function pointsOf(rows: Figures['ledger']): { issued: number; redeemed: number } {
  let issued = 0;
  let redeemed = 0;
  for (const r of rows) {
    const kind = r.kind === 'reversal' ? r.reversesKind : r.kind;
    if (kind === 'credit') issued += r.residentSide;
    else if (kind === 'redemption') redeemed -= r.residentSide;
  }
  return { issued, redeemed };
}

function byItem(db: Db, p: ResolvedPeriod) {
  return db
    .prepare(
      `SELECT l.item_name AS item, SUM(l.quantity) AS quantity, SUM(l.quantity * l.unit_points) AS points
       FROM vol_redemption_lines l JOIN vol_redemptions r ON r.id = l.redemption_id
       WHERE r.at >= ? AND r.at < ? AND NOT EXISTS (SELECT 1 FROM ledger_transactions x WHERE x.reverses = r.txn_id)
       GROUP BY l.item_name ORDER BY points DESC, item`,
    )
    .all(p.start, p.end) as Array<{ item: string; quantity: number; points: number }>;
}

export interface VolunteeringTotals {
  hours: number;
  activeVolunteers: number;
  pointsIssued: number;
  pointsRedeemed: number;
  redemptions: number;
}

export function volunteeringTotals(db: Db, p: ResolvedPeriod): VolunteeringTotals {
  const f = figures(db, p);
  const { issued, redeemed } = pointsOf(f.ledger);
  return {
    hours: round1(f.hoursRows.reduce((n, r) => n + r.minutes, 0) / 60),
    activeVolunteers: new Set(f.hoursRows.map((r) => r.resident)).size,
    pointsIssued: issued,
    pointsRedeemed: redeemed,
    redemptions: (
      db
        .prepare('SELECT COUNT(*) AS n FROM vol_redemptions r WHERE r.at >= ? AND r.at < ? AND NOT EXISTS (SELECT 1 FROM ledger_transactions x WHERE x.reverses = r.txn_id)')
        .get(p.start, p.end) as { n: number }
    ).n,
  };
}

export function volunteeringDashboard(db: Db, p: ResolvedPeriod): ReportSeries[] {
  const f = figures(db, p);
  const dayOf = dayIndex(p);
  const perDay = new Map(p.days.map((d) => [d, { activity: 0, manual: 0, issued: 0, redeemed: 0 }]));
  for (const r of f.hoursRows) {
    const d = perDay.get(dayOf(r.at) ?? '');
    if (d) d[r.source === 'activity' ? 'activity' : 'manual'] += r.minutes;
  }
  for (const r of f.ledger) {
    const d = perDay.get(dayOf(r.at) ?? '');
    if (!d) continue;
    const x = pointsOf([r]);
    d.issued += x.issued;
    d.redeemed += x.redeemed;
  }
  const dayRows = p.days.map((day) => {
    const d = perDay.get(day)!;
    const r: Record<string, ReportCell> = {
      day,
      activityHours: round1(d.activity / 60),
      manualHours: round1(d.manual / 60),
      hours: round1((d.activity + d.manual) / 60),
      issued: d.issued,
      redeemed: d.redeemed,
    };
    return r;
  });
  const totals = volunteeringTotals(db, p);
  const items = byItem(db, p);
  return [
    {
      id: 'volunteering.perDay',
      title: L('志愿服务时长与积分（按日）', 'Volunteer hours and points per day'),
      note: L(
        '时长按服务日期计（活动签到与已审批的补记）；发放、兑换积分按记账时间计，已撤销的相互抵消。',
        'Hours by the day of service (attendance and approved manual credits); points by posting time, reversals netted.',
      ),
      chart: {
        kind: 'lineBars',
        x: 'day',
        y: [
          { key: 'hours', as: 'bar' },
          { key: 'issued', as: 'line' },
          { key: 'redeemed', as: 'line' },
        ],
      },
      table: table(
        [
          col('day', '日期', 'Day', 'text'),
          col('activityHours', '活动时长（小时）', 'Activity hours'),
          col('manualHours', '补记时长（小时）', 'Manual hours'),
          col('hours', '合计时长（小时）', 'Total hours'),
          col('issued', '发放积分', 'Points issued'),
          col('redeemed', '兑换积分', 'Points redeemed'),
        ],
        dayRows,
      ),
      figures: [
        { key: 'hours', label: L('志愿服务时长（小时）', 'Volunteer hours'), kind: 'int', value: totals.hours },
        { key: 'activeVolunteers', label: L('参与志愿者（人）', 'Active volunteers'), kind: 'int', value: totals.activeVolunteers },
        { key: 'pointsIssued', label: L('发放积分', 'Points issued'), kind: 'int', value: totals.pointsIssued },
        { key: 'pointsRedeemed', label: L('兑换积分', 'Points redeemed'), kind: 'int', value: totals.pointsRedeemed },
      ],
    },
    {
      id: 'volunteering.byItem',
      title: L('爱心超市兑换（按物品）', 'Redemptions by item'),
      chart: { kind: 'hbar', x: 'item', y: [{ key: 'points' }] },
      table: table([col('item', '物品', 'Item', 'text'), col('quantity', '数量', 'Quantity'), col('points', '积分', 'Points')], items),
    },
  ];
}

function volunteeringSummary(db: Db, p: ResolvedPeriod): SummaryFigure[] {
  const t = volunteeringTotals(db, p);
  return [
    { key: 'hours', label: L('志愿服务时长（小时）', 'Volunteer hours'), kind: 'int', value: t.hours },
    { key: 'activeVolunteers', label: L('参与志愿者（人）', 'Active volunteers'), kind: 'int', value: t.activeVolunteers },
    { key: 'pointsIssued', label: L('发放积分', 'Points issued'), kind: 'int', value: t.pointsIssued },
    { key: 'pointsRedeemed', label: L('兑换积分', 'Points redeemed'), kind: 'int', value: t.pointsRedeemed },
  ];
}

function volunteeringSheets(db: Db, p: ResolvedPeriod): WorkbookSheet[] {
  const s = volunteeringDashboard(db, p);
  const t = volunteeringTotals(db, p);
  const registered = (
    db.prepare("SELECT COUNT(*) AS n FROM volunteers v JOIN residents r ON r.id = v.resident_id WHERE v.active = 1 AND r.status = 'active'").get() as { n: number }
  ).n;
  const overview = table(
    [col('item', '项目', 'Item', 'text'), col('value', '数值', 'Value')],
    [
      { item: '志愿服务时长（小时）', value: t.hours },
      { item: '参与志愿者（人）', value: t.activeVolunteers },
      { item: '在册志愿者（人，截至导出时）', value: registered },
      { item: '发放积分', value: t.pointsIssued },
      { item: '兑换积分', value: t.pointsRedeemed },
      { item: '兑换笔数', value: t.redemptions },
    ],
  );
  return [
    {
      name: '时间银行',
      blocks: [
        { heading: '概况', table: overview },
        { heading: '按物品兑换', table: s.find((x) => x.id === 'volunteering.byItem')!.table, totals: { label: '合计' } },
        { heading: '每日时长与积分', table: s.find((x) => x.id === 'volunteering.perDay')!.table, totals: { label: '合计' } },
      ],
    },
  ];
}

export const volunteeringReport: ReportModule = {
  id: 'volunteering',
  title: L('时间银行', 'Time bank'),
  dashboard: volunteeringDashboard,
  summary: volunteeringSummary,
  monthlySheets: volunteeringSheets,
  print: ['volunteering.perDay', 'volunteering.byItem'],
};
