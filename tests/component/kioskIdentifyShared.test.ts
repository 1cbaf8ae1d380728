import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { cardCheckChar, cardQrPayload } from '../../db/residents/cards.js';
import { ok, tempApi } from '../helpers/tempDb.js';
import { mountAt, settleImports as settle } from '../helpers/mountScreen.js';

/**
 * KioskIdentify's task 'identify' serves the other kiosk services: here 我要反映 (RequestFlow), the
 * way a person does it. The proof is checked by the host before the flow goes on, so a wrong birth
 * year is refused at the proof step, not after the call-back number.
 */
const CONSENT = { version: '2026-1', accepted: true };
const resident = {
  name: '张建国',
  phone: '13900001234',
  birthYear: 1956,
  originProvince: '黑龙江省',
  originCity: '伊春市',
  lodgingKind: 'rental',
  lodgingAddress: '阳光小区 3 栋 501',
};

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});
async function open(api: ReturnType<typeof tempApi>['api'], path: string) {
  const m = await mountAt(api, path);
  mounted = m.wrapper;
  await settle();
  return m;
}
const tap = async (w: VueWrapper, selector: string) => {
  await w.get(selector).trigger('click');
  await settle();
};
async function typeOnPad(w: VueWrapper, digits: string) {
  for (const d of digits) await w.get(`[data-testid="digit-pad"] [data-key="${d}"]`).trigger('click');
  await settle();
}
function scan(payload: string) {
  for (const key of [...payload, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
}
async function toIdentify(w: VueWrapper) {
  await tap(w, '[data-category]');
  await tap(w, '[data-phrase]');
  await tap(w, '[data-testid="request-next"]');
  expect(w.get('[data-testid="request-flow"]').attributes('data-step')).toBe('identify');
  expect(w.find('[data-testid="kiosk-identify"]').exists()).toBe(true);
}
const requestCount = (db: ReturnType<typeof tempApi>['db']) => (db.prepare('SELECT COUNT(*) AS n FROM requests').get() as { n: number }).n;

describe("我要反映 identifies through KioskIdentify (task 'identify')", () => {
  it('phone → 是我 → a wrong birth year is refused at the proof; the right one goes on to the call-back number', async () => {
    const { api, db } = tempApi();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident });
    const { wrapper } = await open(api, '/kiosk/request');
    await toIdentify(wrapper);
    await typeOnPad(wrapper, '13900001234');
    await tap(wrapper, '[data-testid="phone-next"]');
    expect(wrapper.get('[data-testid="masked-name"]').text()).toBe('张*国');
    await tap(wrapper, '[data-testid="yes-me"]');
    await typeOnPad(wrapper, '1957');
    await tap(wrapper, '[data-testid="proof-next"]');
    expect(wrapper.get('[data-testid="error-notice"]').text()).toContain('出生年份不对');
    expect(wrapper.get('[data-testid="request-flow"]').attributes('data-step')).toBe('identify');
    expect((wrapper.get('[data-testid="birth-year-input"]').element as HTMLInputElement).value).toBe('');

    await typeOnPad(wrapper, '1956');
    await tap(wrapper, '[data-testid="proof-next"]');
    expect(wrapper.get('[data-testid="request-flow"]').attributes('data-step')).toBe('callback');
    expect(wrapper.get('[data-testid="request-who"]').text()).toBe('张*国');
    expect(requestCount(db)).toBe(0);
    await tap(wrapper, '[data-testid="submit-no-phone"]');
    expect(wrapper.find('[data-testid="request-done"]').exists()).toBe(true);
    expect(requestCount(db)).toBe(1);
  });

  it('a card scan goes straight on; an unknown card says so and offers 第一次来登记, staying on the step', async () => {
    const { api } = tempApi();
    const reg = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident });
    const { wrapper, router } = await open(api, '/kiosk/request');
    await toIdentify(wrapper);
    // A well-formed card that nobody holds.
    const unknown = reg.cardNo.replace(/\s/g, '').startsWith('2222222') ? '3333333' : '2222222';
    scan(cardQrPayload(unknown + cardCheckChar(unknown)));
    await settle();
    expect(wrapper.get('[data-testid="request-flow"]').attributes('data-step')).toBe('identify');
    expect(wrapper.get('[data-testid="error-notice"]').text()).toContain('没有找到您的登记信息');
    expect(wrapper.find('[data-testid="first-time"]').exists()).toBe(true);
    // The flow's own 返回首页 only: KioskIdentify adds none in this task.
    expect(wrapper.findAll('[data-testid="home"]').length).toBe(1);
    // 第一次来登记 would leave the description behind: it asks first, and 继续填写 keeps everything.
    await tap(wrapper, '[data-testid="first-time"]');
    expect(wrapper.get('[data-testid="first-time-confirm"]').text()).toContain('不会保留');
    expect(router.currentRoute.value.name).toBe('kiosk-request');
    await tap(wrapper, '[data-testid="first-time-stay"]');
    expect(wrapper.find('[data-testid="first-time-confirm"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="request-flow"]').attributes('data-step')).toBe('identify');

    scan(reg.qrPayload);
    await settle();
    expect(wrapper.get('[data-testid="request-flow"]').attributes('data-step')).toBe('callback');
    expect(wrapper.get('[data-testid="request-who"]').text()).toBe('张*国');
  });

  it('第一次来登记 after an unknown number: asked, then 不要了，去登记 opens the registration', async () => {
    const { api } = tempApi();
    const { wrapper, router } = await open(api, '/kiosk/request');
    await toIdentify(wrapper);
    await typeOnPad(wrapper, '13900009999');
    await tap(wrapper, '[data-testid="phone-next"]');
    expect(wrapper.get('[data-testid="error-notice"]').text()).toContain('没有找到您的登记信息');
    await tap(wrapper, '[data-testid="first-time"]');
    await tap(wrapper, '[data-testid="first-time-go"]');
    expect(router.currentRoute.value.name).toBe('kiosk-register');
  });
});

describe("活动报名 identifies through KioskIdentify (task 'identify')", () => {
  it('我的报名 without the card: phone → 是我 → birth year on the list shows the own sign-ups; 返回 closes the panel', async () => {
    const { api } = tempApi();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident });
    const { wrapper } = await open(api, '/kiosk/activities');
    await tap(wrapper, '[data-testid="mine-by-phone"]');
    expect(wrapper.find('[data-testid="mine-identify"] [data-testid="kiosk-identify"]').exists()).toBe(true);
    await tap(wrapper, '[data-testid="mine-identify-cancel"]');
    expect(wrapper.find('[data-testid="mine-identify"]').exists()).toBe(false);

    await tap(wrapper, '[data-testid="mine-by-phone"]');
    await typeOnPad(wrapper, '13900001234');
    await tap(wrapper, '[data-testid="phone-next"]');
    expect(wrapper.get('[data-testid="masked-name"]').text()).toBe('张*国');
    await tap(wrapper, '[data-testid="yes-me"]');
    await typeOnPad(wrapper, '1957');
    await tap(wrapper, '[data-testid="proof-next"]');
    expect(wrapper.get('[data-testid="error-notice"]').text()).toContain('出生年份不对');
    expect(wrapper.find('[data-testid="my-signups"]').exists()).toBe(false);
    await typeOnPad(wrapper, '1956');
    await tap(wrapper, '[data-testid="proof-next"]');
    expect(wrapper.get('[data-testid="my-signups"]').text()).toContain('张*国');
  });

  it('a card scanned on the list (the page’s own scan) and one scanned into the open panel both show the sign-ups', async () => {
    const { api } = tempApi();
    const reg = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident });
    const { wrapper } = await open(api, '/kiosk/activities');
    scan(reg.qrPayload);
    await settle();
    expect(wrapper.get('[data-testid="my-signups"]').text()).toContain('张*国');
    await tap(wrapper, '[data-testid="mine-back"]');
    await tap(wrapper, '[data-testid="mine-by-phone"]');
    scan(reg.qrPayload);
    await settle();
    expect(wrapper.get('[data-testid="my-signups"]').text()).toContain('张*国');
  });
});
