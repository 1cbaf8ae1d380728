import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../db/audit.js';
import { ok, fails } from '../../helpers/tempDb.js';
import { center, ID } from './fixture.js';

describe('merging a duplicate record (issue 12.16)', () => {
  it('moves loans, holds, tickets and stays, keeps the old card and phone as aliases, and leaves the day as if the duplicate never existed', async () => {
    const c = await center();
    const { api, db } = c;
    // Registered once in the morning, again later with a new phone (same person, both in town today).
    const a = await c.register();
    const keepId = await c.idOf(a.qrPayload);
    c.clock.now = new Date(c.clock.now.getTime() - 60 * 60_000); // the duplicate arrived an hour earlier
    const b = await c.register({ phone: '13900007777', idNumber: ID('23070219560310001'), needs: ['hearing'] });
    c.clock.now = new Date(c.clock.now.getTime() + 2 * 60 * 60_000);
    const dropId = await c.idOf(b.qrPayload);
    const before = await c.staff('residents.today', {});
    expect(before).toMatchObject({ arrivals: 2, departures: 0, inTown: 2 });

    // The duplicate borrows a wheelchair (¥200 deposit), holds one for tomorrow and takes a ticket with its card.
    await c.staff('loans.checkout', { residentId: dropId, unitId: c.units[0]!.id, depositFen: 20000, depositMethod: 'cash', print: false });
    await c.staff('loans.reserve', { categoryId: c.wheelchair.id, residentId: dropId, forDate: '2026-12-02' });
    const ticket = await ok(api, 'queue.take', { serviceId: c.serviceId, cardPayload: b.qrPayload });

    await c.staff('residents.merge', { keepId, dropId, reason: '同一人登记了两次' });

    // Nothing points at the merged-away record any more.
    for (const table of ['stays', 'loans', 'loan_reservations', 'queue_tickets'])
      expect((db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE resident_id = ?`).get(dropId) as { n: number }).n, table).toBe(0);
    // The old card resolves to the kept person at the loan desk and the queue; the open loan shows a borrower with a phone.
    const atDesk = await c.staff<{ id: number; name: string; phone: string; openLoans: Array<{ residentName: string }> }>('loans.resident', { card: b.qrPayload });
    expect(atDesk).toMatchObject({ id: keepId, name: '张建国', phone: '13900001234' });
    expect(atDesk.openLoans).toHaveLength(1);
    expect(atDesk.openLoans[0]!.residentName).toBe('张建国');
    const mine = await ok(api, 'queue.myTickets', { cardPayload: b.qrPayload });
    expect(mine.map((t: { code: string }) => t.code)).toEqual([ticket.code]);
    expect(await ok(api, 'residents.kiosk.lookup', { card: b.qrPayload })).toMatchObject({ maskedName: '张*国' });
    const holds = await c.staff<Array<{ residentId: number; status: string }>>('loans.reservations', {});
    expect(holds.filter((h) => h.status === 'held').map((h) => h.residentId)).toEqual([keepId]);
    // The same duplicate cannot be registered again with the old phone.
    // (the kiosk says only "already registered, ask at the desk": issue 12.19)
    expect((await fails(api, 'residents.kiosk.register', { consent: { version: '2026-1', accepted: true }, resident: { ...basic(), phone: '13900007777' } })).code).toBe(
      'RESIDENT_ALREADY_REGISTERED',
    );
    // The kiosk finds the kept person by the old phone too; staff search finds the person, not a nameless alias row.
    expect(await ok(api, 'residents.kiosk.lookup', { phone: '13900007777' })).toMatchObject({ maskedName: '张*国' });
    expect(await c.staff<Array<{ id: number }>>('residents.search', { q: '7777' })).toEqual([]);
    expect((await c.staff<Array<{ id: number }>>('residents.search', { q: '13900007777' })).map((h) => h.id)).toEqual([keepId]);

    // Today: one arrival (the earlier one), no departure, one person in town.
    const after = await c.staff<{ arrivals: number; departures: number; inTown: number }>('residents.today', {});
    expect(after).toMatchObject({ arrivals: 1, departures: 0, inTown: 1 });
    const profile = await c.staff<{ stays: Array<{ arrivedAt: string; departedAt: string | null }>; idMasked: string }>('residents.get', { id: keepId });
    expect(profile.stays).toHaveLength(1);
    expect(profile.stays[0]!.arrivedAt).toBe(new Date(NOW_MINUS_HOUR).toISOString());
    expect(profile.idMasked).toMatch(/^230/);

    const entry = listAudit(db).find((e) => e.action === 'residents.merge')!;
    expect(entry.detail).toMatchObject({
      dropId,
      moved: { 'loans.resident_id': 1, 'loan_reservations.resident_id': 1, 'queue_tickets.resident_id': 1 },
      foldedStayId: expect.any(Number),
      aliasCard: expect.any(String),
    });
    expect(JSON.stringify(entry.detail)).not.toContain('13900007777');
  });

  it('moves the only open stay as it is, cancels a hold the kept person already has, and changes nothing on a refused merge', async () => {
    const c = await center();
    const a = await c.register();
    const keepId = await c.idOf(a.qrPayload);
    await ok(c.api, 'residents.kiosk.checkOut', { card: a.qrPayload });
    const b = await c.register({ phone: '13900007777' });
    const dropId = await c.idOf(b.qrPayload);
    await c.staff('loans.reserve', { categoryId: c.wheelchair.id, residentId: keepId, forDate: '2026-12-03' });
    await c.staff('loans.reserve', { categoryId: c.wheelchair.id, residentId: dropId, forDate: '2026-12-03' });
    const snapshot = () => JSON.stringify(c.db.prepare('SELECT * FROM residents ORDER BY id').all()) + JSON.stringify(c.db.prepare('SELECT * FROM stays').all());
    const untouched = snapshot();
    expect((await fails(c.api, 'residents.merge', { keepId, dropId: 999, reason: '同一人登记了两次' }, c.token)).code).toBe('NOT_FOUND');
    expect(snapshot()).toBe(untouched);

    await c.staff('residents.merge', { keepId, dropId, reason: '同一人登记了两次' });
    const today = await c.staff<{ arrivals: number; departures: number; inTown: number }>('residents.today', {});
    expect(today).toMatchObject({ arrivals: 2, departures: 1, inTown: 1 });
    const holds = await c.staff<Array<{ residentId: number; status: string }>>('loans.reservations', {});
    expect(holds.filter((h) => h.status === 'held')).toHaveLength(1);
  });
});

const NOW_MINUS_HOUR = Date.parse('2026-12-01T01:00:00Z');
function basic() {
  return {
    name: '张建国',
    birthYear: 1956,
    originProvince: '黑龙江省',
    originCity: '伊春市',
    lodgingKind: 'other',
  };
}
