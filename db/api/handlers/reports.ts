import { recordAudit } from '../../audit.js';
import { ApiError } from '../../errors/index.js';
import { documentHtml } from '../../printing/documentHtml.js';
import { reasonOf } from '../../printing/errors.js';
import { dashboard } from '../../reports/dashboard.js';
import { crossTab, crossTabSheet, deleteTemplate, listTemplates, saveTemplate } from '../../reports/crosstab.js';
import { writeList } from '../../reports/lists.js';
import { workbookBuffer } from '../../reports/xlsx.js';
import { readSetting } from '../../settings.js';
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
    if (readSetting(ctx.db, 'printing.targets').report.kind === 'none') throw new ApiError('REPORT_NO_PRINTER');
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
  'reports.crosstab': (ctx, input) => crossTab(ctx.db, input, ctx.now),
  'reports.crosstab.export': async (ctx, input) => {
    const staffId = requireSession(ctx).staff.id;
    const r = crossTab(ctx.db, input, ctx.now);
    const buffer = await workbookBuffer([crossTabSheet(r)], {
      center: readSetting(ctx.db, 'center.name'),
      title: '自定义统计',
      period: `统计时段：${r.from} 至 ${r.to}`,
    });
    const fileName = `自定义统计-${r.from}-${r.to}.xlsx`;
    recordAudit(ctx.db, { staffId, action: 'reports.crosstab.export', subject: fileName, detail: input }, ctx.now);
    return { fileName, base64: buffer.toString('base64') };
  },
  'reports.templates': ({ db }) => listTemplates(db),
  'reports.templates.save': (ctx, { id, name, layout }) => {
    const staffId = requireSession(ctx).staff.id;
    const t = ctx.db.transaction(() => {
      const saved = saveTemplate(ctx.db, { id, name, layout }, staffId, ctx.now);
      recordAudit(ctx.db, { staffId, action: 'reports.templates.save', subject: String(saved.id), detail: { name } }, ctx.now);
      return saved;
    })();
    return t;
  },
  'reports.templates.delete': (ctx, { id }) => {
    const staffId = requireSession(ctx).staff.id;
    ctx.db.transaction(() => {
      deleteTemplate(ctx.db, id);
      recordAudit(ctx.db, { staffId, action: 'reports.templates.delete', subject: String(id) }, ctx.now);
    })();
    return { ok: true as const };
  },
};
