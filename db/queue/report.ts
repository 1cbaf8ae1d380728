import type { Db } from '../connection.js';
import type { ReportCell, ReportSeries } from '../api/contract/reportCharts.js';
import { localClock } from '../localTime.js';
import type { ResolvedPeriod } from '../reports/period.js';
import type { ReportModule, SummaryFigure } from '../reports/registry.js';
import type { ListExport } from '../reports/lists.js';
import { L, col, table, type WorkbookSheet } from '../reports/workbook.js';

/**
 * The queue's figures (issue 15), from queue_tickets of the period's local days:
 * - tickets per service (the service the number was taken for) per day;
 * - wait = first call − issue time, p50/p90 by the local hour the ticket was taken;
 * - service time = finished − called; no-show rate = 过号 ÷ (办结 + 过号);
 * - tickets per counter (办结 and 过号 at that counter);
 * - per staff member (queue_tickets.served_by, schema 14: the signed-in staff member who called and
 *   finished it): tickets served, mean service time, 过号, and the 好差评 ratings of those tickets
 *   (count, mean level, bad ones). Tickets served before schema 14 or on the host without a session
 *   count under 未记录.
 */

interface TicketRow {
  day: string;
  service: number;
  counter: number | null;
  status: string;
  issued: string;
  called: string | null;
  finished: string | null;
  servedBy: number | null;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const minutes = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60_000;
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

function tickets(db: Db, p: ResolvedPeriod): TicketRow[] {
  return db
    .prepare(
      `SELECT day, issued_service_id AS service, counter_id AS counter, status, issued_at AS issued, called_at AS called, finished_at AS finished,
       served_by AS servedBy FROM queue_tickets WHERE day >= ? AND day <= ?`,
    )
    .all(p.from, p.to) as TicketRow[];
}

/** The local hour of an instant on its local day: arithmetic from the day's start unless the day is not 24 h (DST). */
function hourFinder(p: ResolvedPeriod): (day: string, iso: string) => number {
  const starts = new Map(p.days.map((d, i) => [d, [Date.parse(p.dayStarts[i]!), Date.parse(p.dayStarts[i + 1]!)] as const]));
  return (day, iso) => {
    const b = starts.get(day);
    const t = Date.parse(iso);
    if (b && b[1] - b[0] === 86_400_000) return Math.min(23, Math.max(0, Math.floor((t - b[0]) / 3_600_000)));
    return Number(localClock(new Date(t), p.timeZone).time.slice(0, 2));
  };
}

function services(db: Db): Array<{ id: number; name: string; nameEn: string }> {
  return db.prepare('SELECT id, name, name_en AS nameEn FROM queue_services ORDER BY sort, id').all() as Array<{ id: number; name: string; nameEn: string }>;
}

export function queueDashboard(db: Db, p: ResolvedPeriod): ReportSeries[] {
  const rows = tickets(db, p);
  const svc = services(db);
  const usedSvc = svc.filter((s) => rows.some((r) => r.service === s.id));
  const shown = usedSvc.length ? usedSvc : svc;

  // Per service per day.
  const perDay = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const m = perDay.get(r.day) ?? new Map<number, number>();
    m.set(r.service, (m.get(r.service) ?? 0) + 1);
    perDay.set(r.day, m);
  }
  const dayRows = p.days.map((day) => {
    const m = perDay.get(day);
    const r: Record<string, ReportCell> = { day };
    let total = 0;
    for (const s of shown) {
      const n = m?.get(s.id) ?? 0;
      r[`s${s.id}`] = n;
      total += n;
    }
    r.total = total;
    return r;
  });

  // Wait by hour of issue.
  const hourOf = hourFinder(p);
  const waits = Array.from({ length: 24 }, () => [] as number[]);
  const issuedPerHour = new Array<number>(24).fill(0);
  for (const r of rows) {
    const h = hourOf(r.day, r.issued);
    issuedPerHour[h]!++;
    if (r.called) waits[h]!.push(minutes(r.issued, r.called));
  }
  const hours = issuedPerHour.map((n, h) => ({ h, n })).filter((x) => x.n > 0);
  const hourRows = hours.map(({ h, n }) => {
    const w = waits[h]!.sort((a, b) => a - b);
    return { hour: `${String(h).padStart(2, '0')}:00`, tickets: n, p50: round1(percentile(w, 0.5)), p90: round1(percentile(w, 0.9)) };
  });

  // Per service: counts, no-show rate, wait and service time.
  const svcRows = shown.map((s) => {
    const mine = rows.filter((r) => r.service === s.id);
    const finished = mine.filter((r) => r.status === 'finished');
    const noShow = mine.filter((r) => r.status === 'no_show').length;
    const w = mine.filter((r) => r.called).map((r) => minutes(r.issued, r.called!));
    const st = finished.filter((r) => r.called && r.finished).map((r) => minutes(r.called!, r.finished!));
    w.sort((a, b) => a - b);
    st.sort((a, b) => a - b);
    const closed = finished.length + noShow;
    return {
      service: s.name,
      tickets: mine.length,
      finished: finished.length,
      noShow,
      unserved: mine.filter((r) => r.status === 'unserved').length,
      noShowRate: closed ? Math.round((noShow / closed) * 10000) / 10000 : null,
      waitP50: round1(percentile(w, 0.5)),
      waitP90: round1(percentile(w, 0.9)),
      serviceP50: round1(percentile(st, 0.5)),
      serviceAvg: st.length ? round1(st.reduce((a, b) => a + b, 0) / st.length) : null,
    };
  });

  // Per counter.
  const counters = db.prepare('SELECT id, name FROM queue_counters ORDER BY number').all() as Array<{ id: number; name: string }>;
  const counterRows = counters
    .map((c) => {
      const mine = rows.filter((r) => r.counter === c.id);
      return { counter: c.name, finished: mine.filter((r) => r.status === 'finished').length, noShow: mine.filter((r) => r.status === 'no_show').length };
    })
    .filter((r) => r.finished + r.noShow > 0 || !rows.length);

  const staffRows = perStaff(db, p, rows);

  return [
    {
      id: 'queue.perServiceDay',
      title: L('每日取号（按服务）', 'Tickets per service per day'),
      chart: { kind: 'stackedBar', x: 'day', y: shown.map((s) => ({ key: `s${s.id}` })) },
      table: table([col('day', '日期', 'Day', 'text'), ...shown.map((s) => col(`s${s.id}`, s.name, s.nameEn || s.name)), col('total', '合计', 'Total')], dayRows),
    },
    {
      id: 'queue.waitByHour',
      title: L('按取号时段的等候时间（分钟）', 'Wait by hour of day (minutes)'),
      note: L('等候 = 首次叫号 − 取号时间；p50 为一半人不超过，p90 为九成人不超过。', 'Wait = first call − issue; p50: half waited at most this, p90: nine in ten.'),
      chart: { kind: 'bar', x: 'hour', y: [{ key: 'p50' }, { key: 'p90' }] },
      table: table(
        [
          col('hour', '时段', 'Hour', 'text'),
          col('tickets', '取号数', 'Tickets'),
          col('p50', '等候 p50（分）', 'Wait p50', 'minutes'),
          col('p90', '等候 p90（分）', 'Wait p90', 'minutes'),
        ],
        hourRows,
      ),
    },
    {
      id: 'queue.services',
      title: L('各项服务：办结、过号与办理时间', 'Services: served, no-shows, service time'),
      note: L('过号率 = 过号 ÷（办结 + 过号）；办理时间 = 办结 − 叫号。', 'No-show rate = no-shows ÷ (served + no-shows); service time = finished − called.'),
      chart: { kind: 'bar', x: 'service', y: [{ key: 'finished' }, { key: 'noShow' }] },
      table: table(
        [
          col('service', '服务', 'Service', 'text'),
          col('tickets', '取号', 'Tickets'),
          col('finished', '办结', 'Served'),
          col('noShow', '过号', 'No-shows'),
          col('unserved', '未办理', 'Unserved'),
          col('noShowRate', '过号率', 'No-show rate', 'percent'),
          col('waitP50', '等候 p50（分）', 'Wait p50', 'minutes'),
          col('waitP90', '等候 p90（分）', 'Wait p90', 'minutes'),
          col('serviceP50', '办理 p50（分）', 'Service p50', 'minutes'),
          col('serviceAvg', '办理平均（分）', 'Service mean', 'minutes'),
        ],
        svcRows,
      ),
    },
    {
      id: 'queue.perCounter',
      title: L('各窗口办理量', 'Tickets per counter'),
      chart: { kind: 'bar', x: 'counter', y: [{ key: 'finished' }, { key: 'noShow' }] },
      table: table([col('counter', '窗口', 'Counter', 'text'), col('finished', '办结', 'Served'), col('noShow', '过号', 'No-shows')], counterRows),
    },
    {
      id: 'queue.perStaff',
      title: L('各工作人员办理量与评价', 'Per staff member: served, service time, ratings'),
      note: L(
        '按叫号并办结的工作人员统计；平均办理时间 = 办结 − 叫号；评价为居民对这些号的好差评（5 = 非常满意）。',
        'By the staff member who called and finished the ticket; mean service time = finished − called; ratings are residents’ 好差评 of those tickets (5 = very satisfied).',
      ),
      chart: { kind: 'bar', x: 'staff', y: [{ key: 'finished' }, { key: 'noShow' }] },
      table: table(
        [
          col('staff', '工作人员', 'Staff member', 'text'),
          col('finished', '办结', 'Served'),
          col('noShow', '过号', 'No-shows'),
          col('serviceAvg', '平均办理（分）', 'Mean service (min)', 'minutes'),
          col('ratings', '评价数', 'Ratings'),
          col('ratingAvg', '平均评分', 'Mean rating', 'text'),
          col('bad', '差评', 'Bad ratings'),
        ],
        staffRows,
      ),
    },
  ];
}

/** Per staff member who served tickets of the period (see the header); 未记录 for tickets without one. */
function perStaff(db: Db, p: ResolvedPeriod, rows: TicketRow[]): Array<Record<string, ReportCell>> {
  const names = new Map((db.prepare('SELECT id, name FROM staff').all() as Array<{ id: number; name: string }>).map((s) => [s.id, s.name]));
  const ratings = db
    .prepare(
      `SELECT t.served_by AS staff, COUNT(*) AS n, AVG(r.level) AS avg, SUM(r.level <= 2) AS bad FROM service_ratings r
       JOIN queue_tickets t ON t.id = r.ticket_id WHERE t.day >= ? AND t.day <= ? GROUP BY t.served_by`,
    )
    .all(p.from, p.to) as Array<{ staff: number | null; n: number; avg: number; bad: number }>;
  const byStaff = new Map<number | null, TicketRow[]>();
  for (const r of rows) {
    if (r.status !== 'finished' && r.status !== 'no_show') continue;
    const list = byStaff.get(r.servedBy) ?? [];
    list.push(r);
    byStaff.set(r.servedBy, list);
  }
  for (const r of ratings) if (!byStaff.has(r.staff)) byStaff.set(r.staff, []);
  return [...byStaff.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : (names.get(a) ?? '').localeCompare(names.get(b) ?? '', 'zh')))
    .map(([staff, mine]) => {
      const finished = mine.filter((r) => r.status === 'finished');
      const st = finished.filter((r) => r.called && r.finished).map((r) => minutes(r.called!, r.finished!));
      const rated = ratings.find((x) => x.staff === staff);
      return {
        staff: staff === null ? '未记录' : (names.get(staff) ?? `#${staff}`),
        finished: finished.length,
        noShow: mine.filter((r) => r.status === 'no_show').length,
        serviceAvg: st.length ? round1(st.reduce((a, b) => a + b, 0) / st.length) : null,
        ratings: rated?.n ?? 0,
        ratingAvg: rated ? (Math.round(rated.avg * 100) / 100).toFixed(2) : null,
        bad: rated?.bad ?? 0,
      };
    });
}

function queueSummary(db: Db, p: ResolvedPeriod): SummaryFigure[] {
  const rows = tickets(db, p);
  const finished = rows.filter((r) => r.status === 'finished').length;
  const noShow = rows.filter((r) => r.status === 'no_show').length;
  const w = rows
    .filter((r) => r.called)
    .map((r) => minutes(r.issued, r.called!))
    .sort((a, b) => a - b);
  return [
    { key: 'tickets', label: L('排队取号（张）', 'Tickets'), kind: 'int', value: rows.length },
    { key: 'finished', label: L('办结（张）', 'Served'), kind: 'int', value: finished },
    { key: 'noShowRate', label: L('过号率', 'No-show rate'), kind: 'percent', value: finished + noShow ? noShow / (finished + noShow) : null },
    { key: 'waitP50', label: L('等候中位数（分）', 'Median wait (min)'), kind: 'minutes', value: round1(percentile(w, 0.5)) },
  ];
}

function queueSheets(db: Db, p: ResolvedPeriod): WorkbookSheet[] {
  const s = queueDashboard(db, p);
  const svc = s.find((x) => x.id === 'queue.services')!.table;
  const days = s.find((x) => x.id === 'queue.perServiceDay')!.table;
  const counters = s.find((x) => x.id === 'queue.perCounter')!.table;
  const staff = s.find((x) => x.id === 'queue.perStaff')!.table;
  return [
    {
      name: '排队统计',
      blocks: [
        { heading: '各项服务', table: svc },
        { heading: '各窗口', table: counters, totals: { label: '合计' } },
        { heading: '各工作人员', table: staff },
        { heading: '每日取号', table: days, totals: { label: '合计' } },
      ],
    },
  ];
}

export const queueReport: ReportModule = {
  id: 'queue',
  title: L('排队叫号', 'Queue'),
  dashboard: queueDashboard,
  // Counted on the period's days alone: valid until a ticket, a step of one, a rating, a service, a counter or a staff name changes.
  cache: { tables: ['queue_tickets', 'queue_ticket_events', 'queue_services', 'queue_counters', 'service_ratings', 'staff'] },
  summary: queueSummary,
  monthlySheets: queueSheets,
  print: ['queue.perServiceDay', 'queue.waitByHour', 'queue.services', 'queue.perStaff'],
};

const STATUS_LABELS: Record<string, string> = { waiting: '等候中', called: '已叫号', finished: '办结', no_show: '过号', transferred: '已转', unserved: '未办理' };

/** 取号记录: tickets of the period's local days (no names: a ticket may carry only a resident id). */
export const ticketsList: ListExport = {
  kind: 'tickets',
  title: '取号记录',
  columns: [
    col('day', '日期', 'Day', 'text'),
    col('code', '号码', 'Number', 'text'),
    col('service', '服务', 'Service', 'text'),
    col('counter', '窗口', 'Counter', 'text'),
    col('status', '状态', 'Status', 'text'),
    col('priority', '优先', 'Priority', 'text'),
    col('issuedAt', '取号时间', 'Taken', 'text'),
    col('calledAt', '叫号时间', 'Called', 'text'),
    col('finishedAt', '办结时间', 'Finished', 'text'),
    col('wait', '等候（分）', 'Wait (min)', 'minutes'),
  ],
  *rows(ctx) {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (ctx.period) {
      where.push('t.day >= :from AND t.day <= :to');
      params.from = ctx.period.from;
      params.to = ctx.period.to;
    }
    if (ctx.filters.serviceId) {
      where.push('t.issued_service_id = :service');
      params.service = ctx.filters.serviceId;
    }
    const stmt = ctx.db.prepare(
      `SELECT t.*, s.name AS service, c.name AS counter FROM queue_tickets t JOIN queue_services s ON s.id = t.issued_service_id
       LEFT JOIN queue_counters c ON c.id = t.counter_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.day, t.issued_at, t.id`,
    );
    for (const t of stmt.iterate(params) as Iterable<Record<string, string | number | null>>) {
      yield {
        day: t.day,
        code: t.code,
        service: t.service,
        counter: t.counter ?? '',
        status: STATUS_LABELS[t.status as string] ?? t.status,
        priority: t.priority ? '优先' : '',
        issuedAt: ctx.time(t.issued_at as string),
        calledAt: ctx.time(t.called_at as string | null),
        finishedAt: ctx.time(t.finished_at as string | null),
        wait: t.called_at ? round1(minutes(t.issued_at as string, t.called_at as string)) : null,
      };
    }
  },
};
