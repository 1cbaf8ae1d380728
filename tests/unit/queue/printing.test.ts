import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { fails, ok } from '../../helpers/tempDb.js';
import { deadPort, fakePrinter } from '../printing/helpers.js';
import { queueFixture } from './helpers.js';

async function useTicketPrinter(q: Awaited<ReturnType<typeof queueFixture>>, port: number) {
  const targets = (await ok(q.api, 'settings.all', {}, q.token))['printing.targets'];
  await ok(q.api, 'settings.update', { values: { 'printing.targets': { ...targets, ticket: { kind: 'escpos', host: '127.0.0.1', port, width: 58 } } } }, q.token);
}

describe('printing the queue ticket', () => {
  it('prints the number, service and people ahead in Chinese on the ticket printer', async () => {
    const q = await queueFixture();
    const printer = await fakePrinter();
    try {
      await useTicketPrinter(q, printer.port);
      const ticket = await q.take(q.services.a);
      expect(ticket.printJobId).toEqual(expect.any(Number));
      const state = await q.api.print.whenSettled(ticket.printJobId, 15_000);
      expect(state.status).toBe('done');
      await expect.poll(() => iconv.decode(printer.bytes(), 'gb18030').includes('政务代办'), { timeout: 5000 }).toBe(true);
      const text = iconv.decode(printer.bytes(), 'gb18030');
      for (const s of ['A001', '前面等候', '0 人']) expect(text).toContain(s);
    } finally {
      await printer.close();
    }
  });

  it('keeps the ticket valid when the printer is dead; staff can print it again', async () => {
    const q = await queueFixture();
    await useTicketPrinter(q, await deadPort());
    const ticket = await q.take(q.services.a);
    expect(ticket.code).toBe('A001');
    expect((await q.api.print.whenSettled(ticket.printJobId, 15_000)).status).toBe('failed');
    expect(await ok(q.api, 'queue.ticket', { id: ticket.id })).toMatchObject({ code: 'A001', status: 'waiting', printStatus: 'failed' });
    // Staff see the failed print in the counter page's list.
    expect((await q.staff('queue.tickets', {})).find((x: { id: number }) => x.id === ticket.id)).toMatchObject({ code: 'A001', printStatus: 'failed' });
    const printer = await fakePrinter();
    try {
      await useTicketPrinter(q, printer.port);
      const again = await q.staff('queue.reprint', { ticketId: ticket.id });
      expect(again.printJobId).not.toBe(ticket.printJobId);
      expect((await q.api.print.whenSettled(again.printJobId, 15_000)).status).toBe('done');
      expect(await ok(q.api, 'queue.ticket', { id: ticket.id })).toMatchObject({ printJobId: again.printJobId, printStatus: 'done' });
      expect((await fails(q.api, 'queue.reprint', { ticketId: ticket.id })).code).toBe('UNAUTHENTICATED');
    } finally {
      await printer.close();
    }
  });
});
