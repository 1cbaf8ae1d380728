import { z } from 'zod';
import { defineOp } from './define.js';
import type { DashboardView } from '../../reports/dashboard.js';

export type { DashboardView };
export type { ReportSection, ReportSeries, ReportTable, ReportColumn, ReportCell, Label, CellKind, ChartKind } from './reportCharts.js';

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid')
  .refine((v) => {
    const day = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(v);
  }, 'invalid');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'invalid');

/** 今天 · 近 7 天 · 本月 · 上月 · 本季 · 上季 · a month · a custom range. */
export const periodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['today', '7d', 'month', 'lastMonth', 'season', 'lastSeason']) }).strict(),
  z.object({ kind: z.literal('monthOf'), month }).strict(),
  z.object({ kind: z.literal('custom'), from: calendarDate, to: calendarDate }).strict(),
]);
export type PeriodChoice = z.input<typeof periodSchema>;

export const reportsOperations = {
  'reports.dashboard': defineOp<DashboardView>()({
    summary: 'Every dashboard series for a period (residents, loans, queue …), computed on the host in the center’s zone.',
    input: z.object({ period: periodSchema }).strict(),
    role: 'staff',
    errors: ['REPORT_PERIOD_INVALID'],
  }),
  'reports.export.monthly': defineOp<{ fileName: string; base64: string }>()({
    summary: '月度报表 as one .xlsx (汇总 beside the previous month and the same month last season, then every module’s sheets); audit logged.',
    input: z.object({ month }).strict(),
    role: 'staff',
    errors: ['REPORT_PERIOD_INVALID'],
  }),
  'reports.pdf.monthly': defineOp<{ fileName: string; base64: string }>()({
    summary: 'The same pack as an A4 PDF (charts drawn on the host as SVG), to save.',
    input: z.object({ month }).strict(),
    role: 'staff',
    errors: ['REPORT_PERIOD_INVALID', 'PRINT_FAILED'],
  }),
  'reports.print.monthly': defineOp<{ jobId: number }>()({
    summary: 'Print the A4 pack on the 报表 printer chosen in 打印设置.',
    input: z.object({ month }).strict(),
    role: 'staff',
    errors: ['REPORT_PERIOD_INVALID'],
  }),
} as const;
