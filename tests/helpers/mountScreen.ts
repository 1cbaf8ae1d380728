import { flushPromises, mount } from '@vue/test-utils';
import { vi } from 'vitest';
import { createPinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { createApiClient } from '../../renderer/api/client.js';
import { apiKey } from '../../renderer/api/index.js';
import { createAppI18n } from '../../renderer/i18n/index.js';
import { createAppRouter } from '../../renderer/router.js';
import type { Api } from '../../db/api/api.js';
import { inProcessTransport } from './inProcessTransport.js';

/** Mounts the real app shell (router, Pinia, i18n) at `path`, talking to a real API in-process. */
export async function mountAt(api: Api, path: string) {
  const router = createAppRouter(createMemoryHistory());
  const client = createApiClient(inProcessTransport(api));
  const i18n = createAppI18n();
  const Root = defineComponent({ render: () => h(RouterView) });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(Root, { global: { plugins: [createPinia(), i18n, router], provide: { [apiKey as symbol]: client } }, attachTo: document.body });
  return { wrapper, router, client, i18n };
}

/** Lets queued promises and lazy route components settle. */
export async function settle(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) await flushPromises();
}

/** `settle` for tests on fake timers: also waits for lazy route imports, which fake time does not move. */
export async function settleImports(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await flushPromises();
    await vi.dynamicImportSettled();
  }
}

/**
 * `mountAt` on a staff page, signed in through the real PIN gate as the manager whose PIN was set
 * up (`adminToken` in tempDb.ts uses the same default PIN; the session is per tab).
 */
export async function mountSignedIn(api: Api, path: string, pin = '135790') {
  const mounted = await mountAt(api, path);
  await settle();
  await mounted.wrapper.find('[data-testid="pin-input"]').setValue(pin);
  await mounted.wrapper.find('[data-testid="pin-gate"]').trigger('submit');
  await settle();
  return mounted;
}
