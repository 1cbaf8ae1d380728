import { describe, expect, it } from 'vitest';
import { deadPort, fakePrinter } from '../unit/printing/helpers.js';
import { adminToken, ok, tempApi } from '../helpers/tempDb.js';
import { mountSignedIn, settle } from '../helpers/mountScreen.js';
import type { Api } from '../../db/api/api.js';

async function useTicketPrinter(api: Api, token: string, port: number): Promise<void> {
  const targets = (await ok(api, 'settings.all', {}, token))['printing.targets'];
  await ok(api, 'settings.update', { values: { 'printing.targets': { ...targets, ticket: { kind: 'escpos', host: '127.0.0.1', port, width: 58 } } } }, token);
}

describe('窗口叫号: a ticket that did not print', () => {
  it('is marked in the line for staff, and 重新打印 prints it and clears the mark', { timeout: 40_000 }, async () => {
    const { api } = tempApi();
    const token = await adminToken(api);
    const a = await ok(api, 'queue.saveService', { name: '政务代办', prefix: 'A', opensAt: '00:00', closesAt: '24:00' }, token);
    await ok(api, 'queue.saveCounter', { number: 3, name: '3号窗口', serviceIds: [a.id] }, token);
    await useTicketPrinter(api, token, await deadPort());
    const ticket = await ok(api, 'queue.take', { serviceId: a.id });
    expect((await api.print.whenSettled(ticket.printJobId, 15_000)).status).toBe('failed');

    const { wrapper } = await mountSignedIn(api, '/staff/queue');
    expect(wrapper.get('[data-testid="print-failed-A001"]').text()).toBe('凭条打印失败');
    // The resident shows the paper ticket (or staff scan the one they printed): 扫码查询 finds it.
    for (const key of [...`HOUNIAO-TICKET:${ticket.id}`, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    await settle();
    expect(wrapper.get('[data-testid="counter-scanned"]').text()).toContain('A001');
    expect(wrapper.get('[data-testid="counter-scanned"]').text()).toContain('前面还有 0 人');

    const printer = await fakePrinter();
    try {
      await useTicketPrinter(api, token, printer.port);
      await wrapper.get('[data-testid="reprint-A001"]').trigger('click');
      await settle();
      const again = (await ok(api, 'queue.ticket', { id: ticket.id })) as { printJobId: number };
      expect(again.printJobId).not.toBe(ticket.printJobId);
      expect((await api.print.whenSettled(again.printJobId, 15_000)).status).toBe('done');
      await expect.poll(async () => (await settle(), wrapper.find('[data-testid="print-failed-A001"]').exists()), { timeout: 5000 }).toBe(false);
    } finally {
      await printer.close();
      wrapper.unmount();
    }
  });
});

describe('窗口叫号: 重新打印 only where there is paper (issue 12.10)', () => {
  it('offers no 重新打印 while tickets are not printed, and offers it once a ticket printer is chosen', async () => {
    const { api } = tempApi();
    const token = await adminToken(api);
    const a = await ok(api, 'queue.saveService', { name: '政务代办', prefix: 'A', opensAt: '00:00', closesAt: '24:00' }, token);
    await ok(api, 'queue.saveCounter', { number: 3, name: '3号窗口', serviceIds: [a.id] }, token);
    await ok(api, 'queue.take', { serviceId: a.id }); // no ticket printer chosen (the default)
    const { wrapper } = await mountSignedIn(api, '/staff/queue');
    await settle();
    expect(wrapper.get('[data-testid="counter-tickets"]').text()).toContain('A001');
    expect(wrapper.find('[data-testid="reprint-A001"]').exists()).toBe(false);
    const printer = await fakePrinter();
    try {
      await useTicketPrinter(api, token, printer.port);
      await expect.poll(async () => (await settle(), wrapper.find('[data-testid="reprint-A001"]').exists()), { timeout: 5000 }).toBe(true);
    } finally {
      await printer.close();
      wrapper.unmount();
    }
  });
});

describe('终端配对: revoking a terminal', () => {
  it('asks in the page first; cancel keeps the terminal, confirm revokes it', async () => {
    const { api } = tempApi();
    const token = await adminToken(api);
    const { code } = await ok(api, 'terminals.createCode', { role: 'display', name: '大厅电视' }, token);
    const paired = (await api.call('terminals.pair', { code }, { remote: { terminalToken: null } })) as { ok: true; data: { terminal: { id: number } } };
    expect(paired.ok).toBe(true);
    const [term] = (await ok(api, 'terminals.list', {}, token)) as Array<{ id: number }>;

    const { wrapper } = await mountSignedIn(api, '/staff/terminals');
    await wrapper.get(`[data-testid="terminal-revoke-${term!.id}"]`).trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="action-dialog"]').text()).toContain('取消“大厅电视”的配对？');
    await wrapper.get('[data-testid="action-dialog-cancel"]').trigger('click');
    await settle();
    expect(((await ok(api, 'terminals.list', {}, token)) as Array<{ revokedAt: string | null }>)[0]!.revokedAt).toBeNull();

    await wrapper.get(`[data-testid="terminal-revoke-${term!.id}"]`).trigger('click');
    await settle();
    await wrapper.get('[data-testid="action-dialog"] form').trigger('submit');
    await settle();
    expect(((await ok(api, 'terminals.list', {}, token)) as Array<{ revokedAt: string | null }>)[0]!.revokedAt).toEqual(expect.any(String));
    expect(wrapper.get(`[data-testid="terminal-${term!.id}"]`).text()).toContain('已取消');
    wrapper.unmount();
  });
});

describe('排队设置 (manager)', () => {
  it('saves a service’s counters, hours and daily limit, and the display’s voice, volume, layout and notices', async () => {
    const { api } = tempApi();
    const token = await adminToken(api);
    const a = await ok(api, 'queue.saveService', { name: '政务代办', prefix: 'A' }, token);
    await ok(api, 'queue.saveCounter', { number: 1, name: '1号窗口', serviceIds: [a.id] }, token);
    const c2 = await ok(api, 'queue.saveCounter', { number: 2, name: '2号窗口', serviceIds: [] }, token);

    const { wrapper } = await mountSignedIn(api, '/staff/queue-settings');
    const row = wrapper.get('[data-testid="service-row-0"]');
    const [, , , , closes, limit] = row.findAll('input');
    // The English name, shown on every screen in English mode (issue 12.22).
    await row.get('[data-testid="service-0-name-en"]').setValue('Government errands');
    await closes!.setValue('16:00');
    await limit!.setValue('120');
    await row.get('[data-testid="service-0-counter-2"]').setValue(true);
    await row.get('button').trigger('click');
    await settle();
    const { services } = await ok(api, 'queue.config', {}, token);
    expect(services[0]).toMatchObject({ nameEn: 'Government errands', closesAt: '16:00', dailyLimit: 120 });
    expect(services[0].counterIds).toContain(c2.id);

    // The display and voice fields unlock once the saved values are in (nothing typed before is lost).
    expect(wrapper.get<HTMLFieldSetElement>('[data-testid="queue-prefs"]').element.disabled).toBe(false);
    await wrapper.get('[data-testid="queue-voice"]').setValue(false);
    await wrapper.get('[data-testid="queue-volume"]').setValue('0.4');
    await wrapper.get('[data-testid="queue-chime"]').setValue(false);
    await wrapper.get('[data-testid="queue-layout"]').setValue('large');
    await wrapper.get('[data-testid="queue-notices"]').setValue('今天下午体检暂停\n\n请保管好随身物品');
    await wrapper.get('[data-testid="queue-prefs-save"]').trigger('click');
    await settle();
    const screen = await ok(api, 'queue.screenSettings', {});
    expect(screen['display.voice']).toMatchObject({ enabled: false, volume: 0.4, chime: false, repeat: 2 });
    expect(screen['display.layout']).toBe('large');
    expect(screen['display.notices']).toEqual(['今天下午体检暂停', '请保管好随身物品']);
    wrapper.unmount();
  });
});
