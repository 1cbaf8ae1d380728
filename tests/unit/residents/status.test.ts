import { describe, expect, it } from 'vitest';
import { fails } from '../../helpers/tempDb.js';
import { center } from './fixture.js';

describe('merged or erased people cannot borrow or reserve (issue 12.17)', () => {
  it('refuses a loan or a hold for a merged-away or anonymised record with a Chinese message, and writes nothing', async () => {
    const c = await center();
    const a = await c.register();
    const keepId = await c.idOf(a.qrPayload);
    const b = await c.register({ name: '王秀兰', phone: '13900005555' });
    const droppedId = await c.idOf(b.qrPayload);
    const gone = await c.register({ name: '李秀英', phone: '13900006666' });
    const goneId = await c.idOf(gone.qrPayload);
    await c.staff('residents.merge', { keepId, dropId: droppedId, reason: '同一人登记了两次' });
    await c.staff('residents.anonymise', { id: goneId, deceased: false, reason: '本人要求删除' });

    const lend = (residentId: number) => fails(c.api, 'loans.checkout', { residentId, unitId: c.units[0]!.id, depositFen: 20000, depositMethod: 'cash', print: false }, c.token);
    const hold = (residentId: number) => fails(c.api, 'loans.reserve', { categoryId: c.wheelchair.id, residentId, forDate: '2026-12-02' }, c.token);

    const merged = await lend(droppedId);
    expect(merged.code).toBe('LOAN_RESIDENT_MERGED');
    expect(merged.message).toContain('已合并');
    expect((await hold(droppedId)).code).toBe('LOAN_RESIDENT_MERGED');
    const erased = await lend(goneId);
    expect(erased.code).toBe('LOAN_RESIDENT_ERASED');
    expect(erased.message).toContain('不能借用或预约');
    expect((await hold(goneId)).code).toBe('LOAN_RESIDENT_ERASED');
    expect((await fails(c.api, 'loans.resident', { residentId: goneId }, c.token)).code).toBe('LOAN_RESIDENT_ERASED');
    // The erased person's card does not resolve at all.
    expect((await fails(c.api, 'loans.resident', { card: gone.qrPayload }, c.token)).code).toBe('LOAN_RESIDENT_UNKNOWN');
    expect(c.db.prepare('SELECT COUNT(*) AS n FROM loans').get()).toEqual({ n: 0 });
    expect(c.db.prepare('SELECT COUNT(*) AS n FROM loan_reservations').get()).toEqual({ n: 0 });
  });
});
