import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ok, tempApi, tempDir } from '../../helpers/tempDb.js';
import { writeSettings } from '../../../db/settings.js';
import { getLayout } from '../../../db/printing/layouts/index.js';
import { monthlyPrintData } from '../../../db/reports/monthly.js';
import { seedReportFixture } from './fixture.js';
import { daysOf, expectedLoans, expectedQueue, expectedResidents, localDayOf, type Window } from './expected.js';
import { MONTHLY_SHEETS } from '../../helpers/monthlySheets.js';

const now = new Date('2026-06-10T04:00:00Z');
const W: Window = { from: '2026-01-01', to: '2026-01-31', timeZone: 'Asia/Shanghai', now, seasonFrom: '2025-10-01' };

async function setup() {
  const t = tempApi({ clock: () => now });
  writeSettings(t.db, { 'center.name': '测试街道服务中心' });
  seedReportFixture(t.db, { from: new Date('2025-09-30T16:00:00Z'), to: new Date('2026-04-30T15:59:00Z') });
  const { token } = await ok(t.api, 'staff.setup', { name: '站长', pin: '135790' });
  return { ...t, token };
}

/** Rows of a sheet as arrays of cell values (1-based columns dropped to 0-based). */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    out[n - 1] = (row.values as unknown[]).slice(1);
  });
  return out.map((r) => r ?? []);
}

/** The rows under the header named `first` (a block), up to the next empty row. */
function block(rows: unknown[][], first: string): unknown[][] {
  const start = rows.findIndex((r) => r[0] === first);
  expect(start, `header ${first}`).toBeGreaterThan(-1);
  const out: unknown[][] = [];
  for (let i = start + 1; i < rows.length && rows[i]!.length && rows[i]![0] !== null && rows[i]![0] !== undefined; i++) out.push(rows[i]!);
  return out;
}

describe('reports.export.monthly', () => {
  it('writes every sheet with title, frozen header and numbers matching the raw rows; LibreOffice opens it', async () => {
    const { api, db, token, dir } = await setup();
    const out = await ok<{ fileName: string; base64: string }>(api, 'reports.export.monthly', { month: '2026-01' }, token);
    expect(out.fileName).toBe('月度报表-2026-01.xlsx');
    const file = join(dir, out.fileName);
    writeFileSync(file, Buffer.from(out.base64, 'base64'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(MONTHLY_SHEETS);
    for (const ws of wb.worksheets) {
      expect(String(ws.getCell('A1').value)).toBe('测试街道服务中心 月度报表 2026年1月');
      expect(String(ws.getCell('A2').value)).toContain('2026-01-01 至 2026-01-31');
      expect(ws.views[0]).toMatchObject({ state: 'frozen' });
      expect((ws.views[0] as { ySplit: number }).ySplit).toBeGreaterThanOrEqual(3);
      expect(ws.getColumn(1).width).toBeGreaterThan(5);
    }
    const r = expectedResidents(db, W);
    const l = expectedLoans(db, W);
    const q = expectedQueue(db, W);

    // 来离明细: every day, then 合计.
    const daily = block(rowsOf(wb.getWorksheet('来离明细')!), '日期');
    expect(daily.slice(0, -1)).toEqual(r.inTown.map((d) => [d.day, d.arrivals, d.departures, d.inTown]));
    expect(daily.at(-1)!.slice(0, 3)).toEqual(['合计', r.inTown.reduce((n, d) => n + d.arrivals, 0), r.inTown.reduce((n, d) => n + d.departures, 0)]);
    expect(wb.getWorksheet('来离明细')!.getCell('B4').numFmt).toBe('#,##0');

    // 来源地: every province/city.
    const origin = block(rowsOf(wb.getWorksheet('来源地')!), '省份');
    const cities = new Map<string, number>();
    for (const row of origin.slice(0, -1)) cities.set(`${row[0]}|${row[1]}`, row[2] as number);
    const expectCities = new Map<string, number>();
    for (const [p, m] of r.cities) for (const [c, n] of m) expectCities.set(`${p}|${c}`, n);
    expect(cities).toEqual(expectCities);
    expect(origin.at(-1)![2]).toBe(r.population);

    // 年龄结构.
    const age = block(rowsOf(wb.getWorksheet('年龄结构')!), '年龄段');
    for (const row of age.slice(0, -1)) {
      const e = r.age.get(row[0] as string) ?? { male: 0, female: 0, unknown: 0 };
      expect(row.slice(1, 5)).toEqual([e.male, e.female, e.unknown, e.male + e.female + e.unknown]);
    }

    // 住宿: types and top lodgings.
    const lodging = rowsOf(wb.getWorksheet('住宿')!);
    const kinds = block(lodging, '类型');
    expect(kinds.at(-1)![1]).toBe(r.population);

    // 物资借用: each category's figures; utilisation as a share with a % format.
    const loanRows = block(rowsOf(wb.getWorksheet('物资借用')!), '类别');
    l.util.forEach((e, i) => {
      const row = loanRows[i]!;
      expect(row.slice(0, 4)).toEqual([e.category, e.units, e.loans, e.overdue]);
      expect(row[4] as number).toBeCloseTo(e.unitDaysOut, 0);
      expect(row[6] as number).toBeCloseTo(e.utilisation!, 3);
    });
    const cons = block(rowsOf(wb.getWorksheet('物资借用')!), '物品');
    for (const row of cons.slice(0, -1)) {
      const e = l.consumables.get(row[0] as string)!;
      expect(row.slice(1)).toEqual([e.handout, e.sold, e.amount / 100]);
    }

    // 押金台账 per day, in yuan.
    const ledger = block(rowsOf(wb.getWorksheet('押金台账')!), '日期');
    expect(ledger.slice(0, -1)).toEqual(l.perDayDeposits.map((d) => [d.day, d.lent, d.collected / 100, d.returned, d.refunded / 100, d.kept / 100]));
    expect(ledger.at(-1)!.slice(2)).toEqual([l.collected / 100, ledger.slice(0, -1).reduce((n, x) => n + (x[3] as number), 0), l.refunded / 100, l.kept / 100]);
    expect(wb.getWorksheet('押金台账')!.getCell('C4').numFmt).toBe('#,##0.00');

    // 排队统计: per service, per counter, per day.
    const qs = rowsOf(wb.getWorksheet('排队统计')!);
    const svc = block(qs, '服务');
    q.svc.forEach((e, i) => expect(svc[i]!.slice(0, 5)).toEqual([e.service, e.tickets, e.finished, e.noShow, e.unserved]));
    const counters = block(qs, '窗口');
    expect(counters.slice(0, -1)).toEqual(q.counters.map((c) => [c.counter, c.finished, c.noShow]));
    const perDay = block(qs, '日期');
    expect(perDay.slice(0, -1).map((x) => x.at(-1))).toEqual(daysOf(W).map((d) => q.tickets.filter((t) => t.day === d).length));

    // 汇总: this month, previous month, the same month last season.
    const summary = rowsOf(wb.getWorksheet('汇总')!);
    const arrivals = summary.find((x) => x[0] === '居民 · 报到（人次）')!;
    const stays = db.prepare('SELECT arrived_at, departed_at FROM stays').all() as Array<{ arrived_at: string; departed_at: string | null }>;
    const inMonth = (iso: string, m: string) => localDayOf(iso, 'Asia/Shanghai').startsWith(m);
    expect(arrivals.slice(1, 5)).toEqual([
      stays.filter((s) => inMonth(s.arrived_at, '2026-01')).length,
      stays.filter((s) => inMonth(s.arrived_at, '2025-12')).length,
      stays.filter((s) => inMonth(s.arrived_at, '2025-01')).length,
      stays.filter((s) => inMonth(s.arrived_at, '2026-01')).length - stays.filter((s) => inMonth(s.arrived_at, '2025-12')).length,
    ]);
    const collected = summary.find((x) => x[0] === '物资租借 · 押金收取（元）')!;
    expect(collected[1]).toBe(l.collected / 100);
    const tickets = summary.find((x) => x[0] === '排队叫号 · 排队取号（张）')!;
    expect(tickets[1]).toBe(q.tickets.length);

    // The export is in the audit log.
    const audit = db.prepare("SELECT * FROM audit_log WHERE action = 'reports.export.monthly'").all() as Array<{ subject: string; staff_id: number }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subject).toBe(out.fileName);

    // LibreOffice opens the same file: every sheet to CSV, 来离明细's figures as exceljs read them.
    const csvDir = tempDir();
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${csvDir}/profile`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        csvDir,
        file,
      ],
      {
        stdio: 'pipe',
        timeout: 120_000,
      },
    );
    const csvs = readdirSync(csvDir).filter((f) => f.endsWith('.csv'));
    expect(csvs.length).toBe(wb.worksheets.length); // LibreOffice sees every sheet exceljs wrote
    const dailyCsv = readFileSync(
      join(
        csvDir,
        csvs.find((f) => f.includes('来离明细'))!,
      ),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    expect(dailyCsv[0]![0]).toBe('测试街道服务中心 月度报表 2026年1月');
    const csvDays = dailyCsv.filter((c) => /^2026-01-\d\d$/.test(c[0]!));
    expect(csvDays.map((c) => [c[0], Number(c[1]), Number(c[2]), Number(c[3])])).toEqual(r.inTown.map((d) => [d.day, d.arrivals, d.departures, d.inTown]));
    const ledgerCsv = readFileSync(
      join(
        csvDir,
        csvs.find((f) => f.includes('押金台账'))!,
      ),
      'utf8',
    );
    const totalLine = ledgerCsv.split('\n').find((line) => line.startsWith('合计'))!;
    expect(totalLine.split(',').slice(1).map(Number)).toEqual(ledger.at(-1)!.slice(1));
  }, 180_000);

  it('the A4 pack draws its charts as SVG on the host and prints as a PDF of A4 pages', async () => {
    const { api, db, token, dir } = await setup();
    const data = monthlyPrintData(db, '2026-01', now);
    const doc = await getLayout('monthlyReport')!.render(data, { center: { name: '测试街道服务中心', hotline: '1' }, now, timeZone: 'Asia/Shanghai' });
    expect(doc.kind).toBe('page');
    const html = doc.kind === 'page' ? doc.html : '';
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(8);
    expect(html).toContain('汇总');
    const pdf = await ok<{ fileName: string; base64: string }>(api, 'reports.pdf.monthly', { month: '2026-01' }, token);
    const file = join(dir, pdf.fileName);
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(5);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain('月度报表 2026年1月');
    expect(text).toContain('来源地（省）');
    const province = data.series.find((s) => s.id === 'residents.province')!.table.rows[0]!.province as string;
    expect(text).toContain(province);
    expect(text).toContain('2026-01-01'); // an axis label of the daily chart: SVG text reaches the PDF as text

    // 在报表打印机打印: refused with a clear message until a report printer is chosen; then a job
    // on the report target (here the PDF folder) that completes as an A4 PDF.
    const none = await api.call('reports.print.monthly', { month: '2026-01' }, { token });
    expect(none.ok || none.error.code).toBe('REPORT_NO_PRINTER');
    const folder = join(dir, 'printed');
    const targets = (await ok(api, 'settings.all', {}, token))['printing.targets'];
    await ok(api, 'settings.update', { values: { 'printing.targets': { ...targets, report: { kind: 'pdf', folder } } } }, token);
    const { jobId } = await ok<{ jobId: number }>(api, 'reports.print.monthly', { month: '2026-01' }, token);
    const state = await api.print.whenSettled(jobId, 120_000);
    expect(state.status).toBe('done');
    const printed = readdirSync(folder).filter((f) => f.endsWith('.pdf'));
    expect(printed).toHaveLength(1);
    expect(execFileSync('pdfinfo', [join(folder, printed[0]!)]).toString()).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts/);
    await api.print.close();
  }, 240_000);
});
