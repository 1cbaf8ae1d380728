import { describe, expect, it } from 'vitest';
import { adminToken, tempApi } from '../helpers/tempDb.js';
import { mountSignedIn, settle } from '../helpers/mountScreen.js';
import { seedReportFixture } from '../unit/reports/fixture.js';

describe('统计报表 page', () => {
  it('says 暂无数据 for every figure of an empty center, and shows each figure as a table in table view', async () => {
    const { api, db } = tempApi();
    await adminToken(api);
    const { wrapper } = await mountSignedIn(api, '/staff/reports');
    await settle(20);
    expect(wrapper.get('[data-testid="reports-range"]').text()).toMatch(/-10-01 至 /);
    const sections = wrapper.findAll('[data-testid^="reports-section-"]');
    expect(sections.map((s) => s.attributes('data-testid'))).toEqual(['reports-section-residents', 'reports-section-loans', 'reports-section-queue', 'reports-section-activities']);
    const figures = wrapper.findAll('figure.report-chart');
    expect(figures.length).toBeGreaterThanOrEqual(16);
    expect(figures.filter((f) => !f.find('[data-testid="series-empty"]').exists()).map((f) => f.attributes('data-testid'))).toEqual([]);
    expect(wrapper.text()).toContain('暂无数据');

    // With data: table view gives every figure a table with its rows.
    const now = new Date();
    seedReportFixture(db, { from: new Date(now.getTime() - 200 * 86_400_000), to: new Date(now.getTime() - 3_600_000) });
    await wrapper.get('[data-testid="reports-period"]').setValue('lastMonth');
    await settle(20);
    await wrapper.get('[data-testid="reports-view-table"]').trigger('click');
    await settle();
    const province = wrapper.get('[data-testid="series-residents.province"]');
    expect(province.find('[data-testid="report-table"]').exists()).toBe(true);
    expect(province.findAll('tbody tr').length).toBeGreaterThan(3);
    expect(wrapper.findAll('[data-testid="series-empty"]').length).toBeLessThan(figures.length);
    wrapper.unmount();
  }, 60_000);
});
