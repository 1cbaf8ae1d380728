import { init, use } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { chartOption, formatCell, isEmptySeries, type ReportSeries } from '../../api/contract/reportCharts.js';
import type { MonthlyPrintData } from '../../reports/monthly.js';
import type { Layout, PrintDocument } from '../types.js';
import { escapeHtml, pageHtml } from './blocks.js';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, SVGRenderer]);

/** A chart as SVG text, drawn on the host by ECharts server-side rendering (no DOM). */
export function chartSvg(s: ReportSeries, widthPx: number, heightPx: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: widthPx, height: heightPx });
  try {
    chart.setOption(chartOption(s, 'zh', { forPrint: true }));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function figureHtml(s: ReportSeries): string {
  const head = `<h2>${escapeHtml(s.title.zh)}</h2>${s.note ? `<p class="note">${escapeHtml(s.note.zh)}</p>` : ''}`;
  if (isEmptySeries(s)) return `<figure class="fig">${head}<p class="empty">暂无数据</p></figure>`;
  const figures = s.figures?.length ? `<p class="figs">${s.figures.map((f) => `${escapeHtml(f.label.zh)}：<b>${escapeHtml(formatCell(f.value, f.kind))}</b>`).join('　')}</p>` : '';
  // Long daily tables would not fit under the chart: the chart carries them, the .xlsx has every row.
  const small = s.table.rows.length <= 12 && s.table.columns.length <= 8;
  const rows = small
    ? `<table><thead><tr>${s.table.columns.map((c) => `<th>${escapeHtml(c.label.zh)}</th>`).join('')}</tr></thead><tbody>${s.table.rows
        .map((r) => `<tr>${s.table.columns.map((c) => `<td class="${c.kind === 'text' ? '' : 'num'}">${escapeHtml(formatCell(r[c.key] ?? null, c.kind))}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`
    : '';
  return `<figure class="fig">${head}${figures}<div class="chart">${chartSvg(s, 680, small ? 230 : 300)}</div>${rows}</figure>`;
}

const css = `
.hn-page { height: auto !important; overflow: visible !important; }
.sheet { width: 210mm; height: 297mm; padding: 12mm 14mm; overflow: hidden; page-break-after: always; break-after: page; font-size: 10.5pt; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 0 0 1mm; }
.period, .note { color: #444; font-size: 9pt; margin: 0 0 2mm; }
.figs { margin: 0 0 1mm; }
.fig { margin: 0 0 5mm; break-inside: avoid; }
.chart svg { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 0.2mm solid #999; padding: 0.8mm 1.5mm; text-align: left; }
th { background: #eef2f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.empty { color: #666; padding: 6mm 0; text-align: center; }
.foot { color: #666; font-size: 8pt; margin-top: 4mm; }
`;

function summaryTable(d: MonthlyPrintData): string {
  const kind = (k: MonthlyPrintData['summary'][number]['kind']) => k;
  return `<table><thead><tr><th>项目</th><th>本月</th><th>上月</th><th>上季同月</th></tr></thead><tbody>${d.summary
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.item)}</td>${[s.current, s.previous, s.lastSeason].map((v) => `<td class="num">${escapeHtml(formatCell(v, kind(s.kind)))}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

/** 月度报表 on A4: page 1 the title and 汇总, then two figures a page with their charts as SVG. */
export const monthlyReportLayout: Layout<MonthlyPrintData> = {
  id: 'monthlyReport',
  jobType: 'report',
  label: '月度报表（A4）',
  sample: {
    center: '示例服务中心',
    month: '2026-01',
    periodLabel: '统计时段：2026-01-01 至 2026-01-31',
    summary: [{ item: '居民 · 报到（人次）', kind: 'int', current: 120, previous: 98, lastSeason: 105 }],
    series: [
      {
        id: 'sample',
        title: { zh: '来源地（省）', en: 'Home province' },
        chart: { kind: 'hbar', x: 'province', y: [{ key: 'count' }] },
        table: {
          columns: [
            { key: 'province', label: { zh: '省份', en: 'Province' }, kind: 'text' },
            { key: 'count', label: { zh: '人数', en: 'Residents' }, kind: 'int' },
          ],
          rows: [
            { province: '黑龙江省', count: 40 },
            { province: '吉林省', count: 25 },
          ],
        },
      },
    ],
  },
  render(d, ctx): PrintDocument {
    const title = `${d.center} 月度报表 ${d.month.slice(0, 4)}年${Number(d.month.slice(5))}月`;
    const pages: string[] = [`<h1>${escapeHtml(title)}</h1><p class="period">${escapeHtml(d.periodLabel)}</p><h2>汇总</h2>${summaryTable(d)}`];
    for (let i = 0; i < d.series.length; i += 2)
      pages.push(
        d.series
          .slice(i, i + 2)
          .map(figureHtml)
          .join(''),
      );
    const body = pages.map((p, i) => `<section class="sheet">${p}<p class="foot">${escapeHtml(ctx.center.name)} · 第 ${i + 1} / ${pages.length} 页</p></section>`).join('');
    return { kind: 'page', title, paper: 'a4', html: pageHtml({ paper: 'a4', title, body, css }) };
  },
};
