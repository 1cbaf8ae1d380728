import { recordAudit } from '../../audit.js';
import { documentHtml } from '../../printing/documentHtml.js';
import { reasonOf } from '../../printing/errors.js';
import { getJob, isErasedJob, listJobs, stateOf } from '../../printing/jobs.js';
import { getLayout, listLayouts } from '../../printing/layouts/index.js';
import type { TestPageData } from '../../printing/layouts/testPage.js';
import type { ReceiptWidth } from '../../printing/paper.js';
import { describeTarget } from '../../printing/targets/index.js';
import type { PrintDocument } from '../../printing/types.js';
import { ApiError } from '../../errors/index.js';
import { printJobTypes, type PrintOverview, type PrintPreview, type printingOperations } from '../contract/printing.js';
import { readSettings } from '../../settings.js';
import { requireSession, type CallContext, type Handlers } from './types.js';

type PreviewInput = { jobId: number } | { layoutId: string; receiptWidth?: ReceiptWidth | undefined };

/** The document a preview shows: a recorded job's own content, or a layout with its sample data. */
async function previewDocument(ctx: CallContext, input: PreviewInput): Promise<{ doc: PrintDocument; name: string; width: ReceiptWidth }> {
  if ('jobId' in input) {
    const job = getJob(ctx.db, input.jobId);
    if (!job) throw new ApiError('NOT_FOUND');
    if (isErasedJob(job)) throw new ApiError('PRINT_JOB_ERASED');
    const width =
      job.targetOverride && 'receiptWidth' in job.targetOverride ? job.targetOverride.receiptWidth : job.targetOverride?.kind === 'escpos' ? job.targetOverride.width : 80;
    return { doc: await ctx.print.render(job.layoutId, job.data), name: `${job.layoutId}-${job.id}`, width };
  }
  const layout = getLayout(input.layoutId);
  if (!layout) throw new ApiError('PRINT_LAYOUT_UNKNOWN', { layout: input.layoutId });
  return { doc: await ctx.print.render(layout.id, layout.sample ?? {}), name: layout.id, width: input.receiptWidth ?? 80 };
}

async function preview(ctx: CallContext, input: PreviewInput): Promise<PrintPreview & { name: string }> {
  const { doc, name, width } = await previewDocument(ctx, input);
  const { html, size } = documentHtml(doc, width);
  return { title: doc.title, html, widthMm: size.widthMm, heightMm: size.heightMm, name };
}

export const printingHandlers: Handlers<keyof typeof printingOperations> = {
  'printing.job': ({ db }, { id }) => {
    const job = getJob(db, id);
    if (!job) throw new ApiError('NOT_FOUND');
    return stateOf(job);
  },
  'printing.jobs': ({ db }, input) => listJobs(db, input),
  'printing.retry': (ctx, { id }) => {
    const staff = requireSession(ctx).staff;
    const state = ctx.print.retry(id);
    recordAudit(ctx.db, { staffId: staff.id, action: 'printing.retry', subject: String(id) }, ctx.now);
    return state;
  },
  'printing.reprint': (ctx, { id, target }) => {
    const staff = requireSession(ctx).staff;
    const { jobId } = ctx.print.reprint(id, target);
    recordAudit(ctx.db, { staffId: staff.id, action: 'printing.reprint', subject: String(id), detail: { newJob: jobId, target: describeTarget(target) } }, ctx.now);
    return stateOf(getJob(ctx.db, jobId)!);
  },
  'printing.preview': async (ctx, input) => {
    const { name: _name, ...out } = await preview(ctx, input);
    return out;
  },
  'printing.pdf': async (ctx, input) => {
    const p = await preview(ctx, input);
    try {
      const pdf = await ctx.print.engines.renderPdf(p.html, { widthMm: p.widthMm, heightMm: p.heightMm });
      return { fileName: `${p.name}.pdf`, base64: pdf.toString('base64') };
    } catch (err) {
      throw new ApiError('PRINT_FAILED', { reason: reasonOf(err) });
    }
  },
  'printing.setup': async (ctx) => ({
    printers: await ctx.print.engines.listPrinters().catch(() => []),
    layouts: listLayouts().map((l) => ({ id: l.id, label: l.label ?? l.id, jobType: l.jobType })),
  }),
  'printing.overview': async (ctx) => {
    const targets = readSettings(ctx.db)['printing.targets'];
    return {
      printers: await ctx.print.engines.listPrinters().catch(() => []),
      layouts: listLayouts().map((l) => ({ id: l.id, label: l.label ?? l.id, jobType: l.jobType })),
      kinds: Object.fromEntries(printJobTypes.map((type) => [type, targets[type].kind])) as PrintOverview['kinds'],
    };
  },
  'printing.testPage': async (ctx, { target, jobType }) => {
    const data: TestPageData = { qr: `HOUNIAO-TEST-${ctx.now.getTime()}`, target: describeTarget(target) };
    // A card printer (or a PDF of cards) is tested on the card's own CR80 size; a receipt printer always gets the receipt.
    const layoutId = jobType === 'serviceCard' && target.kind !== 'escpos' ? 'test.card' : 'test';
    const { jobId } = ctx.print.submit({ jobType: 'test', layoutId, data }, target);
    return ctx.print.whenSettled(jobId, 60_000);
  },
};
