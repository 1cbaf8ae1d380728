import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useKioskSessionStore } from '../../renderer/stores/kioskSession.js';
import { useSettingsStore } from '../../renderer/stores/settings.js';
import { tempApi } from '../helpers/tempDb.js';
import { mountAt, settleImports as settle } from '../helpers/mountScreen.js';

beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => vi.useRealTimers());

describe('KioskLayout idle reset', () => {
  it('warns in the last ten seconds, then clears every half-filled form and goes home in Chinese', async () => {
    const { api } = tempApi();
    const { wrapper, router, i18n } = await mountAt(api, '/kiosk/desk/ticket');
    await useSettingsStore().load();
    await settle();
    const cleared = vi.fn();
    useKioskSessionStore().register(cleared);
    i18n.global.locale.value = 'en';

    await vi.advanceTimersByTimeAsync(49_000);
    expect(wrapper.find('[data-testid="idle-warning"]').exists()).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(wrapper.find('[data-testid="idle-warning"]').text()).toContain('9 seconds');
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    expect(cleared).toHaveBeenCalledOnce();
    expect(router.currentRoute.value.name).toBe('kiosk-home');
    expect(i18n.global.locale.value).toBe('zh-CN');
    wrapper.unmount();
  });

  it('starts counting again whenever the screen is touched', async () => {
    const { api } = tempApi();
    const { wrapper, router } = await mountAt(api, '/kiosk/desk/card');
    await useSettingsStore().load();
    await settle();
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(40_000);
      window.dispatchEvent(new Event('pointerdown'));
    }
    expect(router.currentRoute.value.name).toBe('kiosk-ask-desk');
    wrapper.unmount();
  });

  it('uses the idle time the manager set', async () => {
    const { api, db } = tempApi();
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('kiosk.idleSeconds', '20', 'x')").run();
    const { wrapper, router } = await mountAt(api, '/kiosk/desk/checkin');
    await useSettingsStore().load();
    await settle();
    await vi.advanceTimersByTimeAsync(21_000);
    await settle();
    expect(router.currentRoute.value.name).toBe('kiosk-home');
    wrapper.unmount();
  });
});
