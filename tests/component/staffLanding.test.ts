import { describe, expect, it } from 'vitest';
import { adminToken, ok, tempApi } from '../helpers/tempDb.js';
import { mountAt, settle, settleImports } from '../helpers/mountScreen.js';

/** Issue 15 point 1: the dashboard is the manager's home; staff still open on 今日概况. */
describe('where the staff console opens after sign-in', () => {
  it('a manager lands on 统计报表 with today’s cards on top; after sign-out a clerk lands on 今日概况', async () => {
    const { api } = tempApi();
    const admin = await adminToken(api);
    const clerk = await ok(api, 'staff.create', { name: '李晓梅', pin: '2468', role: 'staff' }, admin);
    await ok(api, 'staff.logout', {}, admin);

    const { wrapper, router } = await mountAt(api, '/staff');
    await settle();
    expect(wrapper.find('[data-testid="pin-gate"]').exists()).toBe(true);
    await wrapper.get('[data-testid="pin-input"]').setValue('135790');
    await wrapper.get('[data-testid="pin-gate"]').trigger('submit');
    await settleImports();
    await settle(20);
    expect(router.currentRoute.value.name).toBe('staff-reports');
    // The season's figures, and today's cards visible on the same screen (not a tap away).
    expect(wrapper.find('[data-testid="reports-page"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="reports-range"]').text()).toMatch(/ 至 /);
    const today = wrapper.get('[data-testid="dashboard"]');
    expect(today.findAll('.card').length).toBeGreaterThanOrEqual(6);
    expect(wrapper.get('[data-testid="nav-staff-reports"]').classes()).toContain('router-link-active');

    // Sign out on 统计报表: the next person starts from their own home.
    await wrapper.get('[data-testid="logout"]').trigger('click');
    await settleImports();
    await settle(20);
    expect(wrapper.find('[data-testid="pin-gate"]').exists()).toBe(true);
    await wrapper.get(`[data-testid="account-${clerk.id}"]`).trigger('click');
    await wrapper.get('[data-testid="pin-input"]').setValue('2468');
    await wrapper.get('[data-testid="pin-gate"]').trigger('submit');
    await settleImports();
    await settle(20);
    expect(router.currentRoute.value.name).toBe('staff-dashboard');
    expect(wrapper.find('[data-testid="dashboard"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="reports-page"]').exists()).toBe(false);
    // A clerk may still open 统计报表, without the manager's extras on top.
    await router.push({ name: 'staff-reports' });
    await settleImports();
    await settle(20);
    expect(wrapper.find('[data-testid="reports-page"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="dashboard"]').exists()).toBe(false);

    // A deep link is kept: a manager signing in at /staff/residents stays there.
    await wrapper.get('[data-testid="logout"]').trigger('click');
    await settle(20);
    wrapper.unmount();
    const again = await mountAt(api, '/staff/residents');
    await settle();
    await again.wrapper.get('[data-testid="account-1"]').trigger('click');
    await again.wrapper.get('[data-testid="pin-input"]').setValue('135790');
    await again.wrapper.get('[data-testid="pin-gate"]').trigger('submit');
    await settleImports();
    await settle(20);
    expect(again.router.currentRoute.value.name).toBe('staff-residents');
    again.wrapper.unmount();
  }, 60_000);
});
