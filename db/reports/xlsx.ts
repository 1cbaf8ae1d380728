import ExcelJS from 'exceljs';
import type { CellKind, ReportCell, ReportColumn } from '../api/contract/reportCharts.js';
import type { SheetBlock, WorkbookSheet } from './workbook.js';

/**
 * Writes report sheets with exceljs: a title row (the center and the period), Chinese headers,
 * frozen header rows, column widths and number formats from each column's kind. Money is written
 * in yuan (fen ÷ 100) with two decimals; shares as 0.0%. Text columns (phones, ID numbers, card
 * numbers) are text cells so Excel never turns an 18-digit number into 1.23E+17.
 */
const NUMBER_FORMATS: Record<CellKind, string | undefined> = {
  text: '@',
  int: '#,##0',
  percent: '0.0%',
  minutes: '0.0',
  days: '0.0',
  fen: '#,##0.00',
};

export function cellValue(value: ReportCell, kind: CellKind): string | number | null {
  if (value === null || value === undefined) return null;
  if (kind === 'text') return String(value);
  if (typeof value !== 'number') return value;
  return kind === 'fen' ? value / 100 : value;
}

/** Display width of a text: CJK characters count double. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
const THIN: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FF999999' } } };

export interface SheetTitle {
  center: string;
  title: string;
  period: string;
}

type AnySheet = ExcelJS.Worksheet;

function titleRows(ws: AnySheet, t: SheetTitle, width: number): void {
  const r1 = ws.addRow([`${t.center} ${t.title}`]);
  r1.font = { bold: true, size: 14 };
  r1.height = 24;
  const r2 = ws.addRow([t.period]);
  r2.font = { size: 11, color: { argb: 'FF555555' } };
  if (width > 1) {
    ws.mergeCells(1, 1, 1, width);
    ws.mergeCells(2, 1, 2, width);
  }
}

function headerRow(ws: AnySheet, columns: ReportColumn[]): ExcelJS.Row {
  const row = ws.addRow(columns.map((c) => c.label.zh));
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  return row;
}

function dataRow(ws: AnySheet, columns: ReportColumn[], r: Record<string, ReportCell>): ExcelJS.Row {
  const row = ws.addRow(columns.map((c) => cellValue(r[c.key] ?? null, c.kind)));
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.numFmt = NUMBER_FORMATS[c.kind]!;
  });
  return row;
}

function totalsRow(ws: AnySheet, block: SheetBlock): void {
  if (!block.totals) return;
  const except = new Set(block.totals.except ?? []);
  const first = block.table.columns[0]!;
  const sums: Record<string, ReportCell> = { [first.key]: block.totals.label };
  for (const c of block.table.columns.slice(1)) {
    if (c.kind === 'text' || c.kind === 'percent' || except.has(c.key)) continue;
    let s = 0;
    let any = false;
    for (const r of block.table.rows) {
      const v = r[c.key];
      if (typeof v === 'number') {
        s += v;
        any = true;
      }
    }
    sums[c.key] = any ? Math.round(s * 100) / 100 : null;
  }
  const row = dataRow(
    ws,
    block.table.columns.map((c, i) => (i === 0 ? { ...c, kind: 'text' as const } : c)),
    sums,
  );
  row.font = { bold: true };
}

/** Adds one report sheet to a workbook (in memory: the monthly pack is a few thousand cells). */
export function addReportSheet(wb: ExcelJS.Workbook, sheet: WorkbookSheet, t: SheetTitle): void {
  const width = Math.max(...sheet.blocks.map((b) => b.table.columns.length));
  const firstHasHeading = Boolean(sheet.blocks[0]?.heading);
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: firstHasHeading ? 4 : 3, xSplit: 1 }] });
  titleRows(ws, t, width);
  const widths = new Array<number>(width).fill(8);
  sheet.blocks.forEach((block, bi) => {
    if (bi > 0) ws.addRow([]);
    if (block.heading) {
      const h = ws.addRow([block.heading]);
      h.font = { bold: true, size: 12 };
    }
    headerRow(ws, block.table.columns);
    for (const r of block.table.rows) dataRow(ws, block.table.columns, r);
    totalsRow(ws, block);
    block.table.columns.forEach((c, i) => {
      let w = textWidth(c.label.zh);
      for (const r of block.table.rows.slice(0, 500)) {
        const v = r[c.key];
        if (v !== null && v !== undefined) w = Math.max(w, textWidth(String(v)) + (c.kind === 'fen' ? 3 : 0));
      }
      widths[i] = Math.max(widths[i]!, Math.min(40, w + 2));
    });
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = sheet.widths?.[i] ?? w));
}

export async function workbookBuffer(sheets: WorkbookSheet[], t: SheetTitle): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '候鸟驿站';
  wb.created = new Date(0);
  for (const s of sheets) addReportSheet(wb, s, t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
