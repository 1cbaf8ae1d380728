import type { Db } from '../connection.js';
import type { ReportCell, ReportSeries } from '../api/contract/reportCharts.js';
import { weekBuckets, type ResolvedPeriod } from '../reports/period.js';
import type { ReportModule, SummaryFigure } from '../reports/registry.js';
import type { ListExport } from '../reports/lists.js';
import { L, col, table, type WorkbookSheet } from '../reports/workbook.js';

/**
 * The loan desk's figures (issue 15): loans per category per week, how much of the time each
 * category's units were out (utilisation), overdue returns, the deposit ledger and consumables.
 *
 * - Utilisation = unit-days out ÷ unit-days available, over the period up to now. Units count
 *   (on both sides) when created before the period ends and not 报废 (retired).
 * - Overdue: loans due in the period (up to now) returned late or not yet returned.
 * - Deposits: collected on loans lent in the period; refunded and kept on loans returned in it.
 */

/** The end of what has happened: the period's end, or now when the period runs to today. */
function limitOf(p: ResolvedPeriod): string {
  return p.end < p.asOf ? p.end : p.asOf;
}

/**
 * Loans overlapping [start, limit) — lent in it, lent before and returned in or after it, or still
 * out — with their unit: three index range scans. Every loan figure of a period (utilisation,
 * overdue, deposits) is summed from them inside SQLite in one pass, per category: only a row per
 * category crosses into JavaScript, not every loan of a season.
 */
const OVERLAP = `SELECT unit_id, out_at, due_at, returned_at, deposit_fen, refund_fen, kept_fen FROM loans WHERE out_at >= :start AND out_at < :lim
    UNION ALL SELECT unit_id, out_at, due_at, returned_at, deposit_fen, refund_fen, kept_fen FROM loans WHERE out_at < :start AND returned_at >= :start
    UNION ALL SELECT unit_id, out_at, due_at, returned_at, deposit_fen, refund_fen, kept_fen FROM loans WHERE out_at < :start AND returned_at IS NULL`;

/** An ISO instant as integer milliseconds, in SQL. */
const ms = (col: string) => `CAST(round(unixepoch(${col}, 'subsec') * 1000) AS INTEGER)`;

interface CategoryFigures {
  cat: number;
  /** Unit-milliseconds out, of units counted as available (not retired, created before the end). */
  outMs: number;
  loans: number;
  overdue: number;
  collected: number;
  withDeposit: number;
  refunded: number;
  kept: number;
}

const figuresCache = new WeakMap<ResolvedPeriod, CategoryFigures[]>();
function perCategory(db: Db, p: ResolvedPeriod): CategoryFigures[] {
  let f = figuresCache.get(p);
  if (!f) {
    const lim = limitOf(p);
    f = db
      .prepare(
        `SELECT u.category_id AS cat,
           COALESCE(SUM(CASE WHEN u.status <> 'retired' AND u.created_at < :end
             THEN MAX(0, MIN(COALESCE(${ms('l.returned_at')}, :limMs), :limMs) - MAX(${ms('l.out_at')}, :startMs)) ELSE 0 END), 0) AS outMs,
           SUM(l.out_at >= :start) AS loans,
           SUM(l.due_at >= :start AND l.due_at < :lim AND (l.returned_at IS NULL OR l.returned_at > l.due_at)) AS overdue,
           SUM(CASE WHEN l.out_at >= :start THEN l.deposit_fen ELSE 0 END) AS collected,
           SUM(l.out_at >= :start AND l.deposit_fen > 0) AS withDeposit,
           SUM(CASE WHEN l.returned_at >= :start AND l.returned_at < :lim THEN COALESCE(l.refund_fen, 0) ELSE 0 END) AS refunded,
           SUM(CASE WHEN l.returned_at >= :start AND l.returned_at < :lim THEN COALESCE(l.kept_fen, 0) ELSE 0 END) AS kept
         FROM (${OVERLAP}) l JOIN loan_units u ON u.id = l.unit_id GROUP BY u.category_id`,
      )
      .all({ start: p.start, end: p.end, lim, startMs: Date.parse(p.start), limMs: Date.parse(lim) }) as CategoryFigures[];
    figuresCache.set(p, f);
  }
  return f;
}

interface Category {
  id: number;
  name: string;
  kind: 'equipment' | 'consumable';
}

function categories(db: Db): Category[] {
  return db.prepare('SELECT id, name, kind FROM loan_categories ORDER BY id').all() as Category[];
}

export function loansPerWeek(db: Db, p: ResolvedPeriod): ReportSeries {
  const weeks = weekBuckets(p);
  const cats = categories(db).filter((c) => c.kind === 'equipment');
  // Week by week along the out_at index; the unit gives the category.
  const rows = db
    .prepare(
      `WITH w(week, s, e) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(:weeks))
       SELECT w.week AS week, u.category_id AS cat, COUNT(*) AS n
       FROM w JOIN loans l ON l.out_at >= w.s AND l.out_at < w.e AND l.out_at < :lim JOIN loan_units u ON u.id = l.unit_id
       GROUP BY w.week, u.category_id`,
    )
    .all({ weeks: JSON.stringify(weeks), lim: limitOf(p) }) as Array<{ week: string; cat: number; n: number }>;
  const cell = new Map(rows.map((r) => [`${r.week}|${r.cat}`, r.n]));
  const used = cats.filter((c) => rows.some((r) => r.cat === c.id));
  const shown = used.length ? used : cats;
  return {
    id: 'loans.perWeek',
    title: L('每周借出次数（按类别）', 'Loans per week by category'),
    note: L('每周从周一算起；第一周从时段开始日算起。', 'Weeks start on Monday; the first starts on the first day of the period.'),
    chart: { kind: 'stackedBar', x: 'week', y: shown.map((c) => ({ key: `c${c.id}` })) },
    table: table(
      [col('week', '周（起始日）', 'Week of', 'text'), ...shown.map((c) => col(`c${c.id}`, c.name, c.name)), col('total', '合计', 'Total')],
      weeks.map(([label]) => {
        const r: Record<string, ReportCell> = { week: label };
        let total = 0;
        for (const c of shown) {
          const n = cell.get(`${label}|${c.id}`) ?? 0;
          r[`c${c.id}`] = n;
          total += n;
        }
        r.total = total;
        return r;
      }),
    ),
  };
}

export function utilisation(db: Db, p: ResolvedPeriod): ReportSeries {
  const lim = limitOf(p);
  const spanDays = Math.max(0, (Date.parse(lim) - Date.parse(p.start)) / 86_400_000);
  const units = new Map(
    (
      db.prepare("SELECT category_id AS id, COUNT(*) AS n FROM loan_units WHERE created_at < :end AND status <> 'retired' GROUP BY category_id").all({ end: p.end }) as Array<{
        id: number;
        n: number;
      }>
    ).map((r) => [r.id, r.n]),
  );
  const byCat = new Map(perCategory(db, p).map((o) => [o.cat, o]));
  const rows = categories(db)
    .filter((c) => c.kind === 'equipment')
    .map((c) => {
      const o = byCat.get(c.id);
      const n = units.get(c.id) ?? 0;
      const available = n * spanDays;
      const daysOut = (o?.outMs ?? 0) / 86_400_000;
      return {
        category: c.name,
        units: n,
        loans: o?.loans ?? 0,
        overdue: o?.overdue ?? 0,
        unitDaysOut: Math.round(daysOut * 10) / 10,
        unitDaysAvailable: Math.round(available * 10) / 10,
        utilisation: available > 0 ? Math.round((daysOut / available) * 10000) / 10000 : null,
      };
    });
  return {
    id: 'loans.utilisation',
    title: L('物资使用率与逾期', 'Utilisation and overdue'),
    note: L(
      '使用率 = 借出件·天 ÷ 可借件·天（到目前为止）；逾期：本时段到期而晚还或未还。',
      'Utilisation = unit-days out ÷ unit-days available so far; overdue: due in the period and returned late or not yet.',
    ),
    chart: { kind: 'bar', x: 'category', y: [{ key: 'utilisation' }] },
    table: table(
      [
        col('category', '类别', 'Category', 'text'),
        col('units', '件数', 'Units'),
        col('loans', '借出次数', 'Loans'),
        col('overdue', '逾期', 'Overdue'),
        col('unitDaysOut', '借出件·天', 'Unit-days out', 'days'),
        col('unitDaysAvailable', '可借件·天', 'Unit-days available', 'days'),
        col('utilisation', '使用率', 'Utilisation', 'percent'),
      ],
      rows,
    ),
  };
}

export interface DepositFigures {
  collected: number;
  refunded: number;
  kept: number;
  loansWithDeposit: number;
}

export function depositFigures(db: Db, p: ResolvedPeriod): DepositFigures {
  const d: DepositFigures = { collected: 0, refunded: 0, kept: 0, loansWithDeposit: 0 };
  for (const c of perCategory(db, p)) {
    d.collected += c.collected;
    d.loansWithDeposit += c.withDeposit;
    d.refunded += c.refunded;
    d.kept += c.kept;
  }
  return d;
}

function depositsSeries(db: Db, p: ResolvedPeriod): ReportSeries {
  const d = depositFigures(db, p);
  return {
    id: 'loans.deposits',
    title: L('押金收退', 'Deposits'),
    note: L('收取：本时段借出时收的押金；退还、扣留：本时段归还时。单位：元。', 'Collected on loans lent in the period; refunded and kept on returns in it. In yuan.'),
    chart: { kind: 'bar', x: 'item', y: [{ key: 'amount' }] },
    table: table(
      [col('item', '项目', 'Item', 'text'), col('amount', '金额（元）', 'Amount (yuan)', 'fen')],
      [
        { item: '收取', amount: d.collected },
        { item: '退还', amount: d.refunded },
        { item: '扣留', amount: d.kept },
      ],
    ),
  };
}

function consumablesSeries(db: Db, p: ResolvedPeriod): ReportSeries {
  const lim = limitOf(p);
  const rows = db
    .prepare(
      `SELECT c.name AS category, COALESCE(SUM(CASE WHEN i.kind = 'handout' THEN i.quantity END), 0) AS handout,
         COALESCE(SUM(CASE WHEN i.kind = 'sale' THEN i.quantity END), 0) AS sold, COALESCE(SUM(CASE WHEN i.kind = 'sale' THEN i.amount_fen END), 0) AS amount
       FROM loan_categories c LEFT JOIN consumable_issues i ON i.category_id = c.id AND i.at >= :start AND i.at < :lim
       WHERE c.kind = 'consumable' GROUP BY c.id ORDER BY c.id`,
    )
    .all({ start: p.start, lim }) as Array<Record<string, ReportCell>>;
  return {
    id: 'loans.consumables',
    title: L('消耗品发放', 'Consumables handed out'),
    chart: { kind: 'bar', x: 'category', y: [{ key: 'handout' }, { key: 'sold' }] },
    table: table(
      [col('category', '物品', 'Item', 'text'), col('handout', '免费发放', 'Handed out'), col('sold', '售出', 'Sold'), col('amount', '售出金额（元）', 'Sales (yuan)', 'fen')],
      rows,
    ),
  };
}

export function loansDashboard(db: Db, p: ResolvedPeriod): ReportSeries[] {
  return [loansPerWeek(db, p), utilisation(db, p), depositsSeries(db, p), consumablesSeries(db, p)];
}

function loansSummary(db: Db, p: ResolvedPeriod): SummaryFigure[] {
  const lim = limitOf(p);
  const loans = (db.prepare('SELECT COUNT(*) AS n FROM loans WHERE out_at >= :start AND out_at < :lim').get({ start: p.start, lim }) as { n: number }).n;
  const u = utilisation(db, p).table.rows;
  const overdue = u.reduce((n, r) => n + Number(r.overdue ?? 0), 0);
  const d = depositFigures(db, p);
  return [
    { key: 'loans', label: L('物资借出（次）', 'Loans'), kind: 'int', value: loans },
    { key: 'overdue', label: L('逾期（次）', 'Overdue'), kind: 'int', value: overdue },
    { key: 'collected', label: L('押金收取（元）', 'Deposits collected'), kind: 'fen', value: d.collected },
    { key: 'refunded', label: L('押金退还（元）', 'Deposits refunded'), kind: 'fen', value: d.refunded },
    { key: 'kept', label: L('押金扣留（元）', 'Deposits kept'), kind: 'fen', value: d.kept },
  ];
}

/** 押金台账: one line per local day with money moving (no names or phones). */
function depositLedger(db: Db, p: ResolvedPeriod): WorkbookSheet {
  const lim = limitOf(p);
  const days = JSON.stringify(p.days.map((d, i) => [d, p.dayStarts[i], p.dayStarts[i + 1]]));
  const rows = db
    .prepare(
      `WITH d(day, s, e) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(:days))
       SELECT d.day AS day,
         (SELECT COUNT(*) FROM loans WHERE out_at >= d.s AND out_at < d.e AND out_at < :lim AND deposit_fen > 0) AS lent,
         (SELECT COALESCE(SUM(deposit_fen), 0) FROM loans WHERE out_at >= d.s AND out_at < d.e AND out_at < :lim) AS collected,
         (SELECT COUNT(*) FROM loans WHERE returned_at >= d.s AND returned_at < d.e AND returned_at < :lim AND deposit_fen > 0) AS returned,
         (SELECT COALESCE(SUM(refund_fen), 0) FROM loans WHERE returned_at >= d.s AND returned_at < d.e AND returned_at < :lim) AS refunded,
         (SELECT COALESCE(SUM(kept_fen), 0) FROM loans WHERE returned_at >= d.s AND returned_at < d.e AND returned_at < :lim) AS kept
       FROM d`,
    )
    .all({ days, lim }) as Array<Record<string, number | string>>;
  return {
    name: '押金台账',
    blocks: [
      {
        table: table(
          [
            col('day', '日期', 'Day', 'text'),
            col('lent', '收押笔数', 'Deposits taken'),
            col('collected', '收取（元）', 'Collected', 'fen'),
            col('returned', '退押笔数', 'Returns'),
            col('refunded', '退还（元）', 'Refunded', 'fen'),
            col('kept', '扣留（元）', 'Kept', 'fen'),
          ],
          rows,
        ),
        totals: { label: '合计' },
      },
    ],
  };
}

function loansSheets(db: Db, p: ResolvedPeriod): WorkbookSheet[] {
  const u = utilisation(db, p).table;
  const c = consumablesSeries(db, p).table;
  return [
    {
      name: '物资借用',
      blocks: [
        { heading: '借用物资', table: u, totals: { label: '合计', except: ['utilisation'] } },
        { heading: '消耗品', table: c, totals: { label: '合计' } },
      ],
    },
    depositLedger(db, p),
  ];
}

export const loansReport: ReportModule = {
  id: 'loans',
  title: L('物资租借', 'Loans'),
  dashboard: loansDashboard,
  summary: loansSummary,
  monthlySheets: loansSheets,
  print: ['loans.perWeek', 'loans.utilisation', 'loans.deposits'],
  // Loans still out count up to now: a period that runs to today is keyed by the instant.
  cache: { tables: ['loans', 'loan_units', 'loan_categories', 'consumable_issues'], key: limitOf },
};

const METHOD_LABELS: Record<string, string> = { cash: '现金', wechat: '微信', alipay: '支付宝', waived: '免押' };
const CONDITION_LABELS: Record<string, string> = { good: '完好', damaged: '损坏', lost: '丢失' };

/** 借用记录: loans lent in the period (or all), 借出中 / 已逾期 / all. */
export const loansList: ListExport = {
  kind: 'loans',
  title: '借用记录',
  columns: [
    col('assetTag', '资产编号', 'Asset tag', 'text'),
    col('category', '类别', 'Category', 'text'),
    col('cardNo', '服务卡号', 'Card', 'text'),
    col('name', '借用人', 'Borrower', 'text'),
    col('phone', '手机号', 'Phone', 'text'),
    col('outAt', '借出时间', 'Lent', 'text'),
    col('dueAt', '应还时间', 'Due', 'text'),
    col('returnedAt', '归还时间', 'Returned', 'text'),
    col('state', '状态', 'State', 'text'),
    col('deposit', '押金（元）', 'Deposit', 'fen'),
    col('method', '押金方式', 'Method', 'text'),
    col('refund', '退还（元）', 'Refunded', 'fen'),
    col('kept', '扣留（元）', 'Kept', 'fen'),
    col('condition', '归还情况', 'Condition', 'text'),
  ],
  *rows(ctx) {
    const where: string[] = [];
    const params: Record<string, unknown> = { now: ctx.now.toISOString() };
    if (ctx.period) {
      where.push('l.out_at >= :start AND l.out_at < :end');
      params.start = ctx.period.start;
      params.end = ctx.period.end;
    }
    if (ctx.filters.loanStatus === 'open') where.push('l.returned_at IS NULL');
    if (ctx.filters.loanStatus === 'overdue') where.push('l.returned_at IS NULL AND l.due_at < :now');
    const stmt = ctx.db.prepare(
      `SELECT l.*, u.asset_tag, c.name AS category, r.card_no, r.name, r.phone FROM loans l JOIN loan_units u ON u.id = l.unit_id
       JOIN loan_categories c ON c.id = u.category_id JOIN residents r ON r.id = l.resident_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY l.out_at, l.id`,
    );
    const now = ctx.now.toISOString();
    for (const l of stmt.iterate(params) as Iterable<Record<string, string | number | null>>) {
      const state = l.returned_at ? '已归还' : (l.due_at as string) < now ? '已逾期' : '借出中';
      yield {
        assetTag: l.asset_tag,
        category: l.category,
        cardNo: l.card_no,
        name: l.name ?? '（已匿名）',
        phone: ctx.phone(l.phone as string | null),
        outAt: ctx.time(l.out_at as string),
        dueAt: ctx.time(l.due_at as string),
        returnedAt: ctx.time(l.returned_at as string | null),
        state,
        deposit: l.deposit_fen,
        method: METHOD_LABELS[l.deposit_method as string] ?? l.deposit_method,
        refund: l.refund_fen,
        kept: l.kept_fen,
        condition: l.condition ? (CONDITION_LABELS[l.condition as string] ?? l.condition) : '',
      };
    }
  },
};
