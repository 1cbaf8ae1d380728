import type { Db } from '../connection.js';
import type { CellKind, ReportSeries } from '../api/contract/reportCharts.js';
import { localClock } from '../localTime.js';
import { readSetting } from '../settings.js';
import { addMonths, resolvePeriod, type ResolvedPeriod } from './period.js';
import { reportModules, type SummaryFigure } from './registry.js';
import { col, table, type SheetBlock, type WorkbookSheet } from './workbook.js';
import { workbookBuffer, type SheetTitle } from './xlsx.js';
import './sections.js';

/**
 * 月度报表: one month's pack for upward reporting. 汇总 puts each module's key figures beside the
 * previous month and the same month of the last season (twelve months earlier), grouped by unit
 * (people and times, yuan, shares, minutes) so every column has one number format; then each
 * module's own sheets (来离明细, 来源地, 年龄结构, 住宿, 物资借用, 押金台账, 排队统计 …).
 */
export interface MonthlyPack {
  month: string;
  title: SheetTitle;
  period: ResolvedPeriod;
  summary: Array<{ module: string; figure: SummaryFigure; previous: number | null; lastSeason: number | null }>;
  sheets: WorkbookSheet[];
}

export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
}

const GROUPS: Array<{ kind: SummaryFigure['kind']; heading: string; cell: CellKind }> = [
  { kind: 'int', heading: '人数与次数', cell: 'int' },
  { kind: 'fen', heading: '金额（元）', cell: 'fen' },
  { kind: 'percent', heading: '比率', cell: 'percent' },
  { kind: 'minutes', heading: '时间（分钟）', cell: 'minutes' },
  { kind: 'days', heading: '天数', cell: 'days' },
];

export function buildMonthlyPack(db: Db, month: string, now: Date): MonthlyPack {
  return db.transaction(() => {
    const period = resolvePeriod(db, { kind: 'monthOf', month }, now);
    const prev = resolvePeriod(db, { kind: 'monthOf', month: addMonths(month, -1) }, now);
    const lastSeason = resolvePeriod(db, { kind: 'monthOf', month: addMonths(month, -12) }, now);
    const summary: MonthlyPack['summary'] = [];
    const sheets: WorkbookSheet[] = [];
    for (const m of reportModules()) {
      if (m.summary) {
        const a = m.summary(db, period);
        const b = new Map(m.summary(db, prev).map((f) => [f.key, f.value]));
        const c = new Map(m.summary(db, lastSeason).map((f) => [f.key, f.value]));
        for (const f of a) summary.push({ module: m.title.zh, figure: f, previous: b.get(f.key) ?? null, lastSeason: c.get(f.key) ?? null });
      }
      if (m.monthlySheets) sheets.push(...m.monthlySheets(db, period));
    }
    const blocks: SheetBlock[] = GROUPS.map((g) => {
      const rows = summary.filter((s) => s.figure.kind === g.kind);
      return {
        heading: g.heading,
        table: table(
          [
            col('item', '项目', 'Item', 'text'),
            col('current', `本月（${monthLabel(month)}）`, 'This month', g.cell),
            col('previous', `上月（${monthLabel(addMonths(month, -1))}）`, 'Previous month', g.cell),
            col('lastSeason', `上季同月（${monthLabel(addMonths(month, -12))}）`, 'Same month last season', g.cell),
            col('change', '较上月增减', 'Change on previous month', g.cell),
          ],
          rows.map((s) => ({
            item: `${s.module} · ${s.figure.label.zh}`,
            current: s.figure.value,
            previous: s.previous,
            lastSeason: s.lastSeason,
            change: s.figure.value !== null && s.previous !== null ? Math.round((s.figure.value - s.previous) * 10000) / 10000 : null,
          })),
        ),
      };
    }).filter((b) => b.table.rows.length);
    const center = readSetting(db, 'center.name');
    const generated = localClock(now, period.timeZone);
    const title: SheetTitle = {
      center,
      title: `月度报表 ${monthLabel(month)}`,
      period: `统计时段：${period.from} 至 ${period.to}（${period.timeZone}）  生成时间：${generated.day} ${generated.time}`,
    };
    return { month, title, period, summary, sheets: [{ name: '汇总', blocks }, ...sheets] };
  })();
}

export async function monthlyWorkbook(db: Db, month: string, now: Date): Promise<{ fileName: string; buffer: Buffer; pack: MonthlyPack }> {
  const pack = buildMonthlyPack(db, month, now);
  const buffer = await workbookBuffer(pack.sheets, pack.title);
  return { fileName: `月度报表-${month}.xlsx`, buffer, pack };
}

/** What the A4 layout prints: the title, 汇总, and every module's printed series with its chart. */
export interface MonthlyPrintData {
  center: string;
  month: string;
  periodLabel: string;
  summary: Array<{ item: string; kind: SummaryFigure['kind']; current: number | null; previous: number | null; lastSeason: number | null }>;
  series: ReportSeries[];
}

export function monthlyPrintData(db: Db, month: string, now: Date): MonthlyPrintData {
  const pack = buildMonthlyPack(db, month, now);
  const series: ReportSeries[] = [];
  db.transaction(() => {
    for (const m of reportModules()) {
      if (!m.print?.length) continue;
      const all = m.dashboard(db, pack.period);
      for (const id of m.print) {
        const s = all.find((x) => x.id === id);
        if (s) series.push({ ...s, drill: undefined });
      }
    }
  })();
  return {
    center: pack.title.center,
    month,
    periodLabel: pack.title.period,
    summary: pack.summary.map((s) => ({
      item: `${s.module} · ${s.figure.label.zh}`,
      kind: s.figure.kind,
      current: s.figure.value,
      previous: s.previous,
      lastSeason: s.lastSeason,
    })),
    series,
  };
}
