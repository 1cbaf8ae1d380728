import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../db/audit.js';
import { runRetention } from '../../../db/residents/retention.js';
import { ok } from '../../helpers/tempDb.js';
import { center } from './fixture.js';

const LONG_AGO = '2024-01-01T00:00:00.000Z';
/** 25 months after the fixture's day: past the default 24-month period. */
const LATER = new Date('2029-01-05T02:00:00Z');

async function fourPeople() {
  const c = await center();
  const people: Record<string, { id: number; qr: string }> = {};
  for (const [key, name, phone] of [
    ['loan', '王秀兰', '13900005555'],
    ['hold', '李秀英', '13900006666'],
    ['edited', '赵建华', '13900007777'],
    ['quiet', '孙桂兰', '13900008888'],
  ] as const) {
    const reg = await c.register({ name, phone });
    await ok(c.api, 'residents.kiosk.checkOut', { card: reg.qrPayload });
    people[key] = { id: await c.idOf(reg.qrPayload), qr: reg.qrPayload };
  }
  return { c, people };
}

describe('retention (issue 12.18)', () => {
  it('counts every contact as seen, keeps anyone with an open loan, deposit or hold (listed for staff), and audits the manager by name', async () => {
    const { c, people } = await fourPeople();
    // Two years and a month later; each had a different last contact in between.
    const contactAt = new Date('2028-06-01T02:00:00Z');
    c.clock.now = contactAt;
    await c.staff('loans.checkout', { residentId: people.loan!.id, unitId: c.units[0]!.id, depositFen: 20000, depositMethod: 'cash', print: false });
    await c.staff('loans.reserve', { categoryId: c.wheelchair.id, residentId: people.hold!.id, forDate: '2029-01-10' });
    const profile = await c.staff<Record<string, unknown>>('residents.get', { id: people.edited!.id });
    const fields = Object.fromEntries(
      ['name', 'phone', 'birthYear', 'originProvince', 'originCity', 'lodgingKind', 'lodgingAddress', 'needs', 'interests'].map((k) => [k, profile[k]]),
    );
    await c.staff('residents.update', { id: people.edited!.id, resident: { ...fields, lodgingAddress: '新地址 8 栋' }, reason: '本人换了住址' });
    // Everything the kiosk wrote in 2026 now looks long ago.
    c.db.prepare('UPDATE residents SET last_seen_at = ? WHERE last_seen_at < ?').run(LONG_AGO, '2027-01-01');
    c.db.prepare('UPDATE stays SET arrived_at = ?, departed_at = ?').run(LONG_AGO, LONG_AGO);

    // 2028-06 + 24 months is after LATER: nobody with a contact in 2028 is due... so run well after.
    c.clock.now = new Date('2030-07-01T02:00:00Z');
    const result = await c.staff<{ anonymised: number; held: Array<{ residentId: number; openLoans: number; depositFen: number; holds: number; name: string }> }>(
      'residents.runRetention',
      {},
    );
    // The hold was for 2029: expired, so the person is erased; the open loan (and its ¥200) keeps 王秀兰.
    expect(result.held).toEqual([expect.objectContaining({ residentId: people.loan!.id, name: '王秀兰', openLoans: 1, depositFen: 20000, holds: 0 })]);
    expect(result.anonymised).toBe(3);
    const entry = listAudit(c.db).find((e) => e.action === 'residents.retention')!;
    expect(entry.staffId).toBe(1);
    expect(entry.detail).toMatchObject({ by: '管理员', anonymised: 3, heldBack: [people.loan!.id] });
  });

  it('a contact within the period keeps the person: a loan, a staff edit, a card reprint, a ticket taken with the card', async () => {
    const { c, people } = await fourPeople();
    c.clock.now = new Date('2028-06-01T02:00:00Z');
    // loan: lent and returned; hold: a ticket with the card; edited: a staff edit; quiet: a card reprint.
    const out = await c.staff<{ loan: { id: number } }>('loans.checkout', {
      residentId: people.loan!.id,
      unitId: c.units[0]!.id,
      depositFen: 0,
      depositMethod: 'waived',
      print: false,
    });
    await c.staff('loans.return', { loanId: out.loan.id, condition: 'good', refundFen: 0, print: false });
    await ok(c.api, 'queue.take', { serviceId: c.serviceId, cardPayload: people.hold!.qr });
    const profile = await c.staff<Record<string, unknown>>('residents.get', { id: people.edited!.id });
    const fields = Object.fromEntries(
      ['name', 'phone', 'birthYear', 'originProvince', 'originCity', 'lodgingKind', 'lodgingAddress', 'needs', 'interests'].map((k) => [k, profile[k]]),
    );
    await c.staff('residents.update', { id: people.edited!.id, resident: { ...fields, lodgingAddress: '新地址 8 栋' }, reason: '本人换了住址' });
    await c.staff('residents.printCard', { id: people.quiet!.id });
    // The kiosk's 2026 traces are long ago; the 2028 contacts are what count.
    c.db.prepare('UPDATE stays SET arrived_at = ?, departed_at = ?').run(LONG_AGO, LONG_AGO);
    c.db.prepare('UPDATE residents SET last_seen_at = ? WHERE id IN (?, ?)').run(LONG_AGO, people.loan!.id, people.hold!.id);

    const result = runRetention(c.db, 24, LATER);
    expect(result).toMatchObject({ anonymised: 0, held: [] });
    // A run that changes nothing writes no audit row.
    expect(listAudit(c.db).some((e) => e.action === 'residents.retention')).toBe(false);
    expect(c.db.prepare("SELECT COUNT(*) AS n FROM residents WHERE status = 'active'").get()).toEqual({ n: 4 });
  });
});
