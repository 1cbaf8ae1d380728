import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { adminToken, ok, tempApi } from '../helpers/tempDb.js';
import { mountAt, mountSignedIn, settleImports as settle } from '../helpers/mountScreen.js';

/**
 * The staff side of issues 12.1, 12.2, 12.6 and 11.5: 办理离开 with a wheelchair still out, 撤销,
 * the profile (status, loans, tickets, dates, labels), 借出中, the dashboard and the residents page.
 */
const CONSENT = { version: '2026-1', accepted: true };
const resident = { name: '张建国', phone: '13900001234', birthYear: 1956, originProvince: '黑龙江省', originCity: '伊春市', lodgingKind: 'other' };

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  sessionStorage.clear();
});

async function desk() {
  const t = tempApi();
  const token = await adminToken(t.api);
  const reg = await ok(t.api, 'residents.kiosk.register', { consent: CONSENT, resident, plannedDeparture: '2027-03-01' });
  const [hit] = await ok(t.api, 'residents.search', { q: '张建国' }, token);
  const cat = await ok(t.api, 'inventory.createCategory', { name: '轮椅', kind: 'equipment', tagPrefix: 'LY', loanMinutes: 1440, depositFen: 20000 }, token);
  await ok(t.api, 'inventory.addUnits', { categoryId: cat.id, count: 1, printLabels: false }, token);
  await ok(t.api, 'loans.checkout', { residentId: hit.id, unitCode: 'LY-0001', depositFen: 20000, depositMethod: 'cash', print: false }, token);
  const service = await ok(t.api, 'queue.saveService', { name: '政务代办', prefix: 'A', opensAt: '00:00', closesAt: '24:00' }, token);
  await ok(t.api, 'queue.take', { serviceId: service.id, cardPayload: reg.qrPayload });
  return { ...t, token, reg, id: hit.id as number };
}
async function open(api: ReturnType<typeof tempApi>['api'], path: string) {
  // Signed in through the PIN gate once; the session then stays with the tab, as at a real desk.
  const first = !sessionStorage.length;
  const m = first ? await mountSignedIn(api, path) : await mountAt(api, path);
  mounted = m.wrapper;
  await settle();
  return m;
}
const tap = async (w: VueWrapper, selector: string) => {
  await w.get(selector).trigger('click');
  await settle();
};

describe('staff 离开登记 with a wheelchair still out (issues 12.1, 12.2)', () => {
  it('names the open loan before confirming, records the departure, offers 撤销, and the item stands out everywhere', async () => {
    const { api, db, id } = await desk();
    const { wrapper } = await open(api, `/staff/residents/${id}`);
    expect(wrapper.get('[data-testid="p-open-loans"]').text()).toContain('轮椅 LY-0001');
    await tap(wrapper, '[data-testid="p-checkout"]');
    const dialog = wrapper.get('[data-testid="action-dialog"]');
    expect(dialog.text()).toContain('此人还有 轮椅 LY-0001 未归还（押金共 ¥200.00）');
    const openStays = () => (db.prepare('SELECT COUNT(*) AS n FROM stays WHERE departed_at IS NULL').get() as { n: number }).n;
    expect(openStays()).toBe(1); // asked first
    await tap(wrapper, '[data-testid="action-dialog-confirm"]');
    expect(openStays()).toBe(0);
    expect(wrapper.get('[data-testid="p-presence"]').text()).toBe('已离开');
    expect(wrapper.get('[data-testid="p-departed-open"]').text()).toBe('已离开未归还');
    expect(wrapper.get('[data-testid="p-undo-checkout"]').text()).toMatch(/撤销（\d+ 秒）/);

    await tap(wrapper, '[data-testid="p-undo-checkout"]');
    expect(openStays()).toBe(1);
    expect(wrapper.get('[data-testid="p-presence"]').text()).toBe('在住');
    expect(wrapper.find('[data-testid="p-departed-open"]').exists()).toBe(false);
  });

  it('借出中 marks the departed borrower, the dashboard counts 已离开未归还, the residents page lists it', async () => {
    const { api, token, id } = await desk();
    await ok(api, 'residents.checkOut', { id }, token);
    let m = await open(api, '/staff/loans-out');
    expect(m.wrapper.get('[data-testid="loan-row-LY-0001"]').classes()).toContain('departed');
    expect(m.wrapper.get('[data-testid="loan-departed"]').text()).toContain('离开');
    m.wrapper.unmount();

    m = await open(api, '/staff/dashboard');
    expect(m.wrapper.get('[data-testid="dashboard-departed-open"]').text()).toContain('1');
    expect(m.wrapper.get('[data-testid="dashboard-departed-open"]').classes()).toContain('alarm');
    m.wrapper.unmount();

    m = await open(api, '/staff/residents');
    expect(m.wrapper.get('[data-testid="departed-open"]').text()).toContain('张建国');
    expect(m.wrapper.get('[data-testid="departed-open"]').text()).toContain('轮椅 LY-0001');
  });
});

describe('the profile agrees with the list and shows the whole person (issue 12.6)', () => {
  it('在住/已离开 match the list; loans and tickets are listed; one date style; no kiosk input labels', async () => {
    const { api, token, id } = await desk();
    let m = await open(api, '/staff/residents');
    await m.wrapper.get('[data-testid="resident-search"]').setValue('张建国');
    await m.wrapper.get('form.search').trigger('submit');
    await settle();
    const listed = m.wrapper.get(`[data-testid="presence-${id}"]`).text();
    m.wrapper.unmount();
    m = await open(api, `/staff/residents/${id}`);
    expect(m.wrapper.get('[data-testid="p-presence"]').text()).toBe(listed);
    expect(listed).toBe('在住');

    const profile = m.wrapper.get('[data-testid="resident-profile"]');
    expect(profile.get('[data-testid="p-loans"]').text()).toContain('轮椅 LY-0001');
    expect(profile.get('[data-testid="p-loans"]').text()).toContain('未归还');
    expect(profile.get('[data-testid="p-tickets"]').text()).toContain('A001');
    expect(profile.get('[data-testid="p-tickets"]').text()).toContain('政务代办');
    expect(profile.get('[data-testid="p-stays"]').text()).toContain('2027/3/1');
    expect(profile.text()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(profile.text()).not.toMatch(/[上下]午/);
    expect(profile.text()).not.toContain('可不填');
    m.wrapper.unmount();

    await ok(api, 'residents.checkOut', { id }, token);
    m = await open(api, '/staff/residents');
    await m.wrapper.get('[data-testid="resident-search"]').setValue('张建国');
    await m.wrapper.get('form.search').trigger('submit');
    await settle();
    expect(m.wrapper.get(`[data-testid="presence-${id}"]`).text()).toBe('已离开');
    m.wrapper.unmount();
    m = await open(api, `/staff/residents/${id}`);
    expect(m.wrapper.get('[data-testid="p-presence"]').text()).toBe('已离开');
  });
});

describe('staff see the kiosk look-up limit tripping (issue 11.5)', () => {
  it('a line on the residents page names the source', async () => {
    const { api } = tempApi();
    await adminToken(api);
    for (let i = 0; i < 10; i++) await api.call('residents.kiosk.lookup', { phone: `1390000${String(i).padStart(4, '0')}` });
    const { wrapper } = await open(api, '/staff/residents');
    expect(wrapper.get('[data-testid="kiosk-guard"]').text()).toContain('自助机查询限流最近 24 小时触发 1 次');
    expect(wrapper.get('[data-testid="kiosk-guard"]').text()).toContain('本机');
  });
});
