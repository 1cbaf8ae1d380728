import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { ageBand, AGE_BANDS, LODGING_KIND_LABELS, NEED_LABELS } from '../residents/report.js';
import { localDate } from '../localTime.js';
import { resolvePeriod, type PeriodInput } from './period.js';
import { col, table, type WorkbookSheet } from './workbook.js';

/**
 * 自定义统计: residents of a period counted by one dimension down and (optionally) one across.
 * Each cell counts people, once: a resident with two needs is in both need columns, so the 合计
 * row and column count distinct people rather than adding cells up. With 月份 as a dimension a
 * resident counts in every month of the period they were in town.
 */
export const dimensions = ['province', 'city', 'ageBand', 'sex', 'lodgingKind', 'month', 'needs', 'party'] as const;
export type Dimension = (typeof dimensions)[number];
export const dimensionLabels: Record<Dimension, string> = {
  province: '来源省份',
  city: '来源城市',
  ageBand: '年龄段',
  sex: '性别',
  lodgingKind: '住宿类型',
  month: '月份',
  needs: '健康与行动需要',
  party: '流动党员',
};

export interface CrossTabInput {
  rows: Dimension;
  cols?: Dimension | null;
  filters: { period: PeriodInput; status?: 'all' | 'inTown' | 'left' };
}

export interface CrossTabResult {
  rowDim: Dimension;
  colDim: Dimension | null;
  from: string;
  to: string;
  rowKeys: string[];
  colKeys: string[];
  cells: number[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
}

interface Person {
  id: number;
  sex: string | null;
  birth_year: number | null;
  origin_province: string | null;
  origin_city: string | null;
  lodging_kind: string | null;
  needs: string;
  party_member: number;
  open: number;
}

const ORDER: Partial<Record<Dimension, string[]>> = {
  ageBand: [...AGE_BANDS, '未填'],
  sex: ['男', '女', '未填'],
  party: ['是', '否'],
};

export function crossTab(db: Db, input: CrossTabInput, now: Date): CrossTabResult {
  const p = resolvePeriod(db, input.filters.period, now);
  const status = input.filters.status ?? 'all';
  const people = db
    .prepare(
      `SELECT r.id, r.sex, r.birth_year, r.origin_province, r.origin_city, r.lodging_kind, r.needs, r.party_member,
         EXISTS (SELECT 1 FROM stays o WHERE o.resident_id = r.id AND o.departed_at IS NULL) AS open
       FROM residents r WHERE r.id IN (
         SELECT resident_id FROM stays WHERE departed_at >= :start AND arrived_at < :end
         UNION ALL SELECT resident_id FROM stays WHERE departed_at IS NULL AND arrived_at < :end)`,
    )
    .all({ start: p.start, end: p.end }) as Person[];
  const months = [...new Set(p.days.map((d) => d.slice(0, 7)))];
  const needsMonth = input.rows === 'month' || input.cols === 'month';
  const monthsOf = new Map<number, Set<string>>();
  if (needsMonth) {
    const stays = db
      .prepare(
        `SELECT resident_id, arrived_at, departed_at FROM stays WHERE departed_at >= :start AND arrived_at < :end
         UNION ALL SELECT resident_id, arrived_at, departed_at FROM stays WHERE departed_at IS NULL AND arrived_at < :end`,
      )
      .all({ start: p.start, end: p.end }) as Array<{ resident_id: number; arrived_at: string; departed_at: string | null }>;
    for (const s of stays) {
      const a = localDate(new Date(s.arrived_at), p.timeZone).slice(0, 7);
      const b = s.departed_at ? localDate(new Date(s.departed_at), p.timeZone).slice(0, 7) : months[months.length - 1]!;
      const set = monthsOf.get(s.resident_id) ?? new Set<string>();
      for (const m of months) if (m >= a && m <= b) set.add(m);
      monthsOf.set(s.resident_id, set);
    }
  }
  const valuesOf = (r: Person, d: Dimension): string[] => {
    switch (d) {
      case 'province':
        return [r.origin_province ?? '未填'];
      case 'city':
        return [r.origin_city ? `${r.origin_province ?? ''}${r.origin_province === r.origin_city ? '' : ` ${r.origin_city}`}` : '未填'];
      case 'ageBand':
        return [ageBand(r.birth_year, p.ageYear)];
      case 'sex':
        return [r.sex === 'M' ? '男' : r.sex === 'F' ? '女' : '未填'];
      case 'lodgingKind':
        return [LODGING_KIND_LABELS[r.lodging_kind ?? ''] ?? '未填'];
      case 'month':
        return [...(monthsOf.get(r.id) ?? [])];
      case 'needs': {
        const n = JSON.parse(r.needs) as string[];
        return n.length ? n.map((x) => NEED_LABELS[x] ?? x) : ['无'];
      }
      case 'party':
        return [r.party_member ? '是' : '否'];
    }
  };
  const cell = new Map<string, Set<number>>();
  const rowSet = new Map<string, Set<number>>();
  const colSet = new Map<string, Set<number>>();
  const all = new Set<number>();
  const add = (m: Map<string, Set<number>>, k: string, id: number) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(id);
  };
  for (const r of people) {
    if (status === 'inTown' && !r.open) continue;
    if (status === 'left' && r.open) continue;
    const rv = valuesOf(r, input.rows);
    const cv = input.cols ? valuesOf(r, input.cols) : ['人数'];
    if (!rv.length || !cv.length) continue;
    all.add(r.id);
    for (const a of rv) {
      add(rowSet, a, r.id);
      for (const b of cv) add(cell, `${a}\u0000${b}`, r.id);
    }
    for (const b of cv) add(colSet, b, r.id);
  }
  const sortKeys = (d: Dimension | null, m: Map<string, Set<number>>) => {
    const keys = [...m.keys()];
    const order = d ? ORDER[d] : undefined;
    if (order) return keys.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    if (d === 'month') return keys.sort();
    return keys.sort((a, b) => m.get(b)!.size - m.get(a)!.size || a.localeCompare(b, 'zh-CN'));
  };
  const rowKeys = sortKeys(input.rows, rowSet);
  const colKeys = sortKeys(input.cols ?? null, colSet);
  return {
    rowDim: input.rows,
    colDim: input.cols ?? null,
    from: p.from,
    to: p.to,
    rowKeys,
    colKeys,
    cells: rowKeys.map((a) => colKeys.map((b) => cell.get(`${a}\u0000${b}`)?.size ?? 0)),
    rowTotals: rowKeys.map((a) => rowSet.get(a)!.size),
    colTotals: colKeys.map((b) => colSet.get(b)!.size),
    total: all.size,
  };
}

export function crossTabSheet(r: CrossTabResult): WorkbookSheet {
  const cols = [col('row', dimensionLabels[r.rowDim], r.rowDim, 'text'), ...r.colKeys.map((k, i) => col(`c${i}`, k, k)), col('total', '合计（人）', 'Total')];
  const rows = r.rowKeys.map((k, i) => ({ row: k, ...Object.fromEntries(r.cells[i]!.map((n, j) => [`c${j}`, n])), total: r.rowTotals[i]! }));
  rows.push({ row: '合计（人）', ...Object.fromEntries(r.colTotals.map((n, j) => [`c${j}`, n])), total: r.total });
  return {
    name: '自定义统计',
    blocks: [{ heading: `${dimensionLabels[r.rowDim]}${r.colDim ? ` × ${dimensionLabels[r.colDim]}` : ''}（人数，一人只计一次）`, table: table(cols, rows) }],
  };
}

// --- Saved layouts (report_templates) ---

export interface CrossTabTemplate {
  id: number;
  name: string;
  layout: CrossTabInput;
  updatedAt: string;
}

export function listTemplates(db: Db): CrossTabTemplate[] {
  return (
    db.prepare('SELECT id, name, layout, updated_at AS updatedAt FROM report_templates ORDER BY name').all() as Array<{
      id: number;
      name: string;
      layout: string;
      updatedAt: string;
    }>
  ).map((t) => ({ ...t, layout: JSON.parse(t.layout) as CrossTabInput }));
}

export function saveTemplate(db: Db, t: { id?: number | undefined; name: string; layout: CrossTabInput }, staffId: number, now: Date): CrossTabTemplate {
  const clash = db.prepare('SELECT id FROM report_templates WHERE name = ? AND id IS NOT ?').get(t.name, t.id ?? null);
  if (clash) throw new ApiError('REPORT_TEMPLATE_DUPLICATE', { name: t.name });
  const at = now.toISOString();
  let id = t.id;
  if (id) {
    const r = db.prepare('UPDATE report_templates SET name = ?, layout = ?, updated_at = ? WHERE id = ?').run(t.name, JSON.stringify(t.layout), at, id);
    if (!r.changes) throw new ApiError('NOT_FOUND');
  } else {
    id = Number(
      db.prepare('INSERT INTO report_templates (name, layout, staff_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(t.name, JSON.stringify(t.layout), staffId, at, at)
        .lastInsertRowid,
    );
  }
  return listTemplates(db).find((x) => x.id === id)!;
}

export function deleteTemplate(db: Db, id: number): void {
  if (!db.prepare('DELETE FROM report_templates WHERE id = ?').run(id).changes) throw new ApiError('NOT_FOUND');
}
