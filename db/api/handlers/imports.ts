import { recordAudit } from '../../audit.js';
import { ApiError } from '../../errors/index.js';
import { applyImport, type DuplicateAction } from '../../import/apply.js';
import { analyseTable } from '../../import/dryRun.js';
import { headerScore, suggestMapping, type ColumnMapping } from '../../import/fields.js';
import { rejectedSheet } from '../../import/rejectedSheet.js';
import { appendPart, dropUpload, getUpload, keepUpload, startUpload, type Upload } from '../../import/store.js';
import { readTable } from '../../import/table.js';
import { idKeyProviderFor } from '../../residents/idNumbers.js';
import type { importsOperations } from '../contract/imports.js';
import { requireSession, type CallContext, type Handlers } from './types.js';

export const MAX_IMPORT_ROWS = 20_000;

function tableOf(u: Upload) {
  if (!u.table) throw new ApiError('IMPORT_EXPIRED');
  return u.table;
}

const staffIdOf = (ctx: CallContext) => requireSession(ctx).staff.id;

export const importsHandlers: Handlers<keyof typeof importsOperations> = {
  'imports.upload': async (ctx, input) => {
    const staffId = staffIdOf(ctx);
    const u = input.uploadId ? getUpload(input.uploadId, staffId) : startUpload(staffId, input.fileName);
    appendPart(u, Buffer.from(input.part, 'base64'));
    if (!input.last) return { uploadId: u.id, received: u.size };
    const bytes = Buffer.concat(u.parts);
    // Whatever happens now, the pieces are not needed again: a file that cannot be read is chosen anew.
    dropUpload(u.id);
    const table = await readTable(u.fileName, bytes, headerScore);
    if (table.rows.length > MAX_IMPORT_ROWS) throw new ApiError('IMPORT_TOO_MANY_ROWS', { max: MAX_IMPORT_ROWS, rows: table.rows.length });
    keepUpload(u);
    u.parts = [];
    u.table = table;
    return {
      uploadId: u.id,
      fileName: u.fileName,
      format: table.format,
      sheetName: table.sheetName,
      headers: table.headers,
      sample: table.rows.slice(0, 5),
      rowCount: table.rows.length,
      suggested: suggestMapping(table.headers),
    };
  },

  'imports.dryRun': (ctx, input) => {
    const u = getUpload(input.uploadId, staffIdOf(ctx));
    const a = analyseTable(ctx.db, tableOf(u), input.mapping, { key: idKeyProviderFor(ctx.dataDir), now: ctx.now });
    u.dryRun = { mapping: JSON.stringify(input.mapping), analysis: a };
    return {
      counts: a.counts,
      rows: a.rows.map((r) => ({
        row: r.row,
        status: r.status,
        ...r.view,
        problems: r.problems.map(({ field, zh, en }) => ({ field, zh, en })),
        duplicate: r.duplicate,
        differences: r.differences,
      })),
    };
  },

  'imports.apply': (ctx, input) => {
    const staffId = staffIdOf(ctx);
    const u = getUpload(input.uploadId, staffId);
    if (u.result) throw new ApiError('IMPORT_DONE');
    const decisions = new Map<number, DuplicateAction>(input.decisions.map((d) => [d.row, d.action]));
    const analysis = u.dryRun?.mapping === JSON.stringify(input.mapping) ? u.dryRun.analysis : undefined;
    const result = applyImport(ctx.db, tableOf(u), input.mapping, {
      key: idKeyProviderFor(ctx.dataDir),
      now: ctx.now,
      staffId,
      fileName: u.fileName,
      decisions,
      analysis,
    });
    u.dryRun = null;
    u.result = result;
    const { rejectedRows, ...counts } = result;
    return { ...counts, rejectedRows: rejectedRows.map((r) => r.row) };
  },

  'imports.rejectedSheet': async (ctx, input) => {
    const staffId = staffIdOf(ctx);
    const u = getUpload(input.uploadId, staffId);
    const table = tableOf(u);
    const rejected =
      u.result?.rejectedRows ??
      analyseTable(ctx.db, table, input.mapping as ColumnMapping, { key: idKeyProviderFor(ctx.dataDir), now: ctx.now })
        .rows.filter((r) => r.status === 'rejected')
        .map((r) => ({ index: r.index, row: r.row, problems: r.problems }));
    const buf = await rejectedSheet(table, rejected);
    const base = u.fileName.replace(/\.[^.]+$/, '');
    const fileName = `${base}-未导入.xlsx`;
    // The sheet carries personal data out of the system: who took it, from which file, how many rows.
    recordAudit(
      ctx.db,
      { staffId, action: 'import.rejectedSheet', subject: u.result ? `import:${u.result.importId}` : null, detail: { fileName: u.fileName, rows: rejected.length } },
      ctx.now,
    );
    return { fileName, base64: buf.toString('base64'), rows: rejected.length };
  },
};
