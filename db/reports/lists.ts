import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../connection.js';
import type { ReportCell, ReportColumn } from '../api/contract/reportCharts.js';
import { localClock } from '../localTime.js';
import { maskPhone } from '../residents/schema.js';
import { readSetting } from '../settings.js';
import { resolvePeriod, type PeriodInput, type ResolvedPeriod } from './period.js';
import { cellValue } from './xlsx.js';

/**
 * 名单导出: a domain's list (residents, stays, loans, tickets) as .xlsx, streamed — rows are read
 * with an iterator and each row is committed to exceljs' streaming writer, so 100,000 residents
 * never sit in memory at once. Phones are masked unless the manager asked for them with a reason;
 * ID numbers only ever leave masked. Phone, ID and card columns are text cells.
 */
export interface ListFilters {
  period?: PeriodInput;
  /** residents: a name (or part), pinyin initials, or a phone tail, as the 居民 search box takes them. */
  q?: string;
  /** residents: only those with an open stay. */
  inTown?: boolean;
  /** residents: home province. */
  province?: string;
  /** residents: 'active' (default) or every record incl. anonymised/deceased. */
  status?: 'active' | 'all';
  /** loans: 借出中 / 已逾期 / all. */
  loanStatus?: 'open' | 'overdue' | 'all';
  /** tickets: one service. */
  serviceId?: number;
}

export interface ListContext {
  db: Db;
  filters: ListFilters;
  period: ResolvedPeriod | null;
  timeZone: string;
  now: Date;
  /** Phone as it may leave: masked unless the manager asked for full phones. */
  phone(p: string | null): string;
  /** An ISO instant as the center's wall clock: 2026-01-05 14:30. */
  time(iso: string | null): string;
}

export interface ListExport {
  kind: string;
  title: string;
  columns: ReportColumn[];
  rows(ctx: ListContext): Iterable<Record<string, ReportCell>>;
}

const lists = new Map<string, ListExport>();
export function registerListExport(l: ListExport): void {
  if (lists.has(l.kind)) throw new Error(`list ${l.kind} registered twice`);
  lists.set(l.kind, l);
}
export function listExport(kind: string): ListExport | undefined {
  return lists.get(kind);
}
export function listKinds(): string[] {
  return [...lists.keys()];
}

/** Column kinds 'text' are written as text cells: a phone or ID never becomes a number. */
export async function writeList(
  db: Db,
  kind: string,
  filters: ListFilters,
  options: { fullPhones: boolean; now: Date },
): Promise<{ fileName: string; buffer: Buffer; rows: number }> {
  const list = lists.get(kind);
  if (!list) throw new Error(`unknown list ${kind}`);
  const timeZone = readSetting(db, 'queue.timezone');
  const period = filters.period ? resolvePeriod(db, filters.period, options.now) : null;
  const ctx: ListContext = {
    db,
    filters,
    period,
    timeZone,
    now: options.now,
    phone: (p) => (options.fullPhones ? (p ?? '') : maskPhone(p)),
    time: wallClockFormatter(timeZone),
  };
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  wb.creator = '候鸟驿站';
  const ws = wb.addWorksheet(list.title, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = list.columns.map((c) => ({ key: c.key, width: Math.max(10, Math.min(40, [...c.label.zh].length * 2 + 4)) }));
  // One style object per column, set on each cell: exceljs then finds its style id in a WeakMap
  // instead of rendering and hashing a style for every one of 1.8 million cells.
  const styles = list.columns.map((c) => ({ numFmt: c.kind === 'text' ? '@' : c.kind === 'fen' ? '#,##0.00' : c.kind === 'percent' ? '0.0%' : c.kind === 'int' ? '0' : '0.0' }));
  const center = readSetting(db, 'center.name');
  const title = ws.addRow([`${center} ${list.title}`]);
  title.font = { bold: true, size: 14 };
  title.commit();
  ws.addRow([describeFilters(filters, period, options.fullPhones, options.now, timeZone)]).commit();
  const header = ws.addRow(list.columns.map((c) => c.label.zh));
  header.font = { bold: true };
  header.commit();
  let n = 0;
  for (const r of list.rows(ctx)) {
    const row = ws.addRow(list.columns.map((c) => cellValue(r[c.key] ?? null, c.kind)));
    for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i]!;
    row.commit();
    n++;
    // Let the stream drain now and then so chunks do not pile up unread.
    if (n % 5000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  ws.commit();
  await wb.commit();
  await finished;
  const stamp = localClock(options.now, timeZone).day;
  return { fileName: `${list.title}-${stamp}.xlsx`, buffer: Buffer.concat(chunks), rows: n };
}

/**
 * 'YYYY-MM-DD HH:MM' on the center's wall clock, fast enough for 200,000 cells: the zone's offset
 * is looked up once per UTC day (Intl), and used as is when it is the same at both ends of the day;
 * on a day the clocks change, every time is converted exactly.
 */
export function wallClockFormatter(timeZone: string): (iso: string | null) => string {
  const offsets = new Map<number, number | null>();
  const offsetAt = (ms: number) => {
    const minute = Math.floor(ms / 60_000) * 60_000;
    const c = localClock(new Date(minute), timeZone);
    return Date.parse(`${c.day}T${c.time}:00Z`) - minute;
  };
  return (iso) => {
    if (!iso) return '';
    const ms = Date.parse(iso);
    const dayIndex = Math.floor(ms / 86_400_000);
    let off = offsets.get(dayIndex);
    if (off === undefined) {
      const a = offsetAt(dayIndex * 86_400_000);
      off = a === offsetAt(dayIndex * 86_400_000 + 86_400_000 - 60_000) ? a : null;
      offsets.set(dayIndex, off);
    }
    if (off === null) {
      const c = localClock(new Date(ms), timeZone);
      return `${c.day} ${c.time}`;
    }
    const local = new Date(ms + off).toISOString();
    return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
  };
}

function describeFilters(f: ListFilters, p: ResolvedPeriod | null, fullPhones: boolean, now: Date, timeZone: string): string {
  const parts: string[] = [];
  if (p) parts.push(`时段 ${p.from} 至 ${p.to}`);
  if (f.q) parts.push(`搜索 “${f.q}”`);
  if (f.inTown) parts.push('仅在住');
  if (f.province) parts.push(`来源省份 ${f.province}`);
  if (f.status === 'all') parts.push('含已匿名/已故');
  if (f.loanStatus && f.loanStatus !== 'all') parts.push(f.loanStatus === 'open' ? '借出中' : '已逾期');
  if (f.serviceId) parts.push(`服务 #${f.serviceId}`);
  parts.push(fullPhones ? '手机号完整（管理员导出）' : '手机号已遮蔽');
  parts.push('身份证号已遮蔽');
  const c = localClock(now, timeZone);
  parts.push(`导出时间 ${c.day} ${c.time}`);
  return parts.join('；');
}
