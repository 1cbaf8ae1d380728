import { describe, expect, it } from 'vitest';
import { adminToken, tempApi } from '../helpers/tempDb.js';
import { mountSignedIn, settle, settleImports } from '../helpers/mountScreen.js';

/** The one period picker on the dashboard and on 自定义统计: a fixed month, a custom range, and why not yet. */
describe('统计时段 picker', () => {
  it('the dashboard and 自定义统计 both take a fixed month and a custom range; an incomplete one says why and runs nothing', async () => {
    const { api } = tempApi();
    await adminToken(api);
    const { wrapper } = await mountSignedIn(api, '/staff/reports');
    await settle(20);

    // Dashboard: 某月 → the whole month.
    await wrapper.get('[data-testid="reports-period"]').setValue('monthOf');
    await wrapper.get('[data-testid="reports-month"]').setValue('2026-02');
    await settle(20);
    expect(wrapper.get('[data-testid="reports-range"]').text()).toBe('2026-02-01 至 2026-02-28');
    // 自定义 with the end before the start: the reason, and the figures stay those of February.
    await wrapper.get('[data-testid="reports-period"]').setValue('custom');
    await wrapper.get('[data-testid="reports-from"]').setValue('2026-01-10');
    await wrapper.get('[data-testid="reports-to"]').setValue('2026-01-05');
    await settle(10);
    expect(wrapper.get('[data-testid="reports-period-why"]').text()).toContain('开始不能晚于结束');
    expect(wrapper.get('[data-testid="reports-range"]').text()).toBe('2026-02-01 至 2026-02-28');
    await wrapper.get('[data-testid="reports-to"]').setValue('2026-01-20');
    await settle(20);
    expect(wrapper.find('[data-testid="reports-period-why"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="reports-range"]').text()).toBe('2026-01-10 至 2026-01-20');

    // 自定义统计: the same choices.
    await wrapper.get('[data-testid="reports-page-crosstab"]').trigger('click');
    await settleImports();
    await settle(20);
    const run = () => wrapper.get('[data-testid="crosstab-run"]');
    await wrapper.get('[data-testid="crosstab-period"]').setValue('monthOf');
    await wrapper.get('[data-testid="crosstab-month"]').setValue('');
    await settle(5);
    expect(run().attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="crosstab-why"]').text()).toBe('请先选好统计时段（月份，或开始和结束日期）。');
    expect(wrapper.get('[data-testid="crosstab-period-why"]').text()).toBe('请选择月份。');
    await wrapper.get('[data-testid="crosstab-month"]').setValue('2025-12');
    await settle(5);
    await run().trigger('click');
    await settle(20);
    expect(wrapper.get('[data-testid="crosstab-range"]').text()).toBe('2025-12-01 至 2025-12-31');

    await wrapper.get('[data-testid="crosstab-period"]').setValue('custom');
    await wrapper.get('[data-testid="crosstab-from"]').setValue('2025-01-01');
    await wrapper.get('[data-testid="crosstab-to"]').setValue('2026-03-01');
    await settle(5);
    expect(wrapper.get('[data-testid="crosstab-period-why"]').text()).toBe('时段最长 400 天，请缩短一些。');
    expect(run().attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="crosstab-from"]').setValue('2025-11-15');
    await settle(5);
    await run().trigger('click');
    await settle(20);
    expect(wrapper.get('[data-testid="crosstab-range"]').text()).toBe('2025-11-15 至 2026-03-01');

    // Saved as a template with its range; another period picked; 使用 brings the range back.
    await wrapper.get('[data-testid="crosstab-name"]').setValue('冬季自定义');
    await wrapper.get('[data-testid="crosstab-save"]').trigger('click');
    await settle(20);
    await wrapper.get('[data-testid="crosstab-period"]').setValue('lastSeason');
    await settle(5);
    expect(wrapper.find('[data-testid="crosstab-from"]').exists()).toBe(false);
    const use = wrapper.findAll('.templates li button').find((b) => b.text() === '使用')!;
    await use.trigger('click');
    await settle(20);
    expect((wrapper.get('[data-testid="crosstab-period"]').element as HTMLSelectElement).value).toBe('custom');
    expect((wrapper.get('[data-testid="crosstab-from"]').element as HTMLInputElement).value).toBe('2025-11-15');
    expect((wrapper.get('[data-testid="crosstab-to"]').element as HTMLInputElement).value).toBe('2026-03-01');
    expect(wrapper.get('[data-testid="crosstab-range"]').text()).toBe('2025-11-15 至 2026-03-01');
    wrapper.unmount();
  }, 60_000);
});
