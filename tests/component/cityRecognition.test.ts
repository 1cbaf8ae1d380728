import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../renderer/api/client.js';
import { apiKey } from '../../renderer/api/index.js';
import type { Transport } from '../../renderer/api/transport.js';
import { createAppI18n } from '../../renderer/i18n/index.js';
import CityRecognition from '../../renderer/screens/staff/residents/CityRecognition.vue';
import { adminToken, tempApi } from '../helpers/tempDb.js';
import { mountSignedIn, settle } from '../helpers/mountScreen.js';

/**
 * 本市其他站点曾登记（N 个季度） on the staff profile (issue 16 point 4). A stand-in API answers
 * sync.recognise as the host would (a count, or null when the city cannot be asked), and records
 * what it was asked.
 */
function standIn(answer: (residentId: number) => Promise<{ seasons: number | null }>) {
  const asked: Array<{ operation: string; input: unknown }> = [];
  const transport: Transport = {
    kind: 'ipc',
    async call(operation, input) {
      asked.push({ operation, input });
      if (operation !== 'sync.recognise') throw new Error(`unexpected ${operation}`);
      return { ok: true, data: await answer((input as { residentId: number }).residentId) } as never;
    },
    onEvent: () => () => {},
    onReconnect: () => () => {},
  };
  return { client: createApiClient(transport), asked };
}

function mountWith(client: ReturnType<typeof createApiClient>, residentId: number, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const i18n = createAppI18n();
  i18n.global.locale.value = locale;
  return mount(CityRecognition, { props: { residentId }, global: { plugins: [i18n], provide: { [apiKey as symbol]: client } } });
}

describe('CityRecognition', () => {
  it('shows the line for 2 seasons, in Chinese and in English', async () => {
    const { client, asked } = standIn(async () => ({ seasons: 2 }));
    const wrapper = mountWith(client, 7);
    await flushPromises();
    expect(asked).toEqual([{ operation: 'sync.recognise', input: { residentId: 7 } }]);
    expect(wrapper.get('[data-testid="city-recognition"]').text()).toBe('本市其他站点曾登记（2 个季度）');
    wrapper.unmount();
    const en = mountWith(client, 7, 'en');
    await flushPromises();
    expect(en.get('[data-testid="city-recognition"]').text()).toBe('Also registered at other centers in this city (2 seasons)');
    en.unmount();
  });

  it('shows nothing for null (not enrolled, city unreachable), for 0, or when the call fails', async () => {
    for (const answer of [async () => ({ seasons: null }), async () => ({ seasons: 0 }), async () => Promise.reject(new Error('offline'))]) {
      const { client, asked } = standIn(answer);
      const wrapper = mountWith(client, 3);
      await flushPromises();
      expect(asked).toHaveLength(1);
      expect(wrapper.find('[data-testid="city-recognition"]').exists()).toBe(false);
      expect(wrapper.text()).toBe('');
      wrapper.unmount();
    }
  });

  it('waits for nobody: nothing until the answer comes, then the line; a late answer for another resident is dropped', async () => {
    const pending = new Map<number, (v: { seasons: number | null }) => void>();
    const { client } = standIn((id) => new Promise((resolve) => pending.set(id, resolve)));
    const wrapper = mountWith(client, 1);
    await flushPromises();
    expect(wrapper.find('[data-testid="city-recognition"]').exists()).toBe(false);
    await wrapper.setProps({ residentId: 2 });
    pending.get(1)!({ seasons: 5 });
    await flushPromises();
    expect(wrapper.find('[data-testid="city-recognition"]').exists()).toBe(false);
    pending.get(2)!({ seasons: 1 });
    await flushPromises();
    expect(wrapper.get('[data-testid="city-recognition"]').text()).toBe('本市其他站点曾登记（1 个季度）');
    wrapper.unmount();
  });

  it('on the real profile page of a center that is not enrolled: the profile shows and the line does not', async () => {
    const { api } = tempApi();
    await adminToken(api);
    await api.call('residents.kiosk.register', {
      consent: { version: '2026-1', accepted: true },
      resident: { name: '王秀兰', phone: '13900002222', birthYear: 1956, originProvince: '黑龙江省', originCity: '伊春市', lodgingKind: 'other' },
    });
    const { wrapper } = await mountSignedIn(api, '/staff/residents/1');
    await settle();
    expect(wrapper.get('[data-testid="resident-profile"]').text()).toContain('王秀兰');
    expect(wrapper.find('[data-testid="city-recognition"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
