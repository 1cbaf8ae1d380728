import type { Db } from '../connection.js';
import type { Label, ReportSection, ReportSeries } from '../api/contract/reportCharts.js';
import type { ResolvedPeriod } from './period.js';
import type { WorkbookSheet } from './workbook.js';
import { cachedSeries, type ModuleCache } from './cache.js';

/**
 * The frame every domain plugs its figures into. A domain writes `db/<domain>/report.ts` exporting
 * a `ReportModule` (its own queries, nothing shared but the period) and adds one line to
 * `db/reports/sections.ts`. The dashboard shows every module's series in order; the monthly pack
 * adds every module's sheets and 汇总 rows; the A4 pack prints every series marked `print`.
 */
export interface SummaryFigure {
  key: string;
  label: Label;
  kind: 'int' | 'fen' | 'percent' | 'minutes' | 'days';
  value: number | null;
}

export interface ReportModule {
  id: string;
  title: Label;
  /** Every series of the dashboard for a period, computed on the host in the center's zone. */
  dashboard(db: Db, period: ResolvedPeriod): ReportSeries[];
  /** The month's key figures for 汇总 (this month, previous month, same month last season). */
  summary?(db: Db, period: ResolvedPeriod): SummaryFigure[];
  /** The module's sheets of the monthly pack. */
  monthlySheets?(db: Db, period: ResolvedPeriod): WorkbookSheet[];
  /** Series ids printed in the A4 pack (with their charts). */
  print?: string[];
  /** Opt in to keeping the dashboard's figures while the named tables are unchanged (cache.ts). */
  cache?: ModuleCache;
  /** English for the Chinese terms the module writes into its cells (a level, a band, 未记录), for every series. */
  terms?: Readonly<Record<string, string>>;
}

const modules: ReportModule[] = [];

export function registerReportModule(m: ReportModule): void {
  if (modules.some((x) => x.id === m.id)) throw new Error(`report module ${m.id} registered twice`);
  modules.push(m);
}

export function reportModules(): readonly ReportModule[] {
  return modules;
}

export function dashboardSections(db: Db, period: ResolvedPeriod): ReportSection[] {
  return modules.map((m) => {
    const series = cachedSeries(db, m.id, m.cache, period, () => m.dashboard(db, period));
    return { id: m.id, title: m.title, series: m.terms ? series.map((s) => ({ ...s, terms: { ...m.terms, ...s.terms } })) : series };
  });
}
