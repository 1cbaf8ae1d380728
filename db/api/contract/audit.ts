import { z } from 'zod';
import { defineOp } from './define.js';

/**
 * 操作日志 (issue 15, point 6): the manager reads who did what, filtered by staff member, action,
 * subject and period (days on the center's calendar), opens the record an entry concerns, and
 * exports the selection as .xlsx (the export is itself logged). A resident's profile lists who
 * viewed or changed it (PIPL: the person may ask).
 */
export interface AuditRowView {
  id: number;
  at: string;
  staffId: number | null;
  staffName: string | null;
  action: string;
  actionZh: string;
  actionEn: string;
  subject: string | null;
  /** The record it concerns, when a screen can open it. */
  link: { kind: 'resident' | 'lodging' | 'category' | 'staff' | 'import'; id: number } | null;
  /** The entry's detail as short text (field names, reasons, counts — never personal values). */
  detailText: string;
}

export interface AuditPage {
  rows: AuditRowView[];
  total: number;
  /** Pass as `beforeId` for the next (older) page; null when this is the last. */
  nextBeforeId: number | null;
}

export interface AuditFacets {
  actions: Array<{ action: string; zh: string; en: string }>;
  staff: Array<{ id: number; name: string }>;
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'auditDay')
  .nullish()
  .transform((v) => v ?? null);

export const auditFilterSchema = z
  .object({
    staffId: z.number().int().positive().nullish(),
    action: z.string().trim().max(60).nullish(),
    subject: z.string().trim().max(80).nullish(),
    from: day,
    to: day,
  })
  .strict();

export const auditOperations = {
  'audit.list': defineOp<AuditPage>()({
    summary: 'Audit entries, newest first, filtered by staff member, action, subject and period (center-local days, both inclusive).',
    input: auditFilterSchema.extend({ beforeId: z.number().int().positive().nullish(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    role: 'admin',
  }),
  'audit.facets': defineOp<AuditFacets>()({
    summary: 'The actions that occur in the log (with labels) and the staff accounts, for the filters.',
    input: z.object({}).strict(),
    role: 'admin',
  }),
  'audit.export': defineOp<{ fileName: string; base64: string; rows: number }>()({
    summary: 'The filtered entries as .xlsx, times on the center’s clock; the export is itself logged with its filters and row count.',
    input: auditFilterSchema,
    role: 'admin',
  }),
  'audit.forResident': defineOp<AuditRowView[]>()({
    summary: 'Who viewed or changed this resident’s record, newest first (the latest 200).',
    input: z.object({ residentId: z.number().int().positive() }).strict(),
    role: 'staff',
  }),
} as const;
