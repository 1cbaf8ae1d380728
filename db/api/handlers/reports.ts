import { recordAudit } from '../../audit.js';
import { ApiError } from '../../errors/index.js';
import { documentHtml } from '../../printing/documentHtml.js';
import { reasonOf } from '../../printing/errors.js';
import { dashboard } from '../../reports/dashboard.js';
import { writeList } from '../../reports/lists.js';
import { monthlyPrintData, monthlyWorkbook } from '../../reports/monthly.js';
import '../../reports/sections.js';
import type { reportsOperations } from '../contract/reports.js';
import { requireSession, type Handlers } from './types.js';

export const reportsHandlers: Handlers<keyof typeof reportsOperations> = {
  'reports.dashboard': (ctx, { period }) => dashboard(ctx.db, period, ctx.now),
  'reports.export.monthly': async (ctx, { month }) => {
    const staffId = requireSession(ctx).staff.id;
    const { fileName, buffer, pack } = await monthlyWorkbook(ctx.db, month, ctx.now);
    recordAudit(ctx.db, { staffId, action: 'reports.export.monthly', subject: fileName, detail: { month, sheets: pack.sheets.map((s) => s.name) } }, ctx.now);
    return { fileName, base64: buffer.toString('base64') };
  },
  'reports.pdf.monthly': async (ctx, { month }) => {
    const staffId = requireSession(ctx).staff.id;
    const doc = await ctx.print.render('monthlyReport', monthlyPrintData(ctx.db, month, ctx.now));
    const { html, size } = documentHtml(doc, 80);
    try {
      const pdf = await ctx.print.engines.renderPdf(html, size);
      const fileName = `月度报表-${month}.pdf`;
      recordAudit(ctx.db, { staffId, action: 'reports.pdf.monthly', subject: fileName, detail: { month } }, ctx.now);
      return { fileName, base64: pdf.toString('base64') };
    } catch (err) {
      throw new ApiError('PRINT_FAILED', { reason: reasonOf(err) });
    }
  },
  'reports.print.monthly': (ctx, { month }) => {
    const staffId = requireSession(ctx).staff.id;
    const { jobId } = ctx.print.submit({ jobType: 'report', layoutId: 'monthlyReport', data: monthlyPrintData(ctx.db, month, ctx.now) });
    recordAudit(ctx.db, { staffId, action: 'reports.print.monthly', subject: String(jobId), detail: { month } }, ctx.now);
    return { jobId };
  },
  'reports.export.list': async (ctx, { kind, filters, fullPhones, reason }) => {
    const session = requireSession(ctx);
    if (fullPhones && session.staff.role !== 'admin') throw new ApiError('REPORT_FULL_PHONE_ADMIN');
    const out = await writeList(ctx.db, kind, filters, { fullPhones, now: ctx.now });
    recordAudit(
      ctx.db,
      { staffId: session.staff.id, action: 'reports.export.list', subject: kind, detail: { fileName: out.fileName, filters, rows: out.rows, fullPhones, reason: reason ?? null } },
      ctx.now,
    );
    return { fileName: out.fileName, base64: out.buffer.toString('base64'), rows: out.rows };
  },
};
