import { describe, expect, it } from 'vitest';
import { ok } from '../../helpers/tempDb.js';
import { addResident } from '../loans/fixtures.js';
import { queueFixture } from './helpers.js';

async function pairKiosk(q: Awaited<ReturnType<typeof queueFixture>>, name: string) {
  const { code } = await q.staff('terminals.createCode', { role: 'kiosk', name });
  const { token } = await ok(q.api, 'terminals.pair', { code });
  return { remote: { terminalToken: token as string } };
}

/** One call from a paired terminal; throws with the error body when it fails. */
async function from<T = any>(q: Awaited<ReturnType<typeof queueFixture>>, terminal: { remote: { terminalToken: string } }, op: string, input: object): Promise<T> {
  const r = await q.api.call(op, input, terminal);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
}

describe('取号 is limited per terminal (issue 11.5)', () => {
  it('a burst from one kiosk gets six tickets, the rest a polite wait; other kiosks and the host are not held up', async () => {
    const q = await queueFixture();
    await q.staff('queue.saveService', { id: q.services.a, name: '政务代办', prefix: 'A', opensAt: '08:00', closesAt: '17:00', dailyLimit: 300 });
    const script = await pairKiosk(q, '门口取号机');
    const other = await pairKiosk(q, '二楼取号机');
    // 300 requests at once from one LAN device, as the probe's script sent them.
    const answers = await Promise.all(Array.from({ length: 300 }, () => q.api.call('queue.take', { serviceId: q.services.a }, script)));
    const issued = answers.filter((r) => r.ok);
    expect(issued.length).toBe(6);
    const refused = answers.find((r) => !r.ok) as { ok: false; error: { code: string; message: string; messageEn: string; params: { seconds: number } } };
    expect(refused.error.code).toBe('QUEUE_TAKE_TOO_FAST');
    expect(refused.error.message).toBe('这台取号机刚刚取号次数太多，请等 60 秒后再取号；着急的话请到服务台。');
    expect(refused.error.messageEn).toContain('Please wait 60 seconds');
    // Nothing was used up by the refused ones: the next person at another kiosk gets A007.
    expect((await from(q, other, 'queue.take', { serviceId: q.services.a })).code).toBe('A007');
    expect((await q.take(q.services.a)).code).toBe('A008'); // the host's own window

    // A minute later the kiosk may take again; keeping it up all hour stops at 120, far from 300.
    let got = issued.length;
    for (let minute = 1; minute < 60; minute++) {
      q.advance(1);
      for (let i = 0; i < 10; i++) if ((await q.api.call('queue.take', { serviceId: q.services.a }, script)).ok) got++;
    }
    expect(got).toBe(120);
    const lines = await ok(q.api, 'queue.lines');
    expect(lines.find((l: { prefix: string }) => l.prefix === 'A').waiting).toBe(122);
  });

  it('tells how long to wait: from the oldest ticket in the window', async () => {
    const q = await queueFixture();
    const kiosk = await pairKiosk(q, '取号机');
    for (let i = 0; i < 6; i++) {
      await from(q, kiosk, 'queue.take', { serviceId: q.services.a });
      q.advance(5 / 60); // one every 5 s
    }
    const r = (await q.api.call('queue.take', { serviceId: q.services.a }, kiosk)) as unknown as { ok: false; error: { code: string; params: { seconds: number } } };
    expect(r.error).toMatchObject({ code: 'QUEUE_TAKE_TOO_FAST', params: { seconds: 30 } });
  });
});

describe('取号: the card scanned after the tap', () => {
  it('gives the ticket just taken its holder and priority, only at the same kiosk and only for a few minutes', async () => {
    const q = await queueFixture();
    await ok(q.api, 'settings.update', { values: { 'queue.priority': { enabled: true, minAge: 70, disability: true } } }, q.token);
    const old = addResident(q.db, '张建国');
    q.db.prepare('UPDATE residents SET birth_year = 1950 WHERE id = ?').run(old.id);
    const kiosk = await pairKiosk(q, '取号机');
    const elsewhere = await pairKiosk(q, '另一台');
    await from(q, kiosk, 'queue.take', { serviceId: q.services.a }); // A001, someone else
    const mine = await from(q, kiosk, 'queue.take', { serviceId: q.services.a }); // A002, tapped first
    expect(mine).toMatchObject({ priority: false, ahead: 1 });
    // Another terminal cannot claim it.
    expect((await q.api.call('queue.attachCard', { ticketId: mine.id, cardPayload: old.qr }, elsewhere)) as object).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const after = await from(q, kiosk, 'queue.attachCard', { ticketId: mine.id, cardPayload: old.qr });
    expect(after).toMatchObject({ code: 'A002', priority: true, ahead: 0 });
    expect(await ok(q.api, 'queue.card', { cardPayload: old.qr })).toMatchObject({ maskedName: '张*国', priority: true, tickets: [{ code: 'A002' }] });
    // Not our card: refused with a message, nothing changes.
    expect((await q.api.call('queue.attachCard', { ticketId: mine.id, cardPayload: 'https://example.com/x' }, kiosk)) as object).toMatchObject({
      ok: false,
      error: { code: 'CARD_INVALID' },
    });
    // Too late: four minutes after the tap the ticket stays as it is.
    const late = await from(q, kiosk, 'queue.take', { serviceId: q.services.a });
    q.advance(4);
    const other = addResident(q.db, '李秀英');
    expect((await q.api.call('queue.attachCard', { ticketId: late.id, cardPayload: other.qr }, kiosk)) as object).toMatchObject({
      ok: false,
      error: { code: 'QUEUE_CARD_TOO_LATE' },
    });
    expect((await q.staff('queue.callNext', { counterId: q.counters.c1 })).current.code).toBe('A002');
  });
});
