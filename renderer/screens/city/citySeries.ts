import type { CityFigures, Count } from '../../../db/city/figures.js';
import type { Label, ReportSeries } from '../../../db/api/contract/reportCharts.js';
import { provinceLabel } from '../../../db/residents/regionsEn.js';

/**
 * The city's figures in the center dashboard's figure shape, so /city draws them with the same chart
 * and table components. A masked count ("<5") stays text in the table and is left out of the chart.
 */
function countSeries(id: string, title: Label, label: Label, count: Label, all: Array<{ label: string; count: Count }>, hbar: boolean, forChart: boolean): ReportSeries {
  // A bar for "<5" would read as 0: the chart leaves masked rows out and says so; the table lists them.
  const rows = forChart ? all.filter((r) => r.count !== '<5') : all;
  const hidden = all.length - rows.length;
  return {
    id,
    title,
    ...(hidden ? { note: { zh: `另有 ${hidden} 项少于 5 人，只在表格中列出（显示为 <5）。`, en: `${hidden} more below 5 people are listed in the table only (as <5).` } } : {}),
    chart: { kind: hbar ? 'hbar' : 'bar', x: 'label', y: [{ key: 'count' }] },
    table: {
      columns: [
        { key: 'label', label, kind: 'text' },
        { key: 'count', label: count, kind: 'int' },
      ],
      rows: rows.map((r) => ({ label: r.label, count: r.count })),
    },
  };
}

export function citySeries(f: CityFigures, locale: string, forChart: boolean): ReportSeries[] {
  const people = { zh: '人数', en: 'People' };
  return [
    countSeries(
      'city-provinces',
      { zh: '来源地', en: 'Home provinces' },
      { zh: '省份', en: 'Province' },
      people,
      f.provinces.map((p) => ({ label: provinceLabel(p.province, locale), count: p.residents })),
      true,
      forChart,
    ),
    countSeries(
      'city-ages',
      { zh: '年龄结构', en: 'Age groups' },
      { zh: '年龄段', en: 'Age' },
      people,
      f.ageBands.map((a) => ({ label: a.band, count: a.residents })),
      false,
      forChart,
    ),
    countSeries(
      'city-stays',
      { zh: '居住时长（已离开的）', en: 'Length of stay (departed)' },
      { zh: '时长', en: 'Length' },
      { zh: '次数', en: 'Stays' },
      f.stayLengths.map((s) => ({ label: s.bucket, count: s.stays })),
      false,
      forChart,
    ),
  ];
}
