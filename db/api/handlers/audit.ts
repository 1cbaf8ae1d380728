import ExcelJS from 'exceljs';
import { auditFacets, iterateAudit, queryAudit, recordAudit, type AuditFilter, type AuditRow } from '../../audit.js';
import { centerTimeZone, localClock, startOfLocalDay } from '../../localTime.js';
import type { AuditRowView, auditOperations } from '../contract/audit.js';
import { requireSession, type CallContext, type Handlers } from './types.js';

const LINK_KINDS = new Set(['resident', 'lodging', 'category', 'staff', 'import']);

function linkOf(subject: string | null): AuditRowView['link'] {
  const m = subject ? /^([a-z]+):(\d+)$/.exec(subject) : null;
  return m && LINK_KINDS.has(m[1]!) ? { kind: m[1] as NonNullable<AuditRowView['link']>['kind'], id: Number(m[2]) } : null;
}

const DETAIL_KEYS: Record<string, string> = {
  fields: '修改项',
  reason: '原因',
  via: '方式',
  mode: '导入方式',
  fileName: '文件',
  rows: '行数',
  created: '新建',
  updated: '更新',
  merged: '合并',
  skipped: '跳过',
  rejected: '未导入',
  consent: '同意方式',
  filters: '筛选',
  deceased: '已故',
  format: '格式',
  confirmedBy: '确认人编号',
  importId: '导入编号',
  rejectedRows: '未导入的行',
  row: '文件行号',
  stay: '来离记录',
  consentVersion: '同意版本',
  keys: '设置项',
};

/** Values that read better in Chinese. */
const DETAIL_VALUES: Record<string, string> = {
  paper: '纸质知情同意',
  import: '名单导入',
  kiosk: '自助机',
  staff: '工作人员代办',
  merge: '合并',
  update: '更新',
  added: '已添加',
  kept: '保留原有',
};

/** Short text for an entry's detail: key names in Chinese where known, long lists cut. */
export function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  const parts = Object.entries(detail as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => {
      const value = Array.isArray(v)
        ? v.slice(0, 12).join('、') + (v.length > 12 ? ` 等 ${v.length} 项` : '')
        : typeof v === 'object'
          ? JSON.stringify(v)
          : (DETAIL_VALUES[String(v)] ?? String(v));
      return `${DETAIL_KEYS[k] ?? k}: ${value}`;
    });
  const text = parts.join('；');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

const view = (r: AuditRow): AuditRowView => ({
  id: r.id,
  at: r.at,
  staffId: r.staffId,
  staffName: r.staffName,
  action: r.action,
  actionZh: r.actionZh,
  actionEn: r.actionEn,
  subject: r.subject,
  link: linkOf(r.subject),
  detailText: detailText(r.detail),
});

/** Days on the center's calendar, both inclusive, as UTC instants [from, to). */
function filterOf(ctx: CallContext, f: { staffId?: number | null; action?: string | null; subject?: string | null; from: string | null; to: string | null }): AuditFilter {
  const zone = centerTimeZone(ctx.db);
  const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    staffId: f.staffId ?? null,
    action: f.action || null,
    subject: f.subject || null,
    from: f.from ? startOfLocalDay(f.from, zone).toISOString() : null,
    to: f.to ? startOfLocalDay(next(f.to), zone).toISOString() : null,
  };
}

export const MAX_EXPORT_ROWS = 200_000;

export const auditHandlers: Handlers<keyof typeof auditOperations> = {
  'audit.list': (ctx, input) => {
    const { rows, total } = queryAudit(ctx.db, filterOf(ctx, input), { limit: input.limit, beforeId: input.beforeId });
    return { rows: rows.map(view), total, nextBeforeId: rows.length === input.limit ? rows.at(-1)!.id : null };
  },

  'audit.facets': ({ db }) => auditFacets(db),

  'audit.export': async (ctx, input) => {
    const staffId = requireSession(ctx).staff.id;
    const zone = centerTimeZone(ctx.db);
    const filter = filterOf(ctx, input);
    const wb = new ExcelJS.Workbook();
    wb.creator = '候鸟驿站';
    const ws = wb.addWorksheet('操作日志', { views: [{ state: 'frozen', ySplit: 2 }] });
    const period = input.from || input.to ? `${input.from ?? '最早'} 至 ${input.to ?? '今天'}` : '全部';
    ws.addRow([`操作日志（${period}，时间为本中心时间 ${zone}）`]).font = { bold: true, size: 13 };
    ws.mergeCells(1, 1, 1, 6);
    ws.addRow(['时间', '工作人员', '操作', '操作代码', '对象', '详情']).font = { bold: true };
    [18, 12, 18, 22, 16, 80].forEach((w, i) => (ws.getColumn(i + 1).width = w));
    let rows = 0;
    for (const r of iterateAudit(ctx.db, filter)) {
      if (rows >= MAX_EXPORT_ROWS) break;
      const { day, time } = localClock(new Date(r.at), zone);
      ws.addRow([`${day} ${time}`, r.staffName ?? '（系统）', r.actionZh, r.action, r.subject ?? '', detailText(r.detail)]);
      rows++;
    }
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const today = localClock(ctx.now, zone).day;
    // Logged after the rows are read, so the export does not list itself.
    recordAudit(ctx.db, { staffId, action: 'audit.export', subject: null, detail: { filters: { ...input }, rows } }, ctx.now);
    return { fileName: `操作日志-${today}.xlsx`, base64: buf.toString('base64'), rows };
  },

  'audit.forResident': ({ db }, { residentId }) => queryAudit(db, { subject: `resident:${residentId}` }, { limit: 200 }).rows.map(view),
};
