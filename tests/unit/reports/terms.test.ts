import { describe, expect, it } from 'vitest';
import { ok, tempApi } from '../../helpers/tempDb.js';
import { seedDemo, DEMO_ADMIN_PIN } from '../../../db/demo/index.js';
import { chartOption, termText } from '../../../db/api/contract/reportCharts.js';
import type { DashboardView } from '../../../db/api/contract/reports.js';

const CJK = /[\u3400-\u9fff]/;

describe('report cells in English', () => {
  it('the residents figures name every band, bucket, need, interest, kind and place in English; lodging names stay as entered', async () => {
    const now = new Date('2026-12-01T04:00:00Z');
    const { api, db } = tempApi({ clock: () => now });
    seedDemo(db, now);
    const admin = (db.prepare("SELECT id FROM staff WHERE role = 'admin'").get() as { id: number }).id;
    const { token } = await ok(api, 'staff.login', { staffId: admin, pin: DEMO_ADMIN_PIN });
    const view = await ok<DashboardView>(api, 'reports.dashboard', { period: { kind: 'season' } }, token);
    const residents = view.sections.find((s) => s.id === 'residents')!.series;
    const left: string[] = [];
    for (const s of residents) {
      for (const r of s.table.rows)
        for (const c of s.table.columns) {
          const v = r[c.key];
          if (typeof v !== 'string' || s.dataColumns?.includes(c.key)) continue;
          const en = termText(v, 'en', s.terms);
          if (CJK.test(en)) left.push(`${s.id}.${c.key}: ${v}`);
        }
      for (const k of Object.keys(s.drill ?? {})) if (CJK.test(termText(k, 'en', s.terms))) left.push(`${s.id} drill: ${k}`);
      for (const t of Object.values(s.drill ?? {}))
        for (const r of t.rows) for (const v of Object.values(r)) if (typeof v === 'string' && CJK.test(termText(v, 'en', s.terms))) left.push(`${s.id} drill cell: ${v}`);
    }
    expect(left).toEqual([]);
    // The chart's categories are the same English words; Chinese stays Chinese.
    const age = residents.find((s) => s.id === 'residents.age')!;
    expect(JSON.stringify(chartOption(age, 'en'))).toContain('Under 55');
    expect(JSON.stringify(chartOption(age, 'zh'))).toContain('55岁以下');
    expect(residents.find((s) => s.id === 'residents.topLodgings')!.dataColumns).toEqual(['lodging']);
    expect(termText('四川省', 'en')).toBe('Sichuan');
    expect(termText('某个没有英文的词', 'en', {})).toBe('某个没有英文的词');
  }, 60_000);
});
