import { describe, expect, it } from 'vitest';
import { useStaffSessionStore } from '../../renderer/stores/staffSession.js';
import { adminToken, ok, tempApi } from '../helpers/tempDb.js';
import { mountAt, mountSignedIn, settle } from '../helpers/mountScreen.js';

/** A manager who set up the PIN already, signed in on the settings page. */
async function signedIn() {
  const { api } = tempApi();
  const token = await adminToken(api);
  const { wrapper } = await mountSignedIn(api, '/staff/settings');
  return { api, token, wrapper };
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

describe('while the saved settings load', () => {
  it('keeps the fields locked, so nothing typed is overwritten by the values arriving', async () => {
    const { api } = tempApi();
    await adminToken(api);
    // The same API, with settings.all held back until the test lets it through.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow = Object.create(api) as typeof api;
    slow.call = async (operation, input, options) => {
      if (operation === 'settings.all') await held;
      return api.call(operation, input, options);
    };
    const { wrapper } = await mountSignedIn(slow, '/staff/settings');
    const name = wrapper.find<HTMLInputElement>('[data-testid="setting-center-name"]');
    expect(wrapper.find('[data-testid="settings-loading"]').text()).toBe('正在加载…');
    expect(name.element.closest('fieldset')?.disabled).toBe(true);
    expect(wrapper.find<HTMLButtonElement>('[data-testid="settings-save"]').element.disabled).toBe(true);

    release();
    await settle();
    expect(wrapper.find('[data-testid="settings-loading"]').exists()).toBe(false);
    expect(name.element.closest('fieldset')?.disabled).toBe(false);
    expect(name.element.value).toBe('候鸟驿站服务中心');
    wrapper.unmount();
  });
});

describe('terminal settings', () => {
  it('lets the manager choose which windows this computer opens and turn on LAN sharing', async () => {
    const { api, token, wrapper } = await signedIn();
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

describe('resident data settings', () => {
  async function pickFile(wrapper: Awaited<ReturnType<typeof signedIn>>['wrapper'], file: File) {
    const input = wrapper.find('[data-testid="setting-contact-qr"]');
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    await new Promise((r) => setTimeout(r, 50)); // FileReader
    await settle();
  }

  it('uploads the center’s contact QR for the service card, refuses a wrong file, and removes it', async () => {
    const { api, token, wrapper } = await signedIn();
    await pickFile(wrapper, new File(['not an image'], 'notes.txt', { type: 'text/plain' }));
    expect(wrapper.find('.field-error').text()).toBe('请选择不超过 300 KB 的 PNG 或 JPG 图片。');

    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    await pickFile(wrapper, new File([png], 'wechat.png', { type: 'image/png' }));
    expect(wrapper.find('.field-error').exists()).toBe(false);
    expect(wrapper.find('[data-testid="setting-contact-qr-preview"]').attributes('src')).toMatch(/^data:image\/png;base64,iVBOR/);
    await wrapper.find('form.settings').trigger('submit');
    await settle();
    expect((await ok(api, 'settings.all', {}, token))['center.contactQr']).toMatch(/^data:image\/png;base64,iVBOR/);

    await wrapper.find('[data-testid="setting-contact-qr-remove"]').trigger('click');
    await wrapper.find('form.settings').trigger('submit');
    await settle();
    expect((await ok(api, 'settings.all', {}, token))['center.contactQr']).toBe('');
    wrapper.unmount();
  });

  it('sets how long personal data is kept, refusing a period out of range, and runs the job on demand', async () => {
    const { api, token, wrapper } = await signedIn();
    await wrapper.find('[data-testid="setting-retention"]').setValue(3);
    await wrapper.find('form.settings').trigger('submit');
    await settle();
    expect(wrapper.find('.field-error').text()).toBe('保存期限应在 6 到 120 个月之间。');
    expect((await ok(api, 'settings.all', {}, token))['residents.retentionMonths']).toBe(24);

    await wrapper.find('[data-testid="setting-retention"]').setValue(36);
    await wrapper.find('form.settings').trigger('submit');
    await settle();
    expect((await ok(api, 'settings.all', {}, token))['residents.retentionMonths']).toBe(36);

    await wrapper.find('[data-testid="retention-run"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="retention-done"]').text()).toBe('已完成，本次清除了 0 位居民的个人信息。');
    wrapper.unmount();
  });
});
