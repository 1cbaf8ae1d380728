import { describe, expect, it } from 'vitest';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';
import { ratingDeadline } from '../../../db/requests/ratings.js';
import { writeSettings } from '../../../db/settings.js';
import type { Api } from '../../../db/api/api.js';

/** 好差评 at the counter (issue 17.5) through the real API on a real SQLite file, on a clock the test moves. */
async function setUp() {
  let now = new Date('2026-01-10T02:00:00.000Z'); // 10:00 in Asia/Shanghai
  const t = tempApi({ clock: () => now });
  const admin = await adminToken(t.api);
  const service = await ok(t.api, 'queue.saveService', { name: '政务代办', prefix: 'A', opensAt: '00:00', closesAt: '24:00' }, admin);
  const other = await ok(t.api, 'queue.saveService', { name: '健康体检', prefix: 'C', opensAt: '00:00', closesAt: '24:00' }, admin);
  const c1 = await ok(t.api, 'queue.saveCounter', { number: 1, name: '1号窗口', serviceIds: [service.id, other.id] }, admin);
  const c2 = await ok(t.api, 'queue.saveCounter', { number: 2, name: '2号窗口', serviceIds: [service.id, other.id] }, admin);
  const li = await ok(t.api, 'staff.create', { name: '李娟', pin: '246810', role: 'staff' }, admin);
  const staff = (await ok(t.api, 'staff.login', { staffId: li.id, pin: '246810' })).token as string;
  const advance = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
  /** Takes a ticket, calls it at the counter and finishes it as `who`: returns the ticket id. */
  const serve = async (counterId: number, who = staff, serviceId = service.id) => {
    const ticket = await ok(t.api, 'queue.take', { serviceId });
    await ok(t.api, 'queue.callNext', { counterId }, who);
    advance(4);
    await ok(t.api, 'queue.finish', { counterId }, who);
    return ticket.id as number;
  };
  return { ...t, admin, staff, staffId: li.id as number, service, other, c1, c2, serve, advance, setNow: (d: Date) => (now = d) };
}

const code = async (api: Api, op: string, input: unknown, options: Parameters<Api['call']>[2] = {}) => {
  const r = await api.call(op, input, options);
  return r.ok ? 'OK' : r.error.code;
};

describe('who served a ticket (issue 15 gap)', () => {
  it('records the signed-in staff member on call, recall and finish, and as the one who served the ticket', async () => {
    const s = await setUp();
    const id = await s.serve(s.c1.id);
    const events = s.db.prepare('SELECT kind, staff_id AS staffId FROM queue_ticket_events WHERE ticket_id = ? ORDER BY id').all(id);
    expect(events).toEqual([
      { kind: 'issued', staffId: null },
      { kind: 'called', staffId: s.staffId },
      { kind: 'finished', staffId: s.staffId },
    ]);
    expect(s.db.prepare('SELECT served_by AS b FROM queue_tickets WHERE id = ?').get(id)).toEqual({ b: s.staffId });
  });
});

describe('counter ratings (好差评)', () => {
  it('takes one rating per finished ticket, bound to service, counter and staff member; a second is refused and changes nothing', async () => {
    const s = await setUp();
    const id = await s.serve(s.c1.id);
    const r = await ok(s.api, 'ratings.submit', { ticketId: id, level: 5 });
    expect(r.followUp).toBe(false);
    expect(s.db.prepare('SELECT ticket_id, service_id, counter_id, staff_id, level, follow_up, source FROM service_ratings').all()).toEqual([
      { ticket_id: id, service_id: s.service.id, counter_id: s.c1.id, staff_id: s.staffId, level: 5, follow_up: null, source: 'kiosk:host' },
    ]);
    const again = await fails(s.api, 'ratings.submit', { ticketId: id, level: 1, reasons: ['attitude'] });
    expect(again.code).toBe('RATING_ALREADY');
    expect(again.message).toContain('已经评价过了');
    expect(s.db.prepare('SELECT COUNT(*) AS n, MAX(level) AS l FROM service_ratings').get()).toEqual({ n: 1, l: 5 });
  });

  it('refuses bad input with a Chinese message and changes nothing', async () => {
    const s = await setUp();
    const waiting = (await ok(s.api, 'queue.take', { serviceId: s.service.id })).id;
    expect(await code(s.api, 'ratings.submit', { ticketId: waiting, level: 4 })).toBe('RATING_NOT_FINISHED');
    expect(await code(s.api, 'ratings.submit', { ticketId: 99999, level: 4 })).toBe('RATING_TICKET_UNKNOWN');
    expect(await code(s.api, 'ratings.submit', { ticketId: waiting, level: 6 })).toBe('VALIDATION_FAILED');
    expect(await code(s.api, 'ratings.ticket', { ticketQr: 'https://example.com/x' })).toBe('RATING_TICKET_UNKNOWN');
    await ok(s.api, 'queue.callNext', { counterId: s.c1.id }, s.staff);
    await ok(s.api, 'queue.finish', { counterId: s.c1.id }, s.staff);
    const noReason = await fails(s.api, 'ratings.submit', { ticketId: waiting, level: 2 });
    expect(noReason.code).toBe('RATING_REASON_REQUIRED');
    expect(noReason.message).toMatch(/请选一个原因/);
    expect(await code(s.api, 'ratings.submit', { ticketId: waiting, level: 1, reasonText: '   ' })).toBe('RATING_REASON_REQUIRED');
    expect((s.db.prepare('SELECT COUNT(*) AS n FROM service_ratings').get() as { n: number }).n).toBe(0);
    // With a typed reason (the keyboard) it is taken and opens a follow-up.
    expect((await ok(s.api, 'ratings.submit', { ticketId: waiting, level: 1, reasonText: '等了很久没人解释' })).followUp).toBe(true);
  });

  it('nobody rates their own service: the staff member who served it is refused; another staff member’s session is not', async () => {
    const s = await setUp();
    const id = await s.serve(s.c1.id);
    const own = await fails(s.api, 'ratings.submit', { ticketId: id, level: 5 }, s.staff);
    expect(own.code).toBe('RATING_OWN_SERVICE');
    expect(await code(s.api, 'ratings.ticket', { ticketQr: `HOUNIAO-TICKET:${id}` }, { token: s.staff })).toBe('RATING_OWN_SERVICE');
    // The host's kiosk window shares one browser with the console: a manager signed in there is not the server of this ticket.
    expect(await code(s.api, 'ratings.submit', { ticketId: id, level: 4 }, { token: s.admin })).toBe('OK');
  });

  it('a bad rating makes a follow-up that staff list, filter and mark done once, with a note', async () => {
    const s = await setUp();
    const a = await s.serve(s.c1.id);
    const b = await s.serve(s.c2.id, s.admin, s.other.id);
    await ok(s.api, 'ratings.submit', { ticketId: a, level: 2, reasons: ['wait', 'unclear'] });
    await ok(s.api, 'ratings.submit', { ticketId: b, level: 1, reasons: ['attitude'] });
    const open = await ok(s.api, 'ratings.list', {}, s.staff);
    expect(open.openFollowUps).toBe(2);
    expect(open.ratings.map((r: { ticketCode: string }) => r.ticketCode).sort()).toEqual(['A001', 'C001']);
    const byService = await ok(s.api, 'ratings.list', { show: 'bad', serviceId: s.other.id }, s.staff);
    expect(byService.ratings).toHaveLength(1);
    expect(byService.ratings[0]).toMatchObject({ ticketCode: 'C001', staffName: '管理员', reasons: ['attitude'], followUp: 'open' });
    const byStaff = await ok(s.api, 'ratings.list', { show: 'open', staffId: s.staffId }, s.staff);
    expect(byStaff.ratings.map((r: { ticketCode: string }) => r.ticketCode)).toEqual(['A001']);
    const id = byStaff.ratings[0].id;
    expect((await fails(s.api, 'ratings.followUp', { id, note: '' }, s.staff)).fields?.[0]?.key).toBe('followUpNote');
    const done = await ok(s.api, 'ratings.followUp', { id, note: '已电话致歉，调整了窗口人手' }, s.staff);
    expect(done).toMatchObject({ followUp: 'done', followUpNote: '已电话致歉，调整了窗口人手', followedUpByName: '李娟' });
    expect(await code(s.api, 'ratings.followUp', { id, note: '再写一次' }, { token: s.staff })).toBe('RATING_FOLLOW_UP_DONE');
    expect((await ok(s.api, 'ratings.list', {}, s.staff)).openFollowUps).toBe(1);
    expect(await code(s.api, 'ratings.list', {}, {})).toBe('UNAUTHENTICATED');
  });

  it('expires at the end of the center’s day by default, or after the configured hours', async () => {
    const s = await setUp();
    s.setNow(new Date('2026-01-10T15:30:00.000Z')); // 23:30 local (the morning's sessions have timed out)
    const late = (await ok(s.api, 'staff.login', { staffId: s.staffId, pin: '246810' })).token as string;
    const id = await s.serve(s.c1.id, late); // finished 23:34 local
    expect(ratingDeadline(s.db, '2026-01-10T15:34:00.000Z').toISOString()).toBe('2026-01-10T16:00:00.000Z');
    s.advance(30); // 00:04 next day
    expect(await code(s.api, 'ratings.submit', { ticketId: id, level: 5 })).toBe('RATING_EXPIRED');
    writeSettings(s.db, { 'ratings.windowHours': 2 });
    expect(await code(s.api, 'ratings.submit', { ticketId: id, level: 5 })).toBe('OK');
  });
});

describe('the 评价器 terminal role', () => {
  it('pairs bound to a counter, sees the ticket finished there, rates only its own counter and can call nothing else', async () => {
    const s = await setUp();
    expect((await fails(s.api, 'terminals.createCode', { role: 'rater', name: '1号评价器' }, s.admin)).fields?.[0]?.key).toBe('raterCounter');
    expect(await code(s.api, 'terminals.createCode', { role: 'rater', name: '1号评价器', counterId: 999 }, { token: s.admin })).toBe('NOT_FOUND');
    const { code: pairing } = await ok(s.api, 'terminals.createCode', { role: 'rater', name: '1号评价器', counterId: s.c1.id }, s.admin);
    const paired = await ok(s.api, 'terminals.pair', { code: pairing });
    expect(paired.terminal).toMatchObject({ role: 'rater', counterId: s.c1.id });
    const rater = { remote: { terminalToken: paired.token as string } };
    expect(await s.api.call('terminals.me', {}, rater)).toMatchObject({ ok: true, data: { kind: 'terminal', role: 'rater', counterId: s.c1.id } });
    expect(await s.api.call('ratings.pending', {}, rater)).toMatchObject({ ok: true, data: { counter: { id: s.c1.id, number: 1 }, ticket: null } });

    const events: string[] = [];
    s.api.events.subscribe((e) => e.type === 'rating.ready' && events.push(`${e.counterId}:${e.code}`));
    const mine = await s.serve(s.c1.id);
    const theirs = await s.serve(s.c2.id);
    expect(events).toEqual([`${s.c1.id}:A001`, `${s.c2.id}:A002`]);
    // Asking for another counter still answers with its own.
    expect(await s.api.call('ratings.pending', { counterId: s.c2.id }, rater)).toMatchObject({
      ok: true,
      data: { counter: { id: s.c1.id }, ticket: { ticketId: mine, code: 'A001' } },
    });
    expect(await code(s.api, 'ratings.submit', { ticketId: theirs, level: 5 }, rater)).toBe('RATING_WRONG_COUNTER');
    for (const op of ['queue.callNext', 'queue.lines', 'queue.take', 'ratings.ticket', 'ratings.list', 'suggestions.submit', 'staff.status', 'staff.login']) {
      expect(await code(s.api, op, { counterId: s.c1.id }, { ...rater, token: s.admin }), op).toBe('TERMINAL_ROLE_FORBIDDEN');
    }
    expect(await code(s.api, 'ratings.submit', { ticketId: mine, level: 3 }, rater)).toBe('OK');
    expect(s.db.prepare('SELECT source FROM service_ratings').get()).toEqual({ source: `rater:${paired.terminal.id}` });
    expect(await s.api.call('ratings.pending', {}, rater)).toMatchObject({ ok: true, data: { ticket: null } });
  });

  it('a display cannot rate, a counter terminal (a staff device) cannot rate, a kiosk can', async () => {
    const s = await setUp();
    const pairAs = async (role: string) => {
      const { code: c } = await ok(s.api, 'terminals.createCode', { role, name: role }, s.admin);
      return { remote: { terminalToken: (await ok(s.api, 'terminals.pair', { code: c })).token as string } };
    };
    const id = await s.serve(s.c1.id);
    expect(await code(s.api, 'ratings.submit', { ticketId: id, level: 5 }, await pairAs('display'))).toBe('TERMINAL_ROLE_FORBIDDEN');
    expect(await code(s.api, 'ratings.submit', { ticketId: id, level: 5 }, await pairAs('counter'))).toBe('RATING_STAFF_DEVICE');
    expect(await code(s.api, 'ratings.ticket', { ticketQr: `HOUNIAO-TICKET:${id}` }, await pairAs('kiosk'))).toBe('OK');
    expect((s.db.prepare('SELECT COUNT(*) AS n FROM service_ratings').get() as { n: number }).n).toBe(0);
  });
});
