/**
 * The shape of a report figure, shared by the host that computes it, the staff screen that draws
 * it and the A4 layout that prints it: a table (what the table view shows, what is read aloud and
 * copied) plus a chart spec naming which columns are drawn how. `chartOption` turns one into an
 * ECharts option; it is pure, so the screen (SVG renderer in the browser) and the host (ECharts SSR
 * for the PDF) draw the same chart from the same figures.
 */
import { cityLabel, provinceLabel } from '../../residents/regionsEn.js';

export interface Label {
  zh: string;
  en: string;
}

/** How a cell reads: counts, shares (0–1), minutes, money in fen, days. */
export type CellKind = 'text' | 'int' | 'percent' | 'minutes' | 'fen' | 'days';

export interface ReportColumn {
  key: string;
  label: Label;
  kind: CellKind;
}

export type ReportCell = string | number | null;

export interface ReportTable {
  columns: ReportColumn[];
  rows: Array<Record<string, ReportCell>>;
}

export type ChartKind = 'lineBars' | 'line' | 'bar' | 'hbar' | 'stackedBar' | 'pyramid' | 'pie' | 'none';

export interface ChartSpec {
  kind: ChartKind;
  /** The column along the category axis. */
  x: string;
  /** The columns drawn as values; for lineBars each says line or bar; `color` when the value has one (a 红 level is red). */
  y: Array<{ key: string; as?: 'line' | 'bar'; color?: string }>;
}

export interface ReportSeries {
  id: string;
  title: Label;
  /** A sentence on how the figure is counted (shown under the chart). */
  note?: Label;
  chart: ChartSpec;
  table: ReportTable;
  /** Click-through tables by the x value (e.g. a province → its cities). */
  drill?: Record<string, ReportTable>;
  /**
   * English for the text cells this figure's module wrote in Chinese (an age band, a need, 其他):
   * the screen shows `terms[cell]` in English; provinces and cities are looked up in regionsEn.
   */
  terms?: Record<string, string>;
  /** Text columns that hold names as entered (a lodging's name): shown as they are in every language. */
  dataColumns?: string[];
  /** Single figures shown beside the chart (e.g. 返程居民 占比). */
  figures?: Array<{ key: string; label: Label; kind: CellKind; value: number | null }>;
}

export interface ReportSection {
  id: string;
  title: Label;
  series: ReportSeries[];
}

export type Lang = 'zh' | 'en';

export function isEmptySeries(s: ReportSeries): boolean {
  if (!s.table.rows.length) return true;
  const keys = s.chart.y.map((y) => y.key);
  // Nothing to draw (e.g. no loan categories yet) is empty too; a table-only figure has its rows.
  if (!keys.length) return s.chart.kind !== 'none';
  return s.table.rows.every((r) => keys.every((k) => !r[k]));
}

/** A text cell in the reader's language: the module's own terms, then the place names, else as stored. */
export function termText(value: string, lang: Lang, terms?: Record<string, string>): string {
  if (lang === 'zh' || !value) return value;
  const own = terms?.[value];
  if (own) return own;
  const province = provinceLabel(value, 'en');
  return province !== value ? province : cityLabel(value, 'en');
}

/** A cell as text: counts with grouping, shares as 12.5%, money in yuan with two decimals. */
export function formatCell(value: ReportCell, kind: CellKind): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'fen':
      return (value / 100).toFixed(2);
    case 'minutes':
    case 'days':
      return (Math.round(value * 10) / 10).toString();
    default:
      return Number.isInteger(value) ? value.toLocaleString('zh-CN') : String(value);
  }
}

const PALETTE = ['#c0392b', '#2e86c1', '#27ae60', '#f39c12', '#8e44ad', '#16a085', '#d35400', '#2c3e50', '#7f8c8d', '#e84393'];

/** Values for ECharts: shares as percent numbers, fen as yuan, so axes read the way tables do. */
function chartValue(value: ReportCell, kind: CellKind): number {
  if (typeof value !== 'number') return 0;
  if (kind === 'percent') return Math.round(value * 1000) / 10;
  if (kind === 'fen') return value / 100;
  return value;
}

/**
 * An ECharts option for a figure. `animation: false` and fixed fonts so SSR output is stable.
 * `forPrint` uses larger type and no tooltip (paper cannot hover).
 */
export function chartOption(s: ReportSeries, lang: Lang, options: { forPrint?: boolean } = {}): Record<string, unknown> {
  const cols = new Map(s.table.columns.map((c) => [c.key, c]));
  const x = s.table.rows.map((r) => termText(String(r[s.chart.x] ?? ''), lang, s.terms));
  const name = (key: string) => cols.get(key)?.label[lang] ?? key;
  const values = (key: string) => s.table.rows.map((r) => chartValue(r[key] ?? null, cols.get(key)?.kind ?? 'int'));
  const base: Record<string, unknown> = {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif", fontSize: options.forPrint ? 11 : 14 },
    // ECharts 6 keeps axis labels inside the box by default (grid.outerBoundsMode 'auto').
    grid: { left: 8, right: 24, top: s.chart.y.length > 1 ? 32 : 12, bottom: 8 },
  };
  // Keys left out rather than undefined: ECharts asks for a component for every key present.
  if (!options.forPrint) base.tooltip = { trigger: s.chart.kind === 'pie' ? 'item' : 'axis' };
  if (s.chart.y.length > 1 || s.chart.kind === 'pyramid') base.legend = { top: 0 };
  switch (s.chart.kind) {
    case 'pie':
      return {
        ...base,
        legend: { top: 0 },
        series: [{ type: 'pie', radius: ['35%', '65%'], top: 24, data: x.map((name, i) => ({ name, value: values(s.chart.y[0]!.key)[i] })), label: { formatter: '{b} {c}' } }],
      };
    case 'hbar':
      return {
        ...base,
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: [...x].reverse(), axisLabel: { interval: 0 } },
        series: s.chart.y.map((y) => ({ type: 'bar', name: name(y.key), data: values(y.key).reverse(), label: { show: true, position: 'right' } })),
      };
    case 'pyramid': {
      // The first y column to the left (shown negative, labelled positive), the second to the right.
      const [left, right] = s.chart.y;
      return {
        ...base,
        xAxis: { type: 'value', axisLabel: { formatter: (v: number) => String(Math.abs(v)) } },
        yAxis: { type: 'category', data: x, axisTick: { show: false } },
        series: [
          {
            type: 'bar',
            name: name(left!.key),
            stack: 'p',
            data: values(left!.key).map((v) => -v),
            label: { show: true, position: 'left', formatter: (p: { value: number }) => String(Math.abs(p.value)) },
          },
          ...(right ? [{ type: 'bar', name: name(right.key), stack: 'p', data: values(right.key), label: { show: true, position: 'right' } }] : []),
        ],
      };
    }
    case 'none':
      return base;
    default: {
      const stacked = s.chart.kind === 'stackedBar';
      const rotate = x.length > 12 ? 45 : 0;
      return {
        ...base,
        xAxis: { type: 'category', data: x, axisLabel: { rotate, hideOverlap: true } },
        yAxis: { type: 'value', minInterval: 1 },
        series: s.chart.y.map((y) => ({
          type: s.chart.kind === 'line' || y.as === 'line' ? 'line' : 'bar',
          name: name(y.key),
          data: values(y.key),
          ...(stacked ? { stack: 'all' } : {}),
          ...(y.color ? { itemStyle: { color: y.color } } : {}),
          ...(y.as === 'line' || s.chart.kind === 'line' ? { showSymbol: x.length <= 40, smooth: false } : {}),
        })),
      };
    }
  }
}
