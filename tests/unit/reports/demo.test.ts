import { describe, expect, it } from 'vitest';
import { ok, tempApi } from '../../helpers/tempDb.js';
import { seedDemo, DEMO_ADMIN_PIN } from '../../../db/demo/index.js';
import { isEmptySeries, type ReportSeries } from '../../../db/api/contract/reportCharts.js';
import type { DashboardView } from '../../../db/api/contract/reports.js';

describe('demo history for 统计报表', () => {
  it('gives every chart something to show for this season and the last', async () => {
    const now = new Date('2026-12-01T04:00:00Z');
    const { api, db } = tempApi({ clock: () => now });
    seedDemo(db, now);
    const admin = (db.prepare("SELECT id FROM staff WHERE role = 'admin'").get() as { id: number }).id;
    const { token } = await ok(api, 'staff.login', { staffId: admin, pin: DEMO_ADMIN_PIN });
    for (const kind of ['season', 'lastSeason'] as const) {
      const view = await ok<DashboardView>(api, 'reports.dashboard', { period: { kind } }, token);
      const all: ReportSeries[] = view.sections.flatMap((s) => s.series);
      expect(all.length).toBeGreaterThanOrEqual(16);
      expect(all.filter(isEmptySeries).map((s) => `${kind}:${s.id}`)).toEqual([]);
    }
  }, 60_000);
});
