import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { ApiError } from '../errors/index.js';

/**
 * A roster file as a plain table of text cells: the first sheet of an .xlsx (Excel, WPS and
 * LibreOffice all write the same Office Open XML) or a .csv in UTF-8 (with or without the BOM
 * Excel writes) or GBK/GB18030 (what WPS and a Chinese Windows Excel write by default).
 * Dates become YYYY-MM-DD, numbers their plain digits (a phone typed as a number stays whole).
 */
export type Cell = string;

export interface RawTable {
  /** The header row's cells (trimmed text). */
  headers: string[];
  /** Data rows, each as long as the widest row; `rowNumbers[i]` is its row in the sheet (1-based). */
  rows: Cell[][];
  rowNumbers: number[];
  /** 'xlsx' | 'csv:utf-8' | 'csv:gb18030' — shown to staff so a wrong guess is visible. */
  format: string;
  sheetName: string | null;
}

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** UTF-8 (BOM or not) if the bytes are valid UTF-8, UTF-16 by its BOM, else GB18030 (a superset of GBK). */
export function detectEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const encoding = detectEncoding(bytes);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = encoding === 'utf-16be' ? iconv.decode(buf, 'utf-16be') : iconv.decode(buf, encoding);
  // iconv-lite strips a BOM for utf-8/utf-16 by default; a stray one is removed anyway.
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks; the separator is guessed (comma, tab or semicolon). */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = [',', '\t', ';'].map((s) => [s, firstLine.split(s).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** Number formats that show a date (y/m/d outside quotes and brackets), e.g. yyyy"年"m"月"d"日" as WPS writes. */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[yd]/i.test(bare) || /^m+$/i.test(bare);
}

/** Excel serial day (1900 system, with its 1900-02-29) as a date. */
function serialToDay(serial: number): string {
  return isoDay(new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000));
}

function plainNumber(n: number): string {
  // 13900001234 stays whole; 1.10105194912310E+17 (an ID number stored as a number) shows as what is left of it.
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDay(v);
  if (typeof v === 'number') return isDateFormat(cell.numFmt) ? serialToDay(v) : plainNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) {
      const r = o.result;
      if (r instanceof Date) return isoDay(r);
      if (typeof r === 'number') return isDateFormat(cell.numFmt) ? serialToDay(r) : plainNumber(r);
      return r === undefined || r === null ? '' : String(r);
    }
    if (typeof o.text === 'string') return o.text;
    if (o.text && typeof o.text === 'object') return cellText({ value: o.text, numFmt: cell.numFmt } as ExcelJS.Cell);
  }
  return String(v);
}

async function readXlsx(bytes: Buffer): Promise<{ grid: string[][]; rowNumbers: number[]; sheetName: string }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new ApiError('IMPORT_FILE_UNREADABLE', { reason: `不是有效的 Excel 文件（${(e as Error).message.slice(0, 60)}）` });
  }
  // The sheet with the most rows: a roster may come after an empty 说明 sheet.
  const sheet = [...wb.worksheets].sort((a, b) => b.actualRowCount - a.actualRowCount)[0];
  if (!sheet) throw new ApiError('IMPORT_FILE_EMPTY');
  const grid: string[][] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell).trim();
    });
    grid.push(Array.from(cells, (c) => c ?? ''));
    rowNumbers.push(rowNumber);
  });
  return { grid, rowNumbers, sheetName: sheet.name };
}

/** A header row is a row with at least two known headers, among the first ten (a title row may come first). */
export async function readTable(fileName: string, bytes: Buffer, isHeader: (cells: string[]) => number): Promise<RawTable> {
  if (bytes.length > MAX_FILE_BYTES) throw new ApiError('IMPORT_FILE_TOO_LARGE', { maxMb: MAX_FILE_BYTES / 1024 / 1024 });
  const lower = fileName.toLowerCase();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  let grid: string[][];
  let rowNumbers: number[];
  let format: string;
  let sheetName: string | null = null;
  if (isZip || lower.endsWith('.xlsx')) {
    ({ grid, rowNumbers, sheetName } = await readXlsx(bytes));
    format = 'xlsx';
  } else if (lower.endsWith('.xls') || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) {
    throw new ApiError('IMPORT_FILE_UNREADABLE', { reason: '这是旧版 .xls 格式' });
  } else {
    const { text, encoding } = decodeText(bytes);
    grid = parseCsv(text).map((r) => r.map((c) => c.trim()));
    rowNumbers = grid.map((_, i) => i + 1);
    format = `csv:${encoding}`;
  }
  const keep = grid.map((r, i) => [r, rowNumbers[i]!] as const).filter(([r]) => r.some((c) => c !== ''));
  if (keep.length === 0) throw new ApiError('IMPORT_FILE_EMPTY');
  let headerAt = 0;
  let best = 0;
  for (let i = 0; i < Math.min(10, keep.length); i++) {
    const score = isHeader(keep[i]![0]);
    if (score > best && score >= 2) {
      best = score;
      headerAt = i;
    }
  }
  const width = Math.max(...keep.map(([r]) => r.length));
  const widen = (r: readonly string[]) => Array.from({ length: width }, (_, i) => r[i] ?? '');
  const data = keep.slice(headerAt + 1);
  return { headers: widen(keep[headerAt]![0]), rows: data.map(([r]) => widen(r)), rowNumbers: data.map(([, n]) => n), format, sheetName };
}
