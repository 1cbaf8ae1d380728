import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { monthsFromNow } from '../../renderer/screens/kiosk/residents/format.js';
import { useSettingsStore } from '../../renderer/stores/settings.js';
import { adminToken, ok, tempApi } from '../helpers/tempDb.js';
import { mountAt, settleImports as settle } from '../helpers/mountScreen.js';

/**
 * Issue 11.5 and 12.1–12.5 on the kiosk screens, the way a person does it: taps on the digit pad,
 * a scanner's fast keystrokes, 确认离开, 撤销, 返回首页.
 */
const CONSENT = { version: '2026-1', accepted: true };
const resident = (over: Record<string, unknown> = {}) => ({
  name: '张建国',
  phone: '13900001234',
  birthYear: 1956,
  originProvince: '黑龙江省',
  originCity: '伊春市',
  lodgingKind: 'rental',
  lodgingAddress: '阳光小区 3 栋 501',
  ...over,
});

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  vi.useRealTimers();
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
  // A scanner is a keyboard typing fast and ending with Enter.
  for (const key of [...payload, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
}
const openStays = (db: ReturnType<typeof tempApi>['db']) => (db.prepare('SELECT COUNT(*) AS n FROM stays WHERE departed_at IS NULL').get() as { n: number }).n;

describe('kiosk: a phone number needs the birth year (issue 11.5)', () => {
  it('asks for the birth year on the digit pad after 是我; a wrong year is refused with a message, the right one checks in', async () => {
    const { api, db } = tempApi();
    const reg = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: resident() });
    await ok(api, 'residents.kiosk.checkOut', { card: reg.qrPayload });
    const { wrapper } = await open(api, '/kiosk/checkin');
    await typeOnPad(wrapper, '13900001234');
    await tap(wrapper, '[data-testid="phone-next"]');
    expect(wrapper.get('[data-testid="masked-name"]').text()).toBe('张*国');
    await tap(wrapper, '[data-testid="yes-me"]');
    expect(wrapper.get('[data-testid="proof"]').text()).toContain('请输入您的出生年份');
    // Nothing about the person beyond the masked name is on the screen yet.
    for (const secret of ['伊春', '阳光小区', reg.cardNo]) expect(wrapper.text()).not.toContain(secret);
    expect(openStays(db)).toBe(0);

    await tap(wrapper, '[data-testid="proof-next"]'); // pale: nothing typed
    expect(wrapper.get('[data-testid="field-problem"]').text()).toContain('4 位出生年份');
    await typeOnPad(wrapper, '1957');
    await tap(wrapper, '[data-testid="proof-next"]');
    expect(wrapper.get('[data-testid="error-notice"]').text()).toContain('出生年份不对');
    expect((wrapper.get('[data-testid="birth-year-input"]').element as HTMLInputElement).value).toBe('');
    expect(openStays(db)).toBe(0);

    await typeOnPad(wrapper, '1956');
    await tap(wrapper, '[data-testid="proof-next"]');
    expect(wrapper.get('[data-testid="checkin-done"]').text()).toContain('张*国');
    expect(openStays(db)).toBe(1);
  });
});

describe('kiosk: 离开登记 asks first, shows what is still borrowed, and can be undone (issues 12.1, 12.2)', () => {
  async function withWheelchair() {
    const t = tempApi();
    const token = await adminToken(t.api);
    const reg = await ok(t.api, 'residents.kiosk.register', { consent: CONSENT, resident: resident() });
    const [hit] = await ok(t.api, 'residents.search', { q: '张建国' }, token);
    const cat = await ok(t.api, 'inventory.createCategory', { name: '轮椅', kind: 'equipment', tagPrefix: 'LY', loanMinutes: 1440, depositFen: 20000 }, token);
    await ok(t.api, 'inventory.addUnits', { categoryId: cat.id, count: 1, printLabels: false }, token);
    await ok(t.api, 'loans.checkout', { residentId: hit.id, unitCode: 'LY-0001', depositFen: 20000, depositMethod: 'cash', print: false }, token);
    return { ...t, reg, token };
  }

  it('a card scan shows the open wheelchair and one big 确认离开; nothing closes until it is tapped', async () => {
    const { api, db, reg, token } = await withWheelchair();
    const { wrapper } = await open(api, '/kiosk/checkout');
    scan(reg.qrPayload);
    await settle();
    const confirm = wrapper.get('[data-testid="confirm-leave"]');
    expect(confirm.get('[data-testid="open-items"]').text()).toBe('您还有 轮椅 LY-0001 未归还，请到服务台归还并退押金（¥200.00）。');
    expect(openStays(db)).toBe(1); // the scan alone closed nothing
    await tap(wrapper, '[data-testid="confirm-checkout"]');
    expect(openStays(db)).toBe(0);
    const done = wrapper.get('[data-testid="checkout-done"]');
    expect(done.get('[data-testid="open-items"]').text()).toContain('轮椅 LY-0001');
    expect(done.get('[data-testid="undo-checkout"]').text()).toMatch(/撤销离开登记（(30|29) 秒）/);
    // Staff see the departed borrower.
    expect(await ok(api, 'residents.departedOpenItems', {}, token)).toEqual([expect.objectContaining({ assetTag: 'LY-0001' })]);

    await tap(wrapper, '[data-testid="undo-checkout"]');
    expect(wrapper.get('[data-testid="checkout-undone"]').text()).toContain('已撤销离开登记');
    expect(openStays(db)).toBe(1);
    expect(await ok(api, 'residents.departedOpenItems', {}, token)).toEqual([]);
  });

  it('by phone: birth year first, then 确认离开; the 撤销 button goes away after 30 s', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { api, db } = await withWheelchair();
    const { wrapper } = await open(api, '/kiosk/checkout');
    await typeOnPad(wrapper, '13900001234');
    await tap(wrapper, '[data-testid="phone-next"]');
    await tap(wrapper, '[data-testid="yes-me"]');
    await typeOnPad(wrapper, '1956');
    await tap(wrapper, '[data-testid="proof-next"]');
    expect(wrapper.get('[data-testid="open-items"]').text()).toContain('轮椅 LY-0001');
    await tap(wrapper, '[data-testid="confirm-checkout"]');
    expect(openStays(db)).toBe(0);
    expect(wrapper.find('[data-testid="undo-checkout"]').exists()).toBe(true);
    await vi.advanceTimersByTimeAsync(31_000);
    await settle();
    expect(wrapper.find('[data-testid="undo-checkout"]').exists()).toBe(false);
  });
});

describe('kiosk: after registering, 报到 says one thing and shows the stay length (issue 12.3)', () => {
  it('a scan right after registering says 您已经报到过了 (not 报到成功 too) and marks 3 个月', async () => {
    const { api } = tempApi();
    const reg = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: resident(), plannedDeparture: monthsFromNow(3) });
    const { wrapper } = await open(api, '/kiosk/checkin');
    scan(reg.qrPayload);
    await settle();
    const done = wrapper.get('[data-testid="checkin-done"]');
    expect(done.get('[data-testid="checkin-title"]').text()).toBe('您已经报到过了，欢迎您！');
    expect(done.text()).not.toContain('报到成功');
    expect(done.get('[data-months="3"]').classes()).toContain('on');
    expect(done.get('[data-months="3"]').attributes('aria-pressed')).toBe('true');
    expect(done.get('[data-months="1"]').classes()).not.toContain('on');
    await tap(wrapper, '[data-months="6"]');
    expect(wrapper.get('[data-months="6"]').classes()).toContain('on');
    expect(wrapper.get('[data-months="3"]').classes()).not.toContain('on');
  });
});

describe('kiosk: a pale 下一步 says what is wrong (issue 12.5)', () => {
  it.each([
    ['', '请输入您的手机号'],
    ['1390000123', '11 位数字'],
    ['23955501234', '13 到 19 开头'],
  ])('phone %j → %s, in large type next to the field, on 报到/离开/补打', async (typed, expected) => {
    const { api } = tempApi();
    for (const path of ['/kiosk/checkin', '/kiosk/checkout', '/kiosk/card']) {
      const { wrapper } = await open(api, path);
      await typeOnPad(wrapper, typed);
      expect(wrapper.get('[data-testid="phone-next"]').classes()).toContain('pale');
      await tap(wrapper, '[data-testid="phone-next"]');
      expect(wrapper.get('[data-testid="field-problem"]').text()).toContain(expected);
      wrapper.unmount();
      mounted = null;
    }
  });

  it('an unknown phone names a button that is on the screen, on 报到, 离开 and 补打 alike', async () => {
    const { api } = tempApi();
    for (const path of ['/kiosk/checkin', '/kiosk/checkout', '/kiosk/card']) {
      const { wrapper } = await open(api, path);
      await typeOnPad(wrapper, '13900009999');
      await tap(wrapper, '[data-testid="phone-next"]');
      const message = wrapper.get('[data-testid="error-notice"]').text();
      const button = wrapper.get('[data-testid="first-time"]').text();
      expect(message).toContain(`“${button}”`);
      wrapper.unmount();
      mounted = null;
    }
  });
});

describe('kiosk: nothing typed is thrown away without asking (issue 12.4)', () => {
  it('返回首页 with a half-typed phone asks; 继续填写 keeps it; 不填了 goes home', async () => {
    const { api } = tempApi();
    const { wrapper, router } = await open(api, '/kiosk/checkout');
    await typeOnPad(wrapper, '139');
    await tap(wrapper, '[data-testid="home"]');
    expect(wrapper.get('[data-testid="leave-confirm"]').text()).toContain('要放弃已填写的内容吗');
    await tap(wrapper, '[data-testid="leave-stay"]');
    expect(router.currentRoute.value.name).toBe('kiosk-checkout');
    expect((wrapper.get('[data-testid="phone-input"]').element as HTMLInputElement).value).toBe('139');
    await tap(wrapper, '[data-testid="home"]');
    await tap(wrapper, '[data-testid="leave-discard"]');
    expect(router.currentRoute.value.name).toBe('kiosk-home');
  });

  it('an empty screen goes home at once', async () => {
    const { api } = tempApi();
    const { wrapper, router } = await open(api, '/kiosk/checkin');
    await tap(wrapper, '[data-testid="home"]');
    expect(wrapper.find('[data-testid="leave-confirm"]').exists()).toBe(false);
    expect(router.currentRoute.value.name).toBe('kiosk-home');
  });

  it('a half-filled form waits at least 3 minutes and asks for the last 60 s before clearing', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    const { api } = tempApi();
    const { wrapper, router } = await open(api, '/kiosk/checkout');
    await useSettingsStore().load();
    await settle();
    await typeOnPad(wrapper, '1390000');
    await vi.advanceTimersByTimeAsync(70_000); // the plain 60 s reset would have cleared it by now
    await settle();
    expect(router.currentRoute.value.name).toBe('kiosk-checkout');
    expect(wrapper.find('[data-testid="idle-warning"]').exists()).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000); // 130 s: the question is up
    expect(wrapper.get('[data-testid="idle-warning"]').text()).toContain('您还在填写吗');
    expect((wrapper.get('[data-testid="phone-input"]').element as HTMLInputElement).value).toBe('1390000');
    await vi.advanceTimersByTimeAsync(51_000);
    await settle();
    expect(router.currentRoute.value.name).toBe('kiosk-home');
  });
});

describe('kiosk: first registration from the home screen (issues 12.4, 12.5, 12.19)', () => {
  async function toBasics(api: ReturnType<typeof tempApi>['api']) {
    const m = await open(api, '/kiosk');
    const steps: string[] = ['home'];
    await tap(m.wrapper, '[data-testid="tile-register"]');
    const step = () => m.wrapper.get('[data-testid="kiosk-register"]').attributes('data-step')!;
    steps.push(step());
    await tap(m.wrapper, '[data-testid="agree"]');
    steps.push(step());
    return { ...m, steps, step };
  }

  it('home → 第一次来登记 → privacy → basics → place → done: 5 screens, 完成登记 on the place screen', async () => {
    const { api, db } = tempApi();
    const { wrapper, steps, step } = await toBasics(api);
    await wrapper.get('[data-testid="field-name"]').setValue('Maria Garcia');
    await wrapper.get('[data-testid="field-phone"]').setValue('13900001234');
    await wrapper.get('[data-testid="field-birthYear"]').setValue('1956');
    await tap(wrapper, '[data-testid="step-next"]');
    steps.push(step());
    await tap(wrapper, '[data-province="吉林省"]');
    await tap(wrapper, '[data-city="长春市"]');
    await tap(wrapper, '[data-lodging-kind="other"]');
    await tap(wrapper, '[data-testid="submit"]');
    await vi.waitFor(async () => {
      await settle();
      expect(wrapper.find('[data-testid="register-done"]').exists()).toBe(true);
    });
    steps.push(step());
    expect(steps).toEqual(['home', '1', '2', '3', 'done']);
    expect((db.prepare('SELECT name FROM residents').get() as { name: string }).name).toBe('Maria Garcia');
  });

  it('a tap on a pale 下一步 says what is wrong next to each field; a name past 30 characters is refused with a message, not cut silently', async () => {
    const { api } = tempApi();
    const { wrapper } = await toBasics(api);
    await tap(wrapper, '[data-testid="step-next"]');
    const basics = () => wrapper.get('[data-testid="step-basics"]').text();
    expect(basics()).toContain('请填写姓名（至少 2 个字）');
    expect(basics()).toContain('请输入您的手机号（11 位数字）');
    await wrapper.get('[data-testid="field-name"]').setValue('张');
    await wrapper.get('[data-testid="field-phone"]').setValue('1390000123');
    await tap(wrapper, '[data-testid="step-next"]');
    expect(basics()).toContain('请填写姓名（至少 2 个字）');
    expect(basics()).toContain('手机号是 11 位数字');
    expect(wrapper.get('[data-testid="kiosk-register"]').attributes('data-step')).toBe('2');

    // Typing past the limit: the field says so instead of dropping characters silently.
    await wrapper.get('[data-testid="field-name"]').setValue('A'.repeat(31));
    await settle();
    expect(basics()).toContain('内容太长，请不超过 30 个字');
    expect((wrapper.get('[data-testid="field-name"]').element as HTMLInputElement).value).toHaveLength(30);
  });

  it('on the place screen a tap on pale 完成登记 names what is missing', async () => {
    const { api } = tempApi();
    const { wrapper } = await toBasics(api);
    await wrapper.get('[data-testid="field-name"]').setValue('张建国');
    await wrapper.get('[data-testid="field-phone"]').setValue('13900001234');
    await wrapper.get('[data-testid="field-birthYear"]').setValue('1956');
    await tap(wrapper, '[data-testid="step-next"]');
    expect(wrapper.get('[data-testid="submit"]').classes()).toContain('pale');
    await tap(wrapper, '[data-testid="submit"]');
    expect(wrapper.get('[data-testid="origin-error"]').text()).toContain('请选择您来自的省份和城市');
    expect(wrapper.get('[data-testid="lodging-error"]').text()).toContain('请选择您住在哪里');
    expect(wrapper.get('[data-testid="kiosk-register"]').attributes('data-step')).toBe('3');
  });

  it('registering a known phone says to ask at the desk and shows nothing about the record', async () => {
    const { api } = tempApi();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: resident() });
    const { wrapper, step } = await toBasics(api);
    await wrapper.get('[data-testid="field-name"]').setValue('王秀兰');
    await wrapper.get('[data-testid="field-phone"]').setValue('13900001234');
    await wrapper.get('[data-testid="field-birthYear"]').setValue('1958');
    await tap(wrapper, '[data-testid="step-next"]');
    await tap(wrapper, '[data-province="吉林省"]');
    await tap(wrapper, '[data-city="长春市"]');
    await tap(wrapper, '[data-lodging-kind="other"]');
    await tap(wrapper, '[data-testid="submit"]');
    expect(step()).toBe('3');
    const notice = wrapper.get('[data-testid="error-notice"]').text();
    expect(notice).toContain('已经登记过了');
    expect(notice).toContain('服务台');
    expect(wrapper.find('[data-testid="duplicate-open"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('张*国');
  });

  it('返回首页 on a half-filled registration asks before discarding', async () => {
    const { api } = tempApi();
    const { wrapper, router } = await toBasics(api);
    await wrapper.get('[data-testid="field-name"]').setValue('张建国');
    await tap(wrapper, '[data-testid="home"]');
    expect(wrapper.find('[data-testid="leave-confirm"]').exists()).toBe(true);
    await tap(wrapper, '[data-testid="leave-stay"]');
    expect((wrapper.get('[data-testid="field-name"]').element as HTMLInputElement).value).toBe('张建国');
    expect(router.currentRoute.value.name).toBe('kiosk-register');
  });
});
