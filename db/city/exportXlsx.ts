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
  const d = f.domains;
  const names = new Map(f.centers.map((c) => [c.id, c.name]));
  const pct = (v: number | null) => (v === null ? null : `${(v * 100).toFixed(1)}%`);
  sheet(
    '各站点（诉求与活动）',
    [
      '站点',
      `诉求受理（${d.month}）`,
      '反映人数',
      '记录结果',
      '按时办结率',
      '办结用时中位数（小时）',
      '评价数',
      '满意率',
      '举办活动（场）',
      '活动报名（人次）',
      '到场（人次）',
      '到场率',
      '参加人数',
      '窗口评价数',
      '窗口满意率',
    ],
    [...d.centers.map((c) => ({ ...c, name: names.get(c.centerId) ?? String(c.centerId) })), { ...d.total, name: '全市合计' }].map((c) => [
      c.name,
      c.requests,
      c.requesters,
      c.results,
      pct(c.onTimeRate),
      c.closeHoursP50,
      c.ratings,
      pct(c.satisfactionRate),
      c.activities,
      c.signups,
      c.attended,
      pct(c.attendanceRate),
      c.participants,
      c.counterRatings,
      pct(c.counterSatisfactionRate),
    ]),
    [36, 14, 10, 10, 12, 22, 10, 10, 14, 16, 12, 10, 10, 12, 12],
  );
  sheet(
    '接诉即办',
    ['类别', '受理', '绿', '黄', '红', '未分级', '记录结果', '按时', '按时办结率', '办结用时中位数（小时）', '评价数', '满意率'],
    d.requestsByCategory.map((r) => [
      r.category,
      r.requests,
      r.green,
      r.yellow,
      r.red,
      r.none,
      r.results,
      r.onTime,
      pct(r.onTimeRate),
      r.closeHoursP50,
      r.ratings,
      pct(r.satisfactionRate),
    ]),
    [30, 8, 8, 8, 8, 10, 10, 8, 12, 22, 10, 10],
  );
  sheet(
    '活动',
    ['类别', '场次', '报名（含候补）', '有名额', '到场', '未到', '志愿者', '到场率'],
    d.activitiesByType.map((r) => [r.label.zh, r.activities, r.signups, r.confirmed, r.attended, r.noShows, r.volunteers, pct(r.attendanceRate)]),
    [20, 8, 16, 10, 8, 8, 10, 10],
  );
  sheet(
    '窗口评价',
    ['服务', '评价数', '满意率'],
    d.counterRatings.map((r) => [r.service, r.ratings, pct(r.satisfactionRate)]),
    [20, 10, 10],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
