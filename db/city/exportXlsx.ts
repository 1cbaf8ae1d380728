import ExcelJS from 'exceljs';
import type { CityFigures, Count } from './figures.js';

/** The city's figures as an .xlsx: one sheet per table, a title row, Chinese headers, frozen header. */
export async function cityFiguresWorkbook(f: CityFigures, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '候鸟驿站 市级平台';
  const cell = (v: Count | number | string | null) => (v === null ? '' : v);
  const sheet = (name: string, headers: string[], rows: Array<Array<Count | number | string | null>>, widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([`${title} · ${name}（生成于 ${f.generatedAt.slice(0, 16).replace('T', ' ')} UTC；少于 5 人显示为 <5）`]).font = { bold: true, size: 13 };
    ws.addRow(headers).font = { bold: true };
    for (const r of rows) ws.addRow(r.map(cell));
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  };
  sheet(
    '各站点',
    ['站点', '在住人数', '近 7 天到达', '借出中', '逾期未还', '排队等候中位数（分钟）', '最近同步'],
    f.centers.map((c) => [c.name, c.inTown, c.arrivalsWeek, c.loansOut, c.overdue, c.waitP50Minutes, c.lastPushAt ?? '']),
    [36, 12, 14, 10, 12, 22, 24],
  );
  sheet(
    '来源地',
    ['省份', '人数'],
    f.provinces.map((p) => [p.province, p.residents]),
    [20, 10],
  );
  sheet(
    '年龄结构',
    ['年龄段', '人数'],
    f.ageBands.map((a) => [a.band, a.residents]),
    [16, 10],
  );
  sheet(
    '居住时长',
    ['时长', '次数'],
    f.stayLengths.map((s) => [s.bucket, s.stays]),
    [16, 10],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
