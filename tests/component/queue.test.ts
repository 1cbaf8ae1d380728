import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { adminToken, fails, ok, tempApi } from '../helpers/tempDb.js';
import { mountAt } from '../helpers/mountScreen.js';
import { addResident } from '../unit/loans/fixtures.js';

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await flushPromises();
}

async function setup() {
  const t = tempApi();
  const token = await adminToken(t.api);
  const a = await ok(t.api, 'queue.saveService', { name: '政务代办', prefix: 'A', opensAt: '00:00', closesAt: '24:00' }, token);
  await ok(t.api, 'queue.saveService', { name: '健康体检', prefix: 'C', opensAt: '00:00', closesAt: '00:01' }, token);
  const counter = await ok(t.api, 'queue.saveCounter', { number: 3, name: '3号窗口', serviceIds: [a.id] }, token);
  return { ...t, token, counterId: counter.id as number };
}

describe('取号 at the kiosk', () => {
  it('shows the services with their lines, gives a number, and clears it when the visit ends', async () => {
    const { api } = await setup();
    const { wrapper, router } = await mountAt(api, '/kiosk/ticket');
    await settle();
    const closed = wrapper.get('[data-testid="service-C"]');
    expect(closed.attributes('disabled')).toBeDefined();
    expect(closed.text()).toContain('现在不办理');
    await wrapper.get('[data-testid="service-A"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="ticket-code"]').text()).toBe('A001');
    expect(wrapper.get('[data-testid="ticket-ahead"]').text()).toBe('0 人');
    await router.push('/kiosk');
    await settle();
    await router.push('/kiosk/ticket');
    await settle();
    expect(wrapper.find('[data-testid="ticket-result"]').exists()).toBe(false);
    wrapper.unmount();
  });
});

describe('找回我的号', () => {
  it('a resident whose ticket did not print scans the card and sees the number again; nobody else’s', async () => {
    const { api, db } = await setup();
    const me = addResident(db, '张建国');
    const other = addResident(db, '李秀英');
    const lines = await ok(api, 'queue.lines');
    const mine = await ok(api, 'queue.take', { serviceId: lines[0].id, cardPayload: me.qr });
    expect((await ok(api, 'queue.myTickets', { cardPayload: other.qr })).length).toBe(0);
    expect((await fails(api, 'queue.myTickets', { cardPayload: 'HNR1:ZZZZZZZZ' })).code).toBe('CARD_INVALID');

    const { wrapper } = await mountAt(api, '/kiosk/ticket');
    await settle();
    await wrapper.get('[data-testid="ticket-card"]').setValue(me.qr);
    await new Promise((r) => setTimeout(r, 400)); // the lookup waits for the scanner to finish typing
    await settle();
    await wrapper.get(`[data-testid="mine-${mine.code}"]`).trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="ticket-code"]').text()).toBe(mine.code);
    expect(wrapper.text()).not.toContain('张建国');
    wrapper.unmount();
  });
});

describe('the calling display', () => {
  it('shows a call pushed by the host and offers the one-time tap for sound', async () => {
    const { api, token, counterId } = await setup();
    const lines = await ok(api, 'queue.lines');
    await ok(api, 'queue.take', { serviceId: lines[0].id });
    const { wrapper } = await mountAt(api, '/display');
    await settle();
    expect(wrapper.find('[data-testid="display-unlock"]').exists()).toBe(true);
    await ok(api, 'queue.callNext', { counterId }, token);
    await settle();
    expect(wrapper.get('[data-testid="display-current-code"]').text()).toBe('A001');
    expect(wrapper.get('[data-testid="display-current-counter"]').text()).toBe('3号窗口');
    wrapper.unmount();
  });

  it('never lets a state answer that was on its way put the previous number back', async () => {
    const { api, token, counterId } = await setup();
    const lines = await ok(api, 'queue.lines');
    for (let i = 0; i < 2; i++) await ok(api, 'queue.take', { serviceId: lines[0].id });
    await ok(api, 'queue.callNext', { counterId }, token);
    // The same API, with the display's state answers held until the test lets them through.
    const held: Array<() => void> = [];
    const slow = Object.create(api) as typeof api;
    slow.call = async (operation, input, options) => {
      if (operation === 'queue.display' && held.length < 1) {
        const answer = await api.call(operation, input, options); // the state as it is now: A001 called
        await new Promise<void>((r) => held.push(r));
        return answer;
      }
      return api.call(operation, input, options);
    };
    const { wrapper } = await mountAt(slow, '/display');
    await settle();
    // A002 is called while the first answer (A001) is still on its way.
    await ok(api, 'queue.finish', { counterId }, token);
    await ok(api, 'queue.callNext', { counterId }, token);
    await settle();
    held[0]!();
    await settle();
    expect(wrapper.get('[data-testid="display-current-code"]').text()).toBe('A002');
    expect(wrapper.get('[data-testid="display-recent"]').text()).toContain('A001');
    wrapper.unmount();
  });
});
