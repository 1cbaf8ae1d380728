import { z } from 'zod';
import { defineOp } from './define.js';
import type { DashboardView } from '../../reports/dashboard.js';
import type { CrossTabResult, CrossTabTemplate } from '../../reports/crosstab.js';

export type { DashboardView, CrossTabResult, CrossTabTemplate };
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

export const listKindSchema = z.enum(['residents', 'stays', 'loans', 'tickets', 'requests']);
export type ListKind = z.infer<typeof listKindSchema>;

/** The filters a list export takes (each list reads the ones that concern it). */
export const listFiltersSchema = z
  .object({
    period: periodSchema.optional(),
    /** residents: the 居民 search box — a name (or part), pinyin initials, or a phone tail. */
    q: z.string().trim().min(1, 'required').max(60, 'invalid').optional(),
    inTown: z.boolean().optional(),
    province: z.string().trim().min(1, 'required').max(20, 'invalid').optional(),
    status: z.enum(['active', 'all']).optional(),
    loanStatus: z.enum(['open', 'overdue', 'all']).optional(),
    serviceId: z.number().int().positive().optional(),
  })
  .strict();
export type ListFiltersInput = z.input<typeof listFiltersSchema>;

export const crossTabDimensions = ['province', 'city', 'ageBand', 'sex', 'lodgingKind', 'month', 'needs', 'party'] as const;
const dimension = z.enum(crossTabDimensions);
export const crossTabSchema = z
  .object({
    rows: dimension,
    cols: dimension.nullable().optional(),
    filters: z.object({ period: periodSchema, status: z.enum(['all', 'inTown', 'left']).default('all') }).strict(),
  })
  .strict()
  .refine((v) => v.rows !== v.cols, { message: 'invalid', path: ['cols'] });
export type CrossTabLayout = z.input<typeof crossTabSchema>;

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
    errors: ['REPORT_PERIOD_INVALID', 'REPORT_NO_PRINTER'],
  }),
  'reports.export.list': defineOp<{ fileName: string; base64: string; rows: number }>()({
    summary:
      'A list (residents, stays, loans, tickets) as a streamed .xlsx; phones masked unless the manager gives a reason; ID numbers always masked; audit logged with the filters and row count.',
    input: z
      .object({
        kind: listKindSchema,
        filters: listFiltersSchema.default({}),
        fullPhones: z.boolean().default(false),
        reason: z.string().trim().min(2, 'exportReason').max(100, 'exportReason').optional(),
      })
      .strict()
      .refine((v) => !v.fullPhones || v.reason, { message: 'exportReason', path: ['reason'] }),
    role: 'staff',
    errors: ['REPORT_PERIOD_INVALID', 'REPORT_FULL_PHONE_ADMIN'],
  }),
  'reports.crosstab': defineOp<CrossTabResult>()({
    summary: '自定义统计: residents of a period by one dimension down and one across, with totals (each person once).',
    input: crossTabSchema,
    role: 'staff',
    errors: ['REPORT_PERIOD_INVALID'],
  }),
  'reports.crosstab.export': defineOp<{ fileName: string; base64: string }>()({
    summary: 'The same table as .xlsx; audit logged.',
    input: crossTabSchema,
    role: 'staff',
    errors: ['REPORT_PERIOD_INVALID'],
  }),
  'reports.templates': defineOp<CrossTabTemplate[]>()({
    summary: 'Saved 自定义统计 layouts.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'reports.templates.save': defineOp<CrossTabTemplate>()({
    summary: 'Save a layout under a name (a new one, or change one by id).',
    input: z.object({ id: z.number().int().positive().optional(), name: z.string().trim().min(1, 'templateName').max(30, 'templateName'), layout: crossTabSchema }).strict(),
    role: 'staff',
    errors: ['REPORT_TEMPLATE_DUPLICATE', 'NOT_FOUND'],
  }),
  'reports.templates.delete': defineOp<{ ok: true }>()({
    summary: 'Delete a saved layout.',
    input: z.object({ id: z.number().int().positive() }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND'],
  }),
} as const;
