import type { CellKind, Label, ReportCell, ReportColumn, ReportTable } from '../api/contract/reportCharts.js';

/**
 * A sheet of the monthly pack as a domain describes it: a table with Chinese headers. The writer
 * (db/reports/xlsx.ts) adds the title row (center and period), freezes the header, sets widths and
 * number formats from each column's kind — domains never touch exceljs.
 */
export interface SheetBlock {
  /** A heading row above the block's header (for a sheet with more than one table). */
  heading?: string;
  table: ReportTable;
  /** Add a 合计 row summing every numeric column except these keys. */
  totals?: { label: string; except?: string[] };
}

export interface WorkbookSheet {
  name: string;
  blocks: SheetBlock[];
  /** Column widths in characters by column position (default from the headers and cells). */
  widths?: number[];
}

export const L = (zh: string, en: string): Label => ({ zh, en });

export function col(key: string, zh: string, en: string, kind: CellKind = 'int'): ReportColumn {
  return { key, label: { zh, en }, kind };
}

export function table(columns: ReportColumn[], rows: Array<Record<string, ReportCell>>): ReportTable {
  return { columns, rows };
}
