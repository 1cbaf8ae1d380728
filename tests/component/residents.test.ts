import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { vi } from 'vitest';
import { useKioskSessionStore } from '../../renderer/stores/kioskSession.js';
import { candidatesFor } from '../../renderer/components/keyboard/pinyinIndex.js';
import { formatLocalTime, monthsFromNow } from '../../renderer/screens/kiosk/residents/format.js';
import { tempApi } from '../helpers/tempDb.js';
import { mountAt, mountSignedIn } from '../helpers/mountScreen.js';
import { adminToken } from '../helpers/tempDb.js';

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await vi.dynamicImportSettled();
  }
}

describe('kiosk resident flows', () => {
  it('offers name characters for pinyin, surnames first', () => {
    expect(candidatesFor('zhang').slice(0, 2)).toEqual(['张', '章']);
    expect(candidatesFor('wang')[0]).toBe('王');
    expect(candidatesFor('shan')).toContain('单');
    expect(candidatesFor('zh').length).toBeGreaterThan(5);
  });

  it("says times and planned dates on the center's clock", () => {
    expect(formatLocalTime('2026-01-10T05:05:00Z')).toBe('1 月 10 日 下午 1:05');
    expect(formatLocalTime('2026-01-10T16:30:00Z', 'Asia/Shanghai')).toBe('1 月 11 日 上午 0:30');
    expect(formatLocalTime('2026-01-10T05:05:00Z', 'Asia/Urumqi')).toBe('1 月 10 日 上午 11:05');
    const lateEvening = new Date('2026-01-10T17:00:00Z'); // 01:00 on the 11th in 攀枝花, still the 10th in UTC
    expect(monthsFromNow(2, lateEvening, 'Asia/Shanghai')).toBe('2026-03-11');
    expect(monthsFromNow(2, lateEvening, 'UTC')).toBe('2026-03-10');
  });

  it('types a name with the pinyin keyboard after consent', async () => {
    const { api } = tempApi();
    const { wrapper } = await mountAt(api, '/kiosk/register');
    await settle();
    expect(wrapper.find('[data-testid="step-consent"]').text()).toContain('隐私');
    await wrapper.find('[data-testid="agree"]').trigger('click');
    await settle();
    for (const l of 'li') await wrapper.find(`[data-testid="pinyin-keyboard"] [data-key="${l}"]`).trigger('click');
    await wrapper.find('[data-cand="李"]').trigger('click');
    expect((wrapper.find('[data-testid="field-name"]').element as HTMLInputElement).value).toBe('李');
    wrapper.unmount();
  });

  it('offers address and health words in the free-text fields, not only name characters', () => {
    expect(candidatesFor('dong', 24, 'name')).not.toContain('栋');
    expect(candidatesFor('dong', 24, 'text')).toContain('栋');
    expect(candidatesFor('hao', 24, 'text')).toContain('号');
    expect(candidatesFor('xue', 24, 'text')).toContain('血');
    expect(candidatesFor('bu', 24, 'text')).toContain('部');
  });

  it('shows a wrong mobile number on screen 2 when 下一步 is tapped, and stays there', async () => {
    const { api, db } = tempApi();
    const { wrapper } = await mountAt(api, '/kiosk/register');
    await settle();
    await wrapper.find('[data-testid="agree"]').trigger('click');
    await settle();
    await wrapper.find('[data-testid="field-name"]').setValue('张建国');
    await wrapper.find('[data-testid="field-phone"]').setValue('12900001234');
    await wrapper.find('[data-testid="field-birthYear"]').setValue('1956');
    await wrapper.find('[data-testid="step-next"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="kiosk-register"]').attributes('data-step')).toBe('2');
    expect(wrapper.find('[data-testid="step-basics"]').text()).toContain('手机号应以 13 到 19 开头，请核对第一、二位。');
    await wrapper.find('[data-testid="field-phone"]').setValue('13900001234');
    await wrapper.find('[data-testid="step-next"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="kiosk-register"]').attributes('data-step')).toBe('3');
    expect((db.prepare('SELECT COUNT(*) AS n FROM residents').get() as { n: number }).n).toBe(0);
    wrapper.unmount();
  });

  it('finds the home city by pinyin letters on the on-screen keyboard and picks province and city', async () => {
    const { api } = tempApi();
    const { wrapper } = await mountAt(api, '/kiosk/register');
    await settle();
    await wrapper.find('[data-testid="agree"]').trigger('click');
    await settle();
    await wrapper.find('[data-testid="field-name"]').setValue('张建国');
    await wrapper.find('[data-testid="field-phone"]').setValue('13900001234');
    await wrapper.find('[data-testid="field-birthYear"]').setValue('1956');
    await wrapper.find('[data-testid="step-next"]').trigger('click');
    await settle();
    await wrapper.find('[data-testid="field-placeQuery"]').trigger('focus');
    for (const l of 'pzh') await wrapper.find(`[data-testid="pinyin-keyboard"] [data-key="${l}"]`).trigger('click');
    expect((wrapper.find('[data-testid="field-placeQuery"]').element as HTMLInputElement).value).toBe('pzh');
    expect(wrapper.find('[data-testid="place-matches"]').text()).toContain('攀枝花市 · 四川');
    await wrapper.find('[data-place="攀枝花市"]').trigger('click');
    expect(wrapper.find('[data-testid="step-place"]').text()).toContain('四川省');
    expect(wrapper.find('[data-city="攀枝花市"]').classes()).toContain('on');
    wrapper.unmount();
  });

  it('clears a half-typed phone number and a shown masked name when the visit ends', async () => {
    const { api } = tempApi();
    const { wrapper } = await mountAt(api, '/kiosk/checkout');
    await settle();
    for (const d of '139') await wrapper.find(`[data-testid="digit-pad"] [data-key="${d}"]`).trigger('click');
    expect((wrapper.find('[data-testid="phone-input"]').element as HTMLInputElement).value).toBe('139');
    useKioskSessionStore().endVisit();
    await settle();
    expect((wrapper.find('[data-testid="phone-input"]').element as HTMLInputElement).value).toBe('');
    wrapper.unmount();
  });

  it('a typed phone shows only the masked name to confirm; 不是我 acts on nobody, 是我 checks out', async () => {
    const { api, db } = tempApi();
    const reg = await api.call('residents.kiosk.register', {
      consent: { version: '2026-1', accepted: true },
      resident: {
        name: '张建国',
        phone: '13900001234',
        birthYear: 1956,
        originProvince: '黑龙江省',
        originCity: '伊春市',
        lodgingKind: 'rental',
        lodgingAddress: '阳光小区 3 栋 501',
      },
    });
    if (!reg.ok) throw new Error(JSON.stringify(reg.error));
    const { wrapper } = await mountAt(api, '/kiosk/checkout');
    await settle();
    const typePhone = async () => {
      for (const d of '13900001234') await wrapper.find(`[data-testid="digit-pad"] [data-key="${d}"]`).trigger('click');
      await wrapper.find('[data-testid="phone-next"]').trigger('click');
      await settle();
    };
    await typePhone();
    const confirm = wrapper.get('[data-testid="confirm-name"]');
    expect(confirm.get('[data-testid="masked-name"]').text()).toBe('张*国');
    for (const secret of ['张建国', '13900001234', '伊春', '阳光小区', (reg.data as { cardNo: string }).cardNo]) expect(wrapper.text()).not.toContain(secret);
    await wrapper.get('[data-testid="not-me"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="confirm-name"]').exists()).toBe(false);
    const open = () => (db.prepare('SELECT COUNT(*) AS n FROM stays WHERE departed_at IS NULL').get() as { n: number }).n;
    expect(open()).toBe(1);

    await typePhone();
    await wrapper.get('[data-testid="yes-me"]').trigger('click');
    await settle();
    for (const d of '1956') await wrapper.find(`[data-testid="digit-pad"] [data-key="${d}"]`).trigger('click');
    await wrapper.get('[data-testid="proof-next"]').trigger('click');
    await settle();
    expect(open()).toBe(1); // 离开登记 asks first
    await wrapper.get('[data-testid="confirm-checkout"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="checkout-done"]').text()).toContain('张*国');
    expect(open()).toBe(0);
    wrapper.unmount();
  });

  it('补打服务卡 says where to take the card while it prints, and sends the person to the desk when it cannot', async () => {
    const { api } = tempApi();
    const reg = await api.call('residents.kiosk.register', {
      consent: { version: '2026-1', accepted: true },
      resident: { name: '王秀兰', phone: '13900002222', birthYear: 1958, originProvince: '吉林省', originCity: '长春市', lodgingKind: 'other' },
    });
    if (!reg.ok) throw new Error(JSON.stringify(reg.error));
    const { wrapper } = await mountAt(api, '/kiosk/card');
    await settle();
    for (const key of [...(reg.data as { qrPayload: string }).qrPayload, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    await settle();
    await wrapper.get('[data-testid="yes-me"]').trigger('click');
    await flushPromises();
    const status = () => wrapper.get('[data-testid="print-status"]');
    expect(wrapper.get('[data-testid="card-done"]').text()).toContain((reg.data as { cardNo: string }).cardNo);
    if (status().attributes('data-status') !== 'failed') expect(status().text()).toContain('请从打印口取走您的服务卡');
    // No printer is set up here: the job fails, and the screen no longer points at the printer.
    await vi.waitFor(async () => {
      await flushPromises();
      expect(status().attributes('data-status')).toBe('failed');
    });
    expect(status().text()).toContain('请到服务台');
    expect(wrapper.text()).not.toContain('请从打印口取走');
    wrapper.unmount();
  });

  it('treats fast keystrokes ending in Enter as a card scan and checks the person in', async () => {
    const { api } = tempApi();
    const reg = await api.call('residents.kiosk.register', {
      consent: { version: '2026-1', accepted: true },
      resident: { name: '王秀兰', phone: '13900002222', birthYear: 1958, originProvince: '吉林省', originCity: '长春市', lodgingKind: 'other' },
    });
    if (!reg.ok) throw new Error(JSON.stringify(reg.error));
    await api.call('residents.kiosk.checkOut', { phone: '13900002222', birthYear: 1958 });
    const { wrapper } = await mountAt(api, '/kiosk/checkin');
    await settle();
    for (const key of [...(reg.data as { qrPayload: string }).qrPayload, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    await settle();
    expect(wrapper.find('[data-testid="checkin-done"]').text()).toContain('王*兰');
    wrapper.unmount();
  });
});

describe('staff 代为登记', () => {
  it('shows the privacy notice to read out, and a duplicate phone links to the record it belongs to', async () => {
    const { api } = tempApi();
    await adminToken(api);
    const first = await api.call('residents.kiosk.register', {
      consent: { version: '2026-1', accepted: true },
      resident: { name: '王秀兰', phone: '13900002222', birthYear: 1958, originProvince: '吉林省', originCity: '长春市', lodgingKind: 'other' },
    });
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const { wrapper } = await mountSignedIn(api, '/staff/residents/new');
    await settle();
    expect(wrapper.find('[data-testid="f-notice"]').text()).toContain('不上传到网络');
    await wrapper.find('[data-testid="f-name"]').setValue('王秀兰');
    await wrapper.find('[data-testid="f-phone"]').setValue('13900002222');
    await wrapper.find('[data-testid="f-birth"]').setValue('1958');
    await wrapper.find('[data-testid="f-province"]').setValue('吉林省');
    await settle();
    await wrapper.find('[data-testid="f-city"]').setValue('长春市');
    await wrapper.find('[data-testid="f-consent"]').setValue(true);
    await wrapper.find('[data-testid="f-save"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="error-notice"]').text()).toContain('这个手机号已经登记过了');
    expect(wrapper.find('[data-testid="duplicate-open"]').attributes('href')).toMatch(/\/staff\/residents\/1$/);
    wrapper.unmount();
  });
});
