import ExcelJS from 'exceljs';
import type { RowProblem } from './dryRun.js';
import type { RawTable } from './table.js';

/**
 * 未导入的行: the rejected rows as they were in the file (every column, as text so phones and ID
 * numbers stay whole), with the sheet row number first and what to correct last, ready to fix and
 * import again.
 */
export async function rejectedSheet(table: RawTable, rejected: Array<{ index: number; row: number; problems: RowProblem[] }>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '候鸟驿站';
  const ws = wb.addWorksheet('未导入的行', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '原行号', key: 'row', width: 8 },
    ...table.headers.map((h, i) => ({ header: h || `第${i + 1}列`, key: `c${i}`, width: Math.min(30, Math.max(10, (h.length + 2) * 2)), style: { numFmt: '@' } })),
    { header: '问题', key: 'problems', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rejected) {
    const cells = table.rows[r.index] ?? [];
    const values: Record<string, string | number> = { row: r.row, problems: r.problems.map((p) => p.zh).join('；') };
    table.headers.forEach((_, i) => (values[`c${i}`] = cells[i] ?? ''));
    ws.addRow(values);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
