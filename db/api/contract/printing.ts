import { z } from 'zod';
import { defineOp } from './define.js';

/** Job types a manager chooses a printer for in 打印设置 (the test page is sent to a target directly). */
export const printJobTypes = ['ticket', 'loanSlip', 'serviceCard', 'assetLabel', 'report'] as const;
export type ConfigurableJobType = (typeof printJobTypes)[number];

const receiptWidth = z.union([z.literal(58), z.literal(80)]);

/** Where one job type prints. Receipt layouts need a roll width on every path; pages bring their own paper. */
export const printTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('system'), deviceName: z.string().trim().min(1, 'printerName').max(200, 'printerName'), receiptWidth: receiptWidth.default(80) }).strict(),
  z
    .object({
      kind: z.literal('escpos'),
      host: z
        .string()
        .trim()
        .regex(/^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$|^(?=.*[a-zA-Z])[a-zA-Z0-9][a-zA-Z0-9.-]{0,62}$/, 'printerHost'),
      port: z.number().int('printerPort').min(1, 'printerPort').max(65535, 'printerPort').default(9100),
      width: receiptWidth.default(80),
    })
    .strict(),
  /** Empty folder = the data folder's `prints/`. */
  z.object({ kind: z.literal('pdf'), folder: z.string().trim().max(500, 'invalid').default(''), receiptWidth: receiptWidth.default(80) }).strict(),
]);

export type PrintTargetConfig = z.output<typeof printTargetSchema>;
export type PrintTargetInput = z.input<typeof printTargetSchema>;

export const printTargetsSchema = z.object(Object.fromEntries(printJobTypes.map((t) => [t, printTargetSchema])) as Record<ConfigurableJobType, typeof printTargetSchema>).strict();

export type PrintTargets = z.output<typeof printTargetsSchema>;

export const defaultPrintTargets: PrintTargets = {
  ticket: { kind: 'none' },
  loanSlip: { kind: 'none' },
  serviceCard: { kind: 'none' },
  assetLabel: { kind: 'none' },
  report: { kind: 'none' },
};

export type PrintJobStatus = 'queued' | 'printing' | 'done' | 'failed';

/** What anyone may know about a job (the kiosk polls this): no payload, no personal data. */
export interface PrintJobState {
  id: number;
  jobType: string;
  layoutId: string;
  status: PrintJobStatus;
  /** Chinese, readable: what went wrong and what to check. */
  error: string | null;
  /** The printer it went to, described for people ("网络打印机 192.168.1.50:9100"). */
  target: string;
}

/** A row of 打印记录. */
export interface PrintJobRecord extends PrintJobState {
  attempts: number;
  createdAt: string;
  updatedAt: string;
  printedAt: string | null;
}

/** What every staff member may know about printing: the layouts, this machine's printers (for 改用其他打印机), no addresses or folders. */
export interface PrintOverview {
  layouts: Array<{ id: string; label: string; jobType: string }>;
  printers: Array<{ name: string; displayName: string; isDefault: boolean }>;
  /** The kind of printer chosen per job type ('none' = 不打印). */
  kinds: Record<ConfigurableJobType, PrintTargetConfig['kind']>;
}

/** Job types whose layout is a page with its own paper (CR80 card, 50 × 30 mm label) unless sent to a receipt printer. */
export const pageJobTypes: Partial<Record<ConfigurableJobType, 'cr80' | 'label50x30'>> = { serviceCard: 'cr80', assetLabel: 'label50x30' };

export interface PrintPreview {
  title: string;
  /** A complete HTML document for an iframe's srcdoc. */
  html: string;
  widthMm: number;
  heightMm: number | null;
}

const jobId = z.object({ id: z.number().int().positive() }).strict();
/** A preview of a recorded job, or of a layout with its sample data. */
const previewInput = z.union([
  z.object({ jobId: z.number().int().positive() }).strict(),
  z.object({ layoutId: z.string().min(1).max(60), receiptWidth: receiptWidth.optional() }).strict(),
]);

export const printingOperations = {
  'printing.job': defineOp<PrintJobState>()({
    summary: 'One print job’s status (for the kiosk’s 正在打印… message); never its content.',
    input: jobId,
    role: 'public',
    errors: ['NOT_FOUND'],
  }),
  'printing.jobs': defineOp<PrintJobRecord[]>()({
    summary: '打印记录: the newest jobs, or only the failed ones.',
    input: z.object({ status: z.enum(['failed', 'all']).default('all'), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    role: 'staff',
  }),
  'printing.retry': defineOp<PrintJobState>()({
    summary: 'Print a failed job again on its job type’s current printer.',
    input: jobId,
    role: 'staff',
    errors: ['NOT_FOUND', 'PRINT_NOT_RETRYABLE', 'PRINT_JOB_ERASED'],
  }),
  'printing.reprint': defineOp<PrintJobState>()({
    summary: 'Print a recorded job again on another printer (a new job with the same content).',
    input: z.object({ id: z.number().int().positive(), target: printTargetSchema }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'PRINT_JOB_ERASED'],
  }),
  'printing.preview': defineOp<PrintPreview>()({
    summary: 'The HTML a job or a layout prints as, for a preview frame.',
    input: previewInput,
    role: 'staff',
    errors: ['NOT_FOUND', 'PRINT_LAYOUT_UNKNOWN', 'PRINT_JOB_ERASED'],
  }),
  'printing.pdf': defineOp<{ fileName: string; base64: string }>()({
    summary: 'The same as a PDF file (base64), for 保存为 PDF.',
    input: previewInput,
    role: 'staff',
    errors: ['NOT_FOUND', 'PRINT_LAYOUT_UNKNOWN', 'PRINT_FAILED', 'PRINT_JOB_ERASED'],
  }),
  'printing.setup': defineOp<{ printers: Array<{ name: string; displayName: string; isDefault: boolean }>; layouts: Array<{ id: string; label: string; jobType: string }> }>()({
    summary: 'For 打印设置: the printers this machine knows and the layouts there are.',
    input: z.object({}).strict(),
    role: 'admin',
  }),
  'printing.overview': defineOp<PrintOverview>()({
    summary: 'For 打印记录 and the counter page (any staff): the layouts there are and which job types have a printer chosen.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'printing.testPage': defineOp<PrintJobState>()({
    summary: 'Print the test page on a target and wait for the outcome (done or failed with the reason); a card printer gets the CR80 test card.',
    input: z.object({ target: printTargetSchema, jobType: z.enum(printJobTypes).optional() }).strict(),
    role: 'admin',
  }),
} as const;
