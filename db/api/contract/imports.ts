import { z } from 'zod';
import { defineOp } from './define.js';
import { importFields, type ColumnMapping, type ImportField } from '../../import/fields.js';

/**
 * 名单导入 (issue 15, point 5): a hotel's guest list or last season's paper roster, .xlsx or .csv.
 * The file goes up in base64 pieces (each request stays small), the host reads it and suggests which
 * column is which; staff correct the mapping; a dry run shows every row with its problems and each
 * already-registered person by name, with 跳过 / 更新 / 合并 per row; the import is one transaction
 * under paper consent (纸质知情同意) confirmed by the signed-in manager; rejected rows download as .xlsx.
 */
export type { ColumnMapping, ImportField };

export interface UploadedTable {
  uploadId: string;
  fileName: string;
  /** 'xlsx', 'csv:utf-8' or 'csv:gb18030'. */
  format: string;
  sheetName: string | null;
  headers: string[];
  /** The first rows, for the mapping step. */
  sample: string[][];
  rowCount: number;
  suggested: ColumnMapping;
}

export interface ImportProblemView {
  field: ImportField | 'row';
  zh: string;
  en: string;
}

export interface ImportRowView {
  row: number;
  status: 'new' | 'duplicate' | 'rejected';
  name: string;
  phone: string;
  idMasked: string;
  origin: string;
  arrival: string;
  departure: string;
  lodging: string;
  problems: ImportProblemView[];
  duplicate: { residentId: number; name: string | null; cardNo: string; matchedBy: 'phone' | 'idNumber' } | null;
  /** For a registered person: where the record and the file differ (ID numbers masked). */
  differences: Array<{ field: ImportField; stored: string; file: string }>;
}

export interface DryRunView {
  counts: { total: number; new: number; duplicate: number; rejected: number };
  rows: ImportRowView[];
}

export interface ImportResultView {
  importId: number;
  created: number;
  updated: number;
  merged: number;
  skipped: number;
  rejected: number;
  rejectedRows: number[];
}

const uploadId = z.string().min(8).max(40);
const column = z.number().int().min(0).max(500).nullable();
export const mappingSchema = z.object(Object.fromEntries(importFields.map((f) => [f, column])) as Record<ImportField, typeof column>).strict();

export const importsOperations = {
  'imports.upload': defineOp<{ uploadId: string; received: number } | UploadedTable>()({
    summary: 'Send a roster file in base64 pieces (at most 512 KiB each); the last piece answers with its headers, a sample and the suggested mapping.',
    input: z
      .object({
        uploadId: uploadId.optional(),
        fileName: z.string().trim().min(1).max(200),
        part: z
          .string()
          .max(700_000)
          .regex(/^[A-Za-z0-9+/=]*$/),
        last: z.boolean(),
      })
      .strict(),
    role: 'admin',
    errors: ['IMPORT_FILE_UNREADABLE', 'IMPORT_FILE_TOO_LARGE', 'IMPORT_FILE_EMPTY', 'IMPORT_TOO_MANY_ROWS', 'IMPORT_EXPIRED'],
  }),
  'imports.dryRun': defineOp<DryRunView>()({
    summary: 'Check every row with the chosen mapping; nothing is written.',
    input: z.object({ uploadId, mapping: mappingSchema }).strict(),
    role: 'admin',
    errors: ['IMPORT_EXPIRED', 'IMPORT_MAPPING_INCOMPLETE'],
  }),
  'imports.apply': defineOp<ImportResultView>()({
    summary: 'Import in one transaction: new residents created, duplicates skipped, updated or merged as chosen; paper consent confirmed by the caller; audited.',
    input: z
      .object({
        uploadId,
        mapping: mappingSchema,
        decisions: z.array(z.object({ row: z.number().int().positive(), action: z.enum(['skip', 'update', 'merge']) }).strict()).max(50_000),
        paperConsent: z.literal(true, { message: 'importConsent' }),
      })
      .strict(),
    role: 'admin',
    errors: ['IMPORT_EXPIRED', 'IMPORT_MAPPING_INCOMPLETE', 'IMPORT_DONE'],
  }),
  'imports.rejectedSheet': defineOp<{ fileName: string; base64: string; rows: number }>()({
    summary: 'The rows not imported (after the import, else as the dry run sees them) as .xlsx with what to correct; audited.',
    input: z.object({ uploadId, mapping: mappingSchema }).strict(),
    role: 'admin',
    errors: ['IMPORT_EXPIRED', 'IMPORT_MAPPING_INCOMPLETE'],
  }),
} as const;
