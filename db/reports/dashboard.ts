import type { Db } from '../connection.js';
import type { ReportSection } from '../api/contract/reportCharts.js';
import { resolvePeriod, type PeriodInput, type ResolvedPeriod } from './period.js';
import { dashboardSections } from './registry.js';
import './sections.js';

export interface DashboardView {
  period: Pick<ResolvedPeriod, 'kind' | 'from' | 'to' | 'timeZone' | 'asOf'>;
  sections: ReportSection[];
}

/** Every dashboard series for a period, read in one transaction so the figures agree with each other. */
export function dashboard(db: Db, input: PeriodInput, now: Date): DashboardView {
  return db.transaction(() => {
    const p = resolvePeriod(db, input, now);
    return { period: { kind: p.kind, from: p.from, to: p.to, timeZone: p.timeZone, asOf: p.asOf }, sections: dashboardSections(db, p) };
  })();
}
