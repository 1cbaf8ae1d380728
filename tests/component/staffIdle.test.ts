import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSettingsStore } from '../../renderer/stores/settings.js';
import { useStaffSessionStore } from '../../renderer/stores/staffSession.js';
import { adminToken, ok, tempApi } from '../helpers/tempDb.js';
import { mountSignedIn, settleImports as settle } from '../helpers/mountScreen.js';

beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] }));
afterEach(() => vi.useRealTimers());

describe('the staff console left alone', () => {
  it('warns for the last 30 seconds, then signs out after the minutes the manager set; a touch starts the count again', async () => {
    const { api } = tempApi();
    const token = await adminToken(api);
    await ok(api, 'settings.update', { values: { 'staff.idleMinutes': 2 } }, token);
    const { wrapper } = await mountSignedIn(api, '/staff/residents');
    await useSettingsStore().load();
    await settle();
    const signedInToken = useStaffSessionStore().session?.token;
    expect(signedInToken).toBeTruthy();

    // Someone works for a while: each touch restarts the two minutes.
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(100_000);
      window.dispatchEvent(new Event('pointerdown'));
    }
    await vi.advanceTimersByTimeAsync(80_000);
    await settle();
    expect(wrapper.find('[data-testid="staff-idle-warning"]').exists()).toBe(false);
    await vi.advanceTimersByTimeAsync(15_000);
    await settle();
    expect(wrapper.find('[data-testid="staff-idle-warning"]').text()).toContain('秒后将自动退出登录');

    await vi.advanceTimersByTimeAsync(30_000);
    await settle();
    expect(useStaffSessionStore().staff).toBeNull();
    expect(wrapper.find('[data-testid="pin-gate"]').exists()).toBe(true);
    // The host closed the session too: the old token no longer works.
    expect(await api.call('residents.today', {}, { token: signedInToken })).toMatchObject({ ok: false });
    wrapper.unmount();
  });

  it('never signs out when set to 0, and refuses a negative time with a Chinese message', async () => {
    const { api } = tempApi();
    const token = await adminToken(api);
    await ok(api, 'settings.update', { values: { 'staff.idleMinutes': 0 } }, token);
    const bad = await api.call('settings.update', { values: { 'staff.idleMinutes': -5 } }, { token });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toContain('0 到 240 分钟');
    const { wrapper } = await mountSignedIn(api, '/staff/residents');
    await useSettingsStore().load();
    await settle();
    await vi.advanceTimersByTimeAsync(5 * 60 * 60 * 1000);
    await settle();
    expect(useStaffSessionStore().staff?.name).toBeTruthy();
    wrapper.unmount();
  });
});
