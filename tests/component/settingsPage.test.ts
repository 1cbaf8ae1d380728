import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { useStaffSessionStore } from '../../renderer/stores/staffSession.js';
import { ok, tempApi } from '../helpers/tempDb.js';
import { mountAt } from '../helpers/mountScreen.js';

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await flushPromises();
}

describe('the staff settings page', () => {
  it('saves the center name through the API and shows each bad field under its input in Chinese', async () => {
    const { api } = tempApi();
    const { wrapper } = await mountAt(api, '/staff/settings');
    await settle();
    // First run: the PIN gate asks for the manager's name and PIN.
    await wrapper.find('[data-testid="setup-name"]').setValue('王站长');
    await wrapper.find('[data-testid="pin-input"]').setValue('135790');
    await wrapper.find('[data-testid="pin-again"]').setValue('135790');
    await wrapper.find('[data-testid="pin-gate"]').trigger('submit');
    await settle();
    expect(useStaffSessionStore().staff?.name).toBe('王站长');
    await settle();

    await wrapper.find('[data-testid="setting-center-name"]').setValue('莆田市荔城区党群服务中心');
    await wrapper.find('[data-testid="setting-hotline"]').setValue('12');
    await wrapper.find('form.settings').trigger('submit');
    await settle();
    expect(wrapper.find('.field-error').text()).toBe('服务热线应为 5 到 20 位数字（可含 - 和空格），请重新输入。');
    expect((await ok(api, 'settings.public'))['center.name']).toBe('候鸟驿站服务中心');

    await wrapper.find('[data-testid="setting-hotline"]').setValue('0594-000 1234');
    await wrapper.find('form.settings').trigger('submit');
    await settle();
    expect(wrapper.find('[data-testid="settings-saved"]').exists()).toBe(true);
    expect((await ok(api, 'settings.public'))['center.name']).toBe('莆田市荔城区党群服务中心');
    wrapper.unmount();
  });
});

describe('terminal settings', () => {
  it('lets the manager choose which windows this computer opens and turn on LAN sharing', async () => {
    const { api } = tempApi();
    const token = (await ok(api, 'staff.setup', { name: '王站长', pin: '135790' })).token;
    const { wrapper } = await mountAt(api, '/staff/settings');
    await settle();
    // Sign in through the gate (the session is per tab).
    await wrapper.find('[data-testid="pin-input"]').setValue('135790');
    await wrapper.find('[data-testid="pin-gate"]').trigger('submit');
    await settle();
    await wrapper.find('[data-testid="setting-window-display"]').setValue(true);
    await wrapper.find('[data-testid="setting-lan"]').setValue(true);
    await settle();
    await wrapper.find('[data-testid="setting-lan-port"]').setValue(9000);
    await wrapper.find('form.settings').trigger('submit');
    await settle();
    const all = await ok(api, 'settings.all', {}, token);
    expect(all['terminal.windows']).toEqual(['kiosk', 'display']);
    expect(all['lan.enabled']).toBe(true);
    expect(all['lan.port']).toBe(9000);

    // Unticking every window is refused with a message, and nothing changes.
    for (const kind of ['kiosk', 'display']) await wrapper.find(`[data-testid="setting-window-${kind}"]`).setValue(false);
    await wrapper.find('form.settings').trigger('submit');
    await settle();
    expect(wrapper.find('.field-error').text()).toBe('请至少选择一个要打开的窗口。');
    expect((await ok(api, 'settings.all', {}, token))['terminal.windows']).toEqual(['kiosk', 'display']);
    wrapper.unmount();
  });
});
