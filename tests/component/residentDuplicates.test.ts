import { describe, expect, it } from 'vitest';
import { adminToken, tempApi } from '../helpers/tempDb.js';
import { mountSignedIn, settle } from '../helpers/mountScreen.js';

const CONSENT = { version: '2026-1', accepted: true };
const person = (name: string, phone: string) => ({ name, phone, birthYear: 1956, originProvince: '黑龙江省', originCity: '伊春市', lodgingKind: 'other' });

describe('staff and duplicate residents', () => {
  it('a phone number that belongs to someone else: a Chinese message and a link to that record', async () => {
    const { api } = tempApi();
    await adminToken(api);
    const ids: number[] = [];
    for (const [name, phone] of [
      ['张建国', '13900001234'],
      ['张建华', '13900005678'],
    ] as const) {
      await api.call('residents.kiosk.register', { consent: CONSENT, resident: person(name, phone) });
      ids.push(ids.length + 1);
    }
    const { wrapper } = await mountSignedIn(api, `/staff/residents/${ids[1]}`);
    await wrapper.get('[data-testid="p-edit"]').trigger('click');
    await wrapper.get('[data-testid="f-phone"]').setValue('13900001234');
    await wrapper.get('[data-testid="p-reason"]').setValue('本人说换了号码');
    await wrapper.get('[data-testid="p-save"]').trigger('click');
    await settle();
    expect(wrapper.text()).toContain('这个手机号已经登记过了');
    const link = wrapper.get('[data-testid="duplicate-open"]');
    expect(link.attributes('href')).toBe(`/staff/residents/${ids[0]}`);
    expect(wrapper.get('[data-testid="duplicate-notice"]').text()).toContain('合并');
    wrapper.unmount();
  });

  it('an edit with needs ticked is saved (the form sends plain arrays, not reactive ones)', async () => {
    const { api, db } = tempApi();
    await adminToken(api);
    await api.call('residents.kiosk.register', { consent: CONSENT, resident: person('王秀兰', '13900002222') });
    const { wrapper } = await mountSignedIn(api, '/staff/residents/1');
    await wrapper.get('[data-testid="p-edit"]').trigger('click');
    await wrapper.get('input[type="checkbox"][value="wheelchair"]').setValue(true);
    await wrapper.get('[data-testid="p-reason"]').setValue('本人说需要轮椅');
    await wrapper.get('[data-testid="p-save"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="p-edit"]').exists()).toBe(true);
    expect(JSON.parse((db.prepare('SELECT needs FROM residents WHERE id = 1').get() as { needs: string }).needs)).toEqual(['wheelchair']);
    wrapper.unmount();
  });
});
