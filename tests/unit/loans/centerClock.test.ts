import { describe, expect, it } from 'vitest';
import { writeSettings } from '../../../db/settings.js';
import { fails, ok } from '../../helpers/tempDb.js';
import { addResident, loanDesk } from './fixtures.js';

/**
 * "Today" for loans is the center's day (setting `queue.timezone`), not Beijing's. The center here
 * is put in Europe/Berlin (UTC+1 in November) so that its day and Beijing's differ: at 20:00 UTC it
 * is 21:00 on the 22nd in the center and already 04:00 on the 23rd in Beijing.
 */
const at = (iso: string) => new Date(iso);
const lend = (residentId: number, unitCode: string, dueAt?: string) => ({
  residentId,
  unitCode,
  depositFen: 0,
  depositMethod: 'waived',
  print: false,
  ...(dueAt ? { dueAt } : {}),
});

describe("loans keep the center's clock", () => {
  it('due today means before midnight where the center is', async () => {
    const { api, token, resident, db, clock } = await loanDesk();
    writeSettings(db, { 'queue.timezone': 'Europe/Berlin' });
    clock.now = at('2026-11-22T20:00:00Z');
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001', '2026-11-22T22:30:00Z'), token); // 23:30 in the center: today
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0002', '2026-11-23T00:30:00Z'), token); // 01:30 tomorrow in the center
    expect(await ok(api, 'loans.summary', {}, token)).toEqual({ out: 2, dueToday: 1, overdue: 0 });
  });

  it("a hold lasts to the end of the center's day, counting against what the kiosk shows, then expires", async () => {
    const { api, token, resident, db, clock, wheelchair } = await loanDesk({ units: 2 });
    const other = addResident(db, '王秀英');
    writeSettings(db, { 'queue.timezone': 'Europe/Berlin' });
    clock.now = at('2026-11-22T20:00:00Z');
    const hold = await ok(api, 'loans.reserve', { categoryId: wheelchair.id, residentId: resident.id, forDate: '2026-11-22' }, token);
    expect(hold.status).toBe('held');
    expect((await ok(api, 'inventory.available', {}))[0]).toMatchObject({ name: '轮椅', available: 1 });

    clock.now = at('2026-11-22T22:59:00Z'); // 23:59 in the center: still held
    await ok(api, 'loans.checkout', lend(other.id, 'LY-0001'), token);
    expect((await fails(api, 'loans.checkout', lend(other.id, 'LY-0002'), token)).code).toBe('LOAN_CATEGORY_RESERVED');

    clock.now = at('2026-11-22T23:01:00Z'); // 00:01 on the 23rd in the center: not collected, expired
    expect((await ok(api, 'loans.reservations', {}, token)).find((r: any) => r.id === hold.id).status).toBe('expired');
    expect((await ok(api, 'inventory.available', {}))[0].available).toBe(1); // the one unit left on the shelf, nothing held back
    await ok(api, 'loans.checkout', lend(other.id, 'LY-0002'), token);
    // And a day already over in the center cannot be reserved.
    expect((await fails(api, 'loans.reserve', { categoryId: wheelchair.id, residentId: resident.id, forDate: '2026-11-22' }, token)).code).toBe('LOAN_RESERVE_DATE_PASSED');
  });
});
