import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { idCheckChar } from '../../../db/residents/idChecksum.js';

/**
 * Real roster files for the import tests, made the ways the centers' files are made: .xlsx by
 * exceljs (as Excel writes it) and by LibreOffice (soffice --convert-to xlsx), a WPS-style .xlsx
 * (inline strings, a Chinese date format, WPS's custom properties), and CSV in UTF-8 with and
 * without the BOM and in GBK.
 */
export const ID = (first17: string) => first17 + idCheckChar(first17);
export const GOOD_ID = ID('23010219560310001');
const badId = () => {
  const good = ID('22010219600505002');
  return good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
};
export const BAD_ID = badId();

export const HEADERS = ['姓名', '手机号', '身份证号', '来源地', '出生年份', '入住日期', '离开日期', '住址/酒店'];

/** Three good rows, three bad ones (phone, ID checksum, province), and one already registered (phone 13900006666). */
export const ROWS: string[][] = [
  ['张建国', '13900001234', GOOD_ID, '黑龙江省哈尔滨市', '', '2026-11-03', '2027-03-15', '阳光酒店'],
  ['李秀英', '139 0000 2222', '', '吉林 长春', '1958', '2026-11-10', '2026-11-28', '炳草岗 阳光小区 3 栋'],
  ['王大明', '1390000333', '', '辽宁省大连市', '1955', '', '', ''],
  ['赵丽', '13900004444', BAD_ID, '吉林省长春市', '', '', '', ''],
  ['孙强', '13900005555', '', '火星', '1950', '', '', ''],
  ['周建华', '13900006666', '', '山东 青岛', '1957', '2026-11-20', '', ''],
  ['刘芳', '13900007777', '', '哈尔滨', '1962', '2026-11-05', '', ''],
];

export function csvText(headers = HEADERS, rows = ROWS): string {
  const q = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [headers, ...rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
}

export const csvUtf8Bom = () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(), 'utf8')]);
export const csvUtf8 = () => Buffer.from(csvText(), 'utf8');
export const csvGbk = () => iconv.encode(csvText(), 'gbk');

/** As Excel writes it: a title row above the headers, dates as date cells, phones as numbers, IDs as text. */
export async function xlsxExceljs(headers = HEADERS, rows = ROWS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['2026年冬季候鸟名单（阳光酒店）']);
  ws.addRow(headers);
  for (const r of rows) {
    ws.addRow(
      r.map((c, i) => {
        if ((i === 5 || i === 6) && c) return new Date(`${c}T00:00:00Z`);
        if (i === 1 && /^\d{11}$/.test(c)) return Number(c);
        if (i === 4 && c) return Number(c);
        return c;
      }),
    );
  }
  ws.getColumn(6).numFmt = 'yyyy-mm-dd';
  ws.getColumn(7).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * As WPS writes it: strings inline in the sheet (no shared strings), dates as serial numbers
 * under a Chinese custom format yyyy"年"m"月"d"日", and WPS's KSOProductBuildVer property.
 */
export async function xlsxWpsStyle(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(HEADERS);
  const serial = (day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
  for (const r of ROWS) ws.addRow(r.map((c, i) => ((i === 5 || i === 6) && c ? serial(c) : c)));
  for (const col of [6, 7]) ws.getColumn(col).numFmt = 'yyyy"年"m"月"d"日"';
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const shared = await zip.file('xl/sharedStrings.xml')?.async('string');
  const strings = shared ? [...shared.matchAll(/<si>(?:<t[^>]*>)([\s\S]*?)<\/t><\/si>/g)].map((m) => m[1]!) : [];
  const sheetPath = 'xl/worksheets/sheet1.xml';
  let sheet = await zip.file(sheetPath)!.async('string');
  sheet = sheet.replace(
    /<c r="([A-Z]+\d+)"([^>]*?) t="s"([^>]*)><v>(\d+)<\/v><\/c>/g,
    (_m, ref: string, a: string, b: string, idx: string) => `<c r="${ref}"${a} t="inlineStr"${b}><is><t>${strings[Number(idx)]}</t></is></c>`,
  );
  zip.file(sheetPath, sheet);
  zip.file(
    'docProps/custom.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.16120</vt:lpwstr></property></Properties>',
  );
  return Buffer.from(await zip.generateAsync({ type: 'nodebuffer' }));
}

/** LibreOffice's own .xlsx from the CSV (phone and ID columns imported as text, as a careful clerk does). */
export function xlsxLibreOffice(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'houniao-soffice-'));
  try {
    writeFileSync(join(dir, 'roster.csv'), csvUtf8());
    // CSV filter: comma, double quote, UTF-8 (76), from line 1, columns 2 and 3 as text, zh-CN (2052).
    execFileSync(
      '/usr/bin/soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--infilter=CSV:44,34,76,1,1/1/2/2/3/2/4/1/5/1/6/5/7/5/8/1,2052',
        '--convert-to',
        'xlsx',
        '--outdir',
        dir,
        join(dir, 'roster.csv'),
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    return readFileSync(join(dir, 'roster.xlsx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
