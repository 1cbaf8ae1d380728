import { afterEach, describe, expect, it } from 'vitest';
import { BRIDGE_KEY } from '../../db/api/contract/bridge.js';
import { tempApi } from '../helpers/tempDb.js';
import { mountAt, settle } from '../helpers/mountScreen.js';

/**
 * The hall TV in the desktop app: the preload's bridge is on window, and the window may play sound
 * without a gesture (electron/windows.ts), so the "开启语音" cover never shows — nobody taps a TV.
 */
describe('the calling display in the desktop app', () => {
  afterEach(() => {
    delete (window as unknown as Record<string, unknown>)[BRIDGE_KEY];
  });

  it('starts with sound on, without the one-time tap, when the Electron bridge is present', async () => {
    const { api } = tempApi();
    (window as unknown as Record<string, unknown>)[BRIDGE_KEY] = { call: () => Promise.reject(new Error('unused')), onEvent: () => () => {} };
    const { wrapper } = await mountAt(api, '/display');
    await settle();
    expect(wrapper.find('[data-testid="display"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="display-unlock"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('still offers the tap in a browser (no bridge), where Chromium mutes sound until a gesture', async () => {
    const { api } = tempApi();
    const { wrapper } = await mountAt(api, '/display');
    await settle();
    expect(wrapper.find('[data-testid="display-unlock"]').exists()).toBe(true);
    wrapper.unmount();
  });
});
