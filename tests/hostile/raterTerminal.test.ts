import { describe, expect, it } from 'vitest';
import { adminToken, ok } from '../helpers/tempDb.js';
import { callOp, startHostile } from './harness.js';

/**
 * The 评价器 (issue 17.5) at the real LAN transport: a tablet in a public hall that anyone can pick
 * up. With its terminal token it may only see its counter's finished ticket and rate it; staff
 * operations, other counters' tickets and even a staff PIN are refused — and a hall TV cannot rate.
 */
describe('a 评价器 over HTTP on 127.0.0.1', () => {
  it('refuses staff operations, another counter’s ticket and a display’s rating; changes nothing', async () => {
    const { api, db, port } = await startHostile({ trustLoopback: false });
    const admin = await adminToken(api);
    const service = await ok(api, 'queue.saveService', { name: '政务代办', prefix: 'A', opensAt: '00:00', closesAt: '24:00' }, admin);
    const c1 = await ok(api, 'queue.saveCounter', { number: 1, name: '1号窗口', serviceIds: [service.id] }, admin);
    const c2 = await ok(api, 'queue.saveCounter', { number: 2, name: '2号窗口', serviceIds: [service.id] }, admin);
    const pair = async (role: string, counterId?: number) => {
      const { code } = await ok(api, 'terminals.createCode', { role, name: role, ...(counterId ? { counterId } : {}) }, admin);
      const r = await callOp(port, 'terminals.pair', { code }, { 'X-Houniao-Remote': '1' });
      expect(r.status).toBe(200);
      return { 'X-Houniao-Remote': '1', 'X-Terminal-Token': (r.json as { data: { token: string } }).data.token };
    };
    const rater = await pair('rater', c1.id);
    const display = await pair('display');
    const serve = async (counterId: number) => {
      const t = await ok(api, 'queue.take', { serviceId: service.id });
      await ok(api, 'queue.callNext', { counterId }, admin);
      await ok(api, 'queue.finish', { counterId }, admin);
      return t.id as number;
    };
    const mine = await serve(c1.id);
    const theirs = await serve(c2.id);
    const code = (r: { json: unknown }) => (r.json as { error?: { code: string } }).error?.code ?? 'OK';

    // Staff work, with or without a stolen staff token, and the PIN screen: all refused before any handler.
    for (const [op, input] of [
      ['queue.callNext', { counterId: c1.id }],
      ['queue.finish', { counterId: c1.id }],
      ['queue.take', { serviceId: service.id }],
      ['ratings.list', {}],
      ['ratings.followUp', { id: 1, note: '试图改写' }],
      ['suggestions.list', {}],
      ['staff.status', {}],
      ['staff.login', { staffId: 1, pin: '135790' }],
      ['residents.search', { q: '张' }],
      ['terminals.createCode', { role: 'rater', name: 'x', counterId: c2.id }],
    ] as const) {
      const r = await callOp(port, op, input, { ...rater, Authorization: `Bearer ${admin}` });
      expect([op, r.status, code(r)]).toEqual([op, 403, 'TERMINAL_ROLE_FORBIDDEN']);
    }
    // Another counter's ticket, by id or by its QR.
    const wrong = await callOp(port, 'ratings.submit', { ticketId: theirs, level: 1, reasons: ['attitude'] }, rater);
    expect([wrong.status, code(wrong)]).toEqual([403, 'RATING_WRONG_COUNTER']);
    expect((wrong.json as { error: { message: string } }).error.message).toContain('不是在本窗口办理的');
    expect(code(await callOp(port, 'ratings.ticket', { ticketQr: `HOUNIAO-TICKET:${theirs}` }, rater))).toBe('TERMINAL_ROLE_FORBIDDEN');
    // Asking for another counter's pending ticket still answers with its own.
    const pending = await callOp(port, 'ratings.pending', { counterId: c2.id }, rater);
    expect((pending.json as { data: { counter: { id: number }; ticket: { ticketId: number } } }).data).toMatchObject({ counter: { id: c1.id }, ticket: { ticketId: mine } });
    // Malformed input is a validation error, not a crash.
    expect(code(await callOp(port, 'ratings.submit', { ticketId: mine, level: 9, extra: 1 }, rater))).toBe('VALIDATION_FAILED');
    // A hall display cannot rate at all.
    const fromTv = await callOp(port, 'ratings.submit', { ticketId: mine, level: 5 }, display);
    expect([fromTv.status, code(fromTv)]).toEqual([403, 'TERMINAL_ROLE_FORBIDDEN']);
    expect((db.prepare('SELECT COUNT(*) AS n FROM service_ratings').get() as { n: number }).n).toBe(0);

    // Its own counter's ticket: once.
    expect(code(await callOp(port, 'ratings.submit', { ticketId: mine, level: 2, reasons: ['wait'] }, rater))).toBe('OK');
    const twice = await callOp(port, 'ratings.submit', { ticketId: mine, level: 5 }, rater);
    expect([twice.status, code(twice)]).toEqual([409, 'RATING_ALREADY']);
    expect(db.prepare('SELECT ticket_id AS t, level, follow_up AS f FROM service_ratings').all()).toEqual([{ t: mine, level: 2, f: 'open' }]);
  });
});
