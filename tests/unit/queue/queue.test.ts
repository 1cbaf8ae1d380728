import { describe, expect, it } from 'vitest';
import { fails, ok } from '../../helpers/tempDb.js';
import { localClock } from '../../../db/localTime.js';
import { setResidentLookup } from '../../../db/queue/priority.js';
import { MORNING, queueFixture } from './helpers.js';

describe('queue numbering', () => {
  it('numbers each service from 1 per local day, with the service letter', async () => {
    const q = await queueFixture();
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await q.take(q.services.a)).code);
    codes.push((await q.take(q.services.b)).code);
    expect(codes).toEqual(['A001', 'A002', 'A003', 'C001']);
  });

  it('restarts at 1 on the next local day (Asia/Shanghai midnight is 16:00 UTC)', async () => {
    const q = await queueFixture(new Date('2026-01-10T15:30:00.000Z')); // 23:30 local
    await ok(q.api, 'queue.saveService', { id: q.services.a, name: '政务代办', prefix: 'A', opensAt: '00:00', closesAt: '24:00' }, q.token);
    expect((await q.take(q.services.a)).code).toBe('A001');
    expect((await q.take(q.services.a)).code).toBe('A002');
    q.advance(40); // 00:10 next day local, still 2026-01-10 in UTC
    expect((await q.take(q.services.a)).code).toBe('A001');
  });

  it('knows the local day and time in the configured time zone', () => {
    expect(localClock(new Date('2026-01-10T16:05:00Z'), 'Asia/Shanghai')).toEqual({ day: '2026-01-11', time: '00:05' });
    expect(localClock(new Date('2026-01-10T16:05:00Z'), 'UTC')).toEqual({ day: '2026-01-10', time: '16:05' });
  });

  it('refuses tickets outside opening hours and beyond the daily limit', async () => {
    const q = await queueFixture(new Date('2026-01-09T23:00:00.000Z')); // 07:00 local
    expect((await fails(q.api, 'queue.take', { serviceId: q.services.a })).code).toBe('QUEUE_SERVICE_CLOSED');
    q.advance(120);
    await ok(q.api, 'queue.saveService', { id: q.services.a, name: '政务代办', prefix: 'A', dailyLimit: 2, opensAt: '08:00', closesAt: '17:00' }, q.token);
    await q.take(q.services.a);
    await q.take(q.services.a);
    const err = await fails(q.api, 'queue.take', { serviceId: q.services.a });
    expect(err.code).toBe('QUEUE_DAILY_LIMIT');
    expect(err.message).toContain('2');
  });

  it('rejects a letter already used and bad hours with field messages', async () => {
    const q = await queueFixture();
    expect((await fails(q.api, 'queue.saveService', { name: 'x', prefix: 'A' }, q.token)).code).toBe('QUEUE_PREFIX_TAKEN');
    const bad = await fails(q.api, 'queue.saveService', { name: 'x', prefix: 'a', opensAt: '9:00' }, q.token);
    expect(new Set(bad.fields?.map((f) => f.key))).toEqual(new Set(['queueHours', 'queuePrefix']));
    expect((await fails(q.api, 'queue.saveService', { name: 'x', prefix: 'X' })).code).toBe('UNAUTHENTICATED');
  });
});

describe('calling at a counter', () => {
  it('calls in order, one ticket per counter, for the services the counter serves', async () => {
    const q = await queueFixture();
    await q.take(q.services.b); // C001
    await q.take(q.services.a); // A001
    const events: unknown[] = [];
    q.api.events.subscribe((e) => events.push(e));
    const c1 = await q.staff('queue.callNext', { counterId: q.counters.c1 });
    expect(c1.current.code).toBe('A001'); // counter 1 serves only A
    expect((await fails(q.api, 'queue.callNext', { counterId: q.counters.c1 }, q.token)).code).toBe('QUEUE_COUNTER_BUSY');
    const c3 = await q.staff('queue.callNext', { counterId: q.counters.c3 });
    expect(c3.current.code).toBe('C001');
    expect(events).toContainEqual(expect.objectContaining({ type: 'queue.called', call: expect.objectContaining({ code: 'A001', counterNumber: 1, recall: false }) }));
    await q.staff('queue.finish', { counterId: q.counters.c3 });
    expect((await fails(q.api, 'queue.callNext', { counterId: q.counters.c3 }, q.token)).code).toBe('QUEUE_EMPTY');
  });

  it('recalls, passes over and lets a passed ticket rejoin once at the end of the line', async () => {
    const q = await queueFixture();
    const first = await q.take(q.services.a);
    await q.take(q.services.a);
    await q.staff('queue.callNext', { counterId: q.counters.c1 });
    q.advance(1);
    await q.staff('queue.recall', { counterId: q.counters.c1 });
    await q.staff('queue.noShow', { counterId: q.counters.c1 });
    const back = await q.staff('queue.requeue', { ticketId: first.id });
    expect(back).toMatchObject({ status: 'waiting', requeued: true, ahead: 1 });
    expect((await q.staff('queue.callNext', { counterId: q.counters.c1 })).current.code).toBe('A002');
    await q.staff('queue.finish', { counterId: q.counters.c1 });
    expect((await q.staff('queue.callNext', { counterId: q.counters.c1 })).current.code).toBe('A001');
    await q.staff('queue.noShow', { counterId: q.counters.c1 });
    expect((await fails(q.api, 'queue.requeue', { ticketId: first.id }, q.token)).code).toBe('QUEUE_REQUEUE_NOT_ALLOWED');
    const row = q.db.prepare('SELECT called_at, recalled_at, recall_count, no_show_at FROM queue_tickets WHERE id = ?').get(first.id) as Record<string, unknown>;
    expect(row).toMatchObject({ recall_count: 1, recalled_at: expect.any(String), no_show_at: expect.any(String) });
    const kinds = (q.db.prepare('SELECT kind FROM queue_ticket_events WHERE ticket_id = ? ORDER BY id').all(first.id) as Array<{ kind: string }>).map((r) => r.kind);
    expect(kinds).toEqual(['issued', 'called', 'recalled', 'no_show', 'requeued', 'called', 'no_show']);
  });

  it('transfers the current ticket to another service, keeping its number and place in time', async () => {
    const q = await queueFixture();
    const a1 = await q.take(q.services.a);
    q.advance(1);
    await q.take(q.services.b); // C001, issued after A001
    await q.staff('queue.callNext', { counterId: q.counters.c1 });
    expect((await fails(q.api, 'queue.transfer', { counterId: q.counters.c1, serviceId: q.services.a }, q.token)).code).toBe('QUEUE_TRANSFER_SAME');
    await q.staff('queue.transfer', { counterId: q.counters.c1, serviceId: q.services.b });
    const moved = await ok(q.api, 'queue.ticket', { id: a1.id });
    expect(moved).toMatchObject({ code: 'A001', serviceName: '健康体检', status: 'waiting', ahead: 0 });
    expect((await q.staff('queue.callNext', { counterId: q.counters.c3 })).current.code).toBe('A001');
    // The issuing service's numbering is untouched by the move.
    expect((await q.take(q.services.b)).code).toBe('C002');
  });

  it('a paused counter does not call and is left out of the estimate', async () => {
    const q = await queueFixture();
    for (let i = 0; i < 4; i++) await q.take(q.services.a);
    // A is served by counters 1 and 3: 4 ahead × 5 default minutes ÷ 2 open counters.
    expect((await ok(q.api, 'queue.lines')).find((l: { prefix: string }) => l.prefix === 'A').waitMinutes).toBe(10);
    await q.staff('queue.pause', { counterId: q.counters.c1, paused: true });
    expect((await fails(q.api, 'queue.callNext', { counterId: q.counters.c1 }, q.token)).code).toBe('QUEUE_COUNTER_PAUSED');
    expect((await ok(q.api, 'queue.lines')).find((l: { prefix: string }) => l.prefix === 'A').waitMinutes).toBe(20);
    // The paused counter's colleague still calls.
    expect((await q.staff('queue.callNext', { counterId: q.counters.c3 })).current.code).toBe('A001');
    expect((await q.staff('queue.pause', { counterId: q.counters.c1, paused: false })).paused).toBe(false);
    expect((await q.staff('queue.callNext', { counterId: q.counters.c1 })).current.code).toBe('A002');
  });
});

describe('priority', () => {
  it('serves 70+ or disabled residents first within a service when the center enables it', async () => {
    const q = await queueFixture();
    setResidentLookup((_db, card) => (card === 'OLD' ? { residentId: 7, age: 78, disability: false } : card === 'YOUNG' ? { residentId: 8, age: 60, disability: false } : null));
    try {
      const plain = await q.take(q.services.a, { cardPayload: 'OLD' });
      expect(plain.priority).toBe(false); // not enabled yet
      await ok(q.api, 'settings.update', { values: { 'queue.priority': { enabled: true, minAge: 70, disability: true } } }, q.token);
      await q.take(q.services.a, { cardPayload: 'YOUNG' });
      const old = await q.take(q.services.a, { cardPayload: 'OLD' });
      expect(old).toMatchObject({ priority: true, ahead: 0, code: 'A003' });
      expect((await q.staff('queue.callNext', { counterId: q.counters.c1 })).current.code).toBe('A003');
      expect((await q.staff('queue.finish', { counterId: q.counters.c1 })).current).toBeNull();
      expect((await q.staff('queue.callNext', { counterId: q.counters.c1 })).current.code).toBe('A001');
    } finally {
      setResidentLookup(null);
    }
  });
});

describe('estimated wait and closing time', () => {
  it('estimates from today’s observed service times, else the configured default', async () => {
    const q = await queueFixture();
    for (let i = 0; i < 4; i++) await q.take(q.services.b);
    // Default 5 min per ticket, one counter (3) serves C.
    expect((await q.take(q.services.b)).waitMinutes).toBe(20);
    await q.staff('queue.callNext', { counterId: q.counters.c3 });
    q.advance(12);
    await q.staff('queue.finish', { counterId: q.counters.c3 });
    const t = await q.take(q.services.b);
    expect(t.ahead).toBe(4);
    expect(t.waitMinutes).toBe(48); // 4 × the 12 minutes observed today
  });

  it('closes tickets not served by closing time as 未办理, and yesterday’s at the next call', async () => {
    const q = await queueFixture();
    const t1 = await q.take(q.services.a);
    await q.take(q.services.a);
    await q.staff('queue.callNext', { counterId: q.counters.c1 });
    q.setNow(new Date('2026-01-10T09:05:00.000Z')); // 17:05 local: A closed
    const lines = await ok(q.api, 'queue.lines');
    expect(lines.find((l: { prefix: string }) => l.prefix === 'A')).toMatchObject({ open: false, waiting: 0 });
    const statuses = q.db.prepare('SELECT code, status FROM queue_tickets ORDER BY id').all();
    expect(statuses).toEqual([
      { code: 'A001', status: 'called' },
      { code: 'A002', status: 'unserved' },
    ]);
    q.setNow(new Date(MORNING.getTime() + 24 * 3600_000));
    await ok(q.api, 'queue.display');
    expect((q.db.prepare('SELECT status FROM queue_tickets WHERE id = ?').get(t1.id) as { status: string }).status).toBe('unserved');
    expect(q.db.prepare("SELECT COUNT(*) AS n FROM queue_tickets WHERE status = 'called'").get()).toEqual({ n: 0 });
  });
});

describe('calling display state', () => {
  it('shows the latest call first and each ticket once', async () => {
    const q = await queueFixture();
    await q.take(q.services.a);
    await q.take(q.services.a);
    await q.staff('queue.callNext', { counterId: q.counters.c1 });
    await q.staff('queue.callNext', { counterId: q.counters.c3 });
    await q.staff('queue.recall', { counterId: q.counters.c1 });
    const d = await ok(q.api, 'queue.display');
    expect(d.current).toMatchObject({ code: 'A001', counterNumber: 1, recall: true });
    expect(d.recent.map((c: { code: string }) => c.code)).toEqual(['A002']);
  });
});

describe('demo data', () => {
  it('seeds services A–E, counters 1–4 and a morning with finished and waiting tickets', async () => {
    const { seedDemo } = await import('../../../db/demo/index.js');
    const { tempApi } = await import('../../helpers/tempDb.js');
    const now = new Date('2026-01-10T03:30:00.000Z'); // 11:30 local
    const t = tempApi({ clock: () => now });
    seedDemo(t.db, now);
    const lines = await ok(t.api, 'queue.lines');
    expect(lines.map((l: { prefix: string }) => l.prefix)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(lines.reduce((n: number, l: { waiting: number }) => n + l.waiting, 0)).toBe(8);
    const next = await ok(t.api, 'queue.take', { serviceId: lines[0].id });
    expect(Number(next.code.slice(1))).toBeGreaterThan(1);
  });
});

describe('priority from the residents module', () => {
  it('issues a normal ticket for a card nobody holds', async () => {
    const q = await queueFixture();
    await ok(q.api, 'settings.update', { values: { 'queue.priority': { enabled: true, minAge: 70, disability: true } } }, q.token);
    expect(await q.take(q.services.a, { cardPayload: 'HOUNIAO-CARD:NOPE' })).toMatchObject({ code: 'A001', priority: false });
  });
});

describe('priority with real residents (demo data)', () => {
  it('gives a 70+ resident’s scanned card priority, and a younger one’s not', async () => {
    const { seedDemo } = await import('../../../db/demo/index.js');
    const { tempApi } = await import('../../helpers/tempDb.js');
    const now = new Date('2026-01-10T03:30:00.000Z');
    const t = tempApi({ clock: () => now });
    seedDemo(t.db, now);
    const old = t.db.prepare(`SELECT card_no FROM residents WHERE status = 'active' AND card_no IS NOT NULL AND birth_year <= 1950 AND needs = '[]' LIMIT 1`).get() as
      { card_no: string } | undefined;
    const young = t.db.prepare(`SELECT card_no FROM residents WHERE status = 'active' AND card_no IS NOT NULL AND birth_year >= 1962 AND needs = '[]' LIMIT 1`).get() as
      { card_no: string } | undefined;
    expect(old && young).toBeTruthy();
    const s = t.db.prepare(`SELECT value FROM settings WHERE key = 'queue.priority'`).get();
    if (!s)
      t.db
        .prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('queue.priority', ?, ?)`)
        .run(JSON.stringify({ enabled: true, minAge: 70, disability: true }), now.toISOString());
    const lines = await ok(t.api, 'queue.lines');
    const a = lines[0].id;
    expect((await ok(t.api, 'queue.take', { serviceId: a, cardPayload: young!.card_no })).priority).toBe(false);
    const mine = await ok(t.api, 'queue.take', { serviceId: a, cardPayload: old!.card_no });
    expect(mine).toMatchObject({ priority: true });
    const residentId = t.db.prepare('SELECT resident_id FROM queue_tickets WHERE id = ?').get(mine.id) as { resident_id: number | null };
    expect(residentId.resident_id).not.toBeNull();
  });
});
