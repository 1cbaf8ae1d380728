import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../renderer/i18n/index.js';
import { localName } from '../../renderer/composables/useLocalName.js';
import { formatLocalDay, formatLocalTime } from '../../renderer/screens/kiosk/residents/format.js';
import { originLabel } from '../../db/residents/regionsEn.js';
import { adminToken, ok, tempApi } from '../helpers/tempDb.js';
import { mountAt } from '../helpers/mountScreen.js';

/** English mode's words: plurals, "Counter 1", configured English names, times (issue 12.22). */
async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await flushPromises();
}

describe('English plurals and counters', () => {
  const en = createAppI18n('en').global;
  const zh = createAppI18n('zh-CN').global;

  it('says "1 month" and "3 months", "1 day" and "5 days"; Chinese is unchanged', () => {
    expect(en.t('residents.register.months', { n: 1 }, 1)).toBe('1 month');
    expect(en.t('residents.register.months', { n: 3 }, 3)).toBe('3 months');
    expect(en.t('residents.staff.days', { n: 1 }, 1)).toBe('1 day');
    expect(en.t('residents.staff.days', { n: 5 }, 5)).toBe('5 days');
    expect(en.t('residents.checkout.days', { days: 1 }, 1)).toBe('You stayed 1 day.');
    expect(en.t('residents.staff.departedOpenCount', { n: 2 }, 2)).toBe('2 items');
    expect(zh.t('residents.register.months', { n: 1 }, 1)).toBe('1 个月');
    expect(zh.t('residents.register.months', { n: 3 }, 3)).toBe('3 个月');
  });

  it('names a counter "Counter 1" in English and 1号窗口 in Chinese', () => {
    expect(en.t('queue.display.counterNo', { n: 1 })).toBe('Counter 1');
    expect(zh.t('queue.display.counterNo', { n: 1 })).toBe('1号窗口');
  });

  it('labels with an ASCII colon in English', () => {
    expect(en.t('residents.register.provinceIs')).toBe('Province: ');
    expect(en.t('residents.card.numberIs')).toBe('Card number: ');
  });

  it('shows a configured English name only in English, and the Chinese name when there is none', () => {
    expect(localName('轮椅', 'Wheelchair', 'en')).toBe('Wheelchair');
    expect(localName('轮椅', 'Wheelchair', 'zh-CN')).toBe('轮椅');
    expect(localName('轮椅', '', 'en')).toBe('轮椅');
  });

  it('writes times and places without Chinese in English', () => {
    // 2026-01-10 06:30 UTC is 14:30 in China.
    expect(formatLocalTime('2026-01-10T06:30:00Z', 'Asia/Shanghai', 'en')).toBe('10 January, 14:30');
    expect(formatLocalTime('2026-01-10T06:30:00Z', 'Asia/Shanghai')).toBe('1 月 10 日 下午 2:30');
    expect(formatLocalDay('2027-03-01', 'en')).toBe('1 March 2027');
    expect(originLabel('四川省 攀枝花市', 'en')).toBe('Panzhihua, Sichuan');
    expect(originLabel('北京市', 'en')).toBe('Beijing');
    expect(originLabel('四川省 攀枝花市', 'zh-CN')).toBe('四川省 攀枝花市');
  });
});

describe('the calling display in English', () => {
  it('calls "Counter 3" with the service\'s English name, and 3号窗口 with the Chinese one in Chinese', async () => {
    const { api } = tempApi();
    const token = await adminToken(api);
    const a = await ok(api, 'queue.saveService', { name: '政务代办', nameEn: 'Government errands', prefix: 'A', opensAt: '00:00', closesAt: '24:00' }, token);
    expect(a.nameEn).toBe('Government errands');
    const counter = await ok(api, 'queue.saveCounter', { number: 3, name: '3号窗口', serviceIds: [a.id] }, token);
    await ok(api, 'queue.take', { serviceId: a.id });
    await ok(api, 'queue.callNext', { counterId: counter.id }, token);
    const { wrapper, i18n } = await mountAt(api, '/display');
    await settle();
    expect(wrapper.get('[data-testid="display-current-counter"]').text()).toBe('3号窗口');
    expect(wrapper.text()).toContain('政务代办');
    i18n.global.locale.value = 'en';
    await settle();
    expect(wrapper.get('[data-testid="display-current-counter"]').text()).toBe('Counter 3');
    expect(wrapper.text()).toContain('Government errands');
    expect(wrapper.text()).not.toContain('政务代办');
    wrapper.unmount();
  });

  it('keeps the English name of a loan category through a change that does not mention it', async () => {
    const { api } = tempApi();
    const token = await adminToken(api);
    const c = await ok(api, 'inventory.createCategory', { name: '轮椅', nameEn: 'Wheelchair', kind: 'equipment', tagPrefix: 'LY' }, token);
    expect(c.nameEn).toBe('Wheelchair');
    await ok(api, 'inventory.updateCategory', { id: c.id, name: '轮椅', tagPrefix: 'LY', depositFen: 100 }, token);
    const [listed] = await ok(api, 'inventory.categories', {}, token);
    expect(listed.nameEn).toBe('Wheelchair');
    const [kiosk] = await ok(api, 'inventory.available', {});
    expect(kiosk.nameEn).toBe('Wheelchair');
  });
});
