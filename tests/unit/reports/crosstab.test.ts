import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ok, tempApi } from '../../helpers/tempDb.js';
import type { CrossTabResult, CrossTabTemplate } from '../../../db/api/contract/reports.js';
import { seedReportFixture } from './fixture.js';
import { localDayOf } from './expected.js';

const now = new Date('2026-06-10T04:00:00Z');

async function setup() {
  const t = tempApi({ clock: () => now });
  seedReportFixture(t.db, { from: new Date('2025-09-30T16:00:00Z'), to: new Date('2026-04-30T15:59:00Z') });
  const { token } = await ok(t.api, 'staff.setup', { name: '站长', pin: '135790' });
  return { ...t, token: token as string };
}

interface Raw {
  id: number;
  sex: string | null;
  origin_province: string | null;
  needs: string;
  party_member: number;
}

describe('reports.crosstab', () => {
  it('province × sex and needs × party count each person once, totals distinct; exported and saved as a template', async () => {
    const { api, db, token, dir } = await setup();
    const tz = 'Asia/Shanghai';
    const stays = db.prepare('SELECT resident_id, arrived_at, departed_at FROM stays').all() as Array<{ resident_id: number; arrived_at: string; departed_at: string | null }>;
    const inPeriod = new Set(
      stays.filter((s) => localDayOf(s.arrived_at, tz) <= '2026-01-31' && (!s.departed_at || localDayOf(s.departed_at, tz) >= '2026-01-01')).map((s) => s.resident_id),
    );
    const people = (db.prepare('SELECT * FROM residents').all() as Raw[]).filter((r) => inPeriod.has(r.id));
    const layout = { rows: 'province', cols: 'sex', filters: { period: { kind: 'monthOf', month: '2026-01' } } } as const;
    const r = await ok<CrossTabResult>(api, 'reports.crosstab', layout, token);
    const sexOf = (p: Raw) => (p.sex === 'M' ? '男' : p.sex === 'F' ? '女' : '未填');
    r.rowKeys.forEach((prov, i) => {
      r.colKeys.forEach((sex, j) => {
        expect(r.cells[i]![j]).toBe(people.filter((p) => (p.origin_province ?? '未填') === prov && sexOf(p) === sex).length);
      });
      expect(r.rowTotals[i]).toBe(people.filter((p) => (p.origin_province ?? '未填') === prov).length);
    });
    expect(r.total).toBe(people.length);

    const needs = await ok<CrossTabResult>(api, 'reports.crosstab', { rows: 'needs', cols: 'party', filters: layout.filters }, token);
    const chronic = needs.rowKeys.indexOf('有慢性病');
    const yes = needs.colKeys.indexOf('是');
    expect(needs.cells[chronic]![yes]).toBe(people.filter((p) => (JSON.parse(p.needs) as string[]).includes('chronic') && p.party_member === 1).length);
    // A person with two needs is in two rows but once in the total.
    expect(needs.total).toBe(people.length);
    expect(needs.rowTotals.reduce((a, b) => a + b, 0)).toBeGreaterThan(needs.total);

    // Month dimension: a resident counts in each month they were in town.
    const months = await ok<CrossTabResult>(api, 'reports.crosstab', { rows: 'month', filters: { period: { kind: 'custom', from: '2025-12-01', to: '2026-01-31' } } }, token);
    expect(months.rowKeys).toEqual(['2025-12', '2026-01']);
    const present = (m: string, last: string) =>
      new Set(stays.filter((s) => localDayOf(s.arrived_at, tz) <= last && (!s.departed_at || localDayOf(s.departed_at, tz) >= `${m}-01`)).map((s) => s.resident_id)).size;
    expect(months.rowTotals).toEqual([present('2025-12', '2025-12-31'), present('2026-01', '2026-01-31')]);

    // Export: the same cells in the .xlsx.
    const out = await ok<{ fileName: string; base64: string }>(api, 'reports.crosstab.export', layout, token);
    const file = join(dir, out.fileName);
    writeFileSync(file, Buffer.from(out.base64, 'base64'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(4).values).toEqual([undefined, '来源省份', ...r.colKeys, '合计（人）']);
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual([r.rowKeys[0], ...r.cells[0]!, r.rowTotals[0]]);
    expect((ws.getRow(5 + r.rowKeys.length).values as unknown[]).slice(1)).toEqual(['合计（人）', ...r.colTotals, r.total]);

    // Templates: save, reuse, refuse a duplicate name, delete.
    const saved = await ok<CrossTabTemplate>(api, 'reports.templates.save', { name: '月报·省份×性别', layout: { ...layout, filters: { period: { kind: 'lastMonth' } } } }, token);
    const dup = await api.call('reports.templates.save', { name: '月报·省份×性别', layout }, { token });
    expect(dup.ok || dup.error.code).toBe('REPORT_TEMPLATE_DUPLICATE');
    const list = await ok<CrossTabTemplate[]>(api, 'reports.templates', {}, token);
    expect(list.map((t) => t.name)).toEqual(['月报·省份×性别']);
    const again = await ok<CrossTabResult>(api, 'reports.crosstab', list[0]!.layout, token);
    expect([again.from, again.to]).toEqual(['2026-05-01', '2026-05-31']);
    await ok(api, 'reports.templates.delete', { id: saved.id }, token);
    expect(await ok(api, 'reports.templates', {}, token)).toEqual([]);
    const same = await api.call('reports.crosstab', { rows: 'sex', cols: 'sex', filters: layout.filters }, { token });
    expect(same.ok || same.error.code).toBe('VALIDATION_FAILED');
  }, 60_000);
});
