import { describe, expect, it } from 'vitest';
import { ok } from '../helpers/tempDb.js';
import { residentBalance } from '../../db/volunteering/ledger.js';
import { addResident } from '../unit/volunteering/fixtures.js';
import { startHostile } from './harness.js';

/**
 * 时间银行 over the real LAN server (HTTP on 127.0.0.1, loopback not trusted, so every caller is a
 * terminal): a hall TV or a kiosk with a stolen manager token tries approval, redemption and
 * another person's balance. Each answer is a typed refusal and nothing changes.
 */
describe('时间银行 on a hostile LAN', () => {
  it('kiosk and display terminals cannot approve, redeem or read another account', async () => {
    const { api, db, url } = await startHostile({ trustLoopback: false });
    const admin = (await ok(api, 'staff.setup', { name: '管理员', pin: '135790' })).token as string;
    const r = addResident(db, { name: '赵桂兰', sex: 'F' });
    await ok(api, 'volunteering.saveVolunteer', { residentId: r.id, skills: ['volunteer'] }, admin);
    const pending = await ok(api, 'volunteering.requestCredit', { residentId: r.id, minutes: 600, workedOn: '2026-01-01', reason: '想多拿积分' }, admin);
    const meal = await ok(api, 'volunteering.saveItem', { name: '爱心午餐', kind: 'meal', pricePoints: 1 }, admin);
    const pair = async (role: 'kiosk' | 'display') =>
      (await ok(api, 'terminals.pair', { code: (await ok(api, 'terminals.createCode', { role, name: role }, admin)).code })).token as string;
    const kiosk = await pair('kiosk');
    const display = await pair('display');

    const post = async (op: string, body: unknown, headers: Record<string, string>) => {
      const res = await fetch(`${url}/api/call/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string; message: string } } };
    };
    for (const terminal of [kiosk, display]) {
      const variants: Array<Record<string, string>> = [{ 'X-Terminal-Token': terminal }, { 'X-Terminal-Token': terminal, Authorization: `Bearer ${admin}` }];
      for (const headers of variants) {
        const approve = await post('volunteering.decideCredit', { id: pending.id, approve: true }, headers);
        expect(approve.status).toBe(403);
        expect(approve.body.error?.code).toBe('TERMINAL_ROLE_FORBIDDEN');
        expect(approve.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
        const spend = await post('volunteering.redeem', { residentId: r.id, lines: [{ itemId: meal.id, quantity: 1 }] }, headers);
        expect(spend.body.error?.code).toBe('TERMINAL_ROLE_FORBIDDEN');
        expect((await post('volunteering.history', { residentId: r.id }, headers)).body.error?.code).toBe('TERMINAL_ROLE_FORBIDDEN');
      }
    }
    // The kiosk may ask for an account only with the person's card; an id is not a card.
    expect((await post('volunteering.kiosk.account', { residentId: r.id }, { 'X-Terminal-Token': kiosk })).body.error?.code).toBe('VALIDATION_FAILED');
    expect((await post('volunteering.kiosk.account', { phone: '13900000001' }, { 'X-Terminal-Token': kiosk })).body.error?.code).toMatch(
      /RESIDENT_PROOF_NEEDED|RESIDENT_NOT_FOUND/,
    );
    expect((await post('volunteering.kiosk.account', { card: r.qr }, { 'X-Terminal-Token': display })).body.error?.code).toBe('TERMINAL_ROLE_FORBIDDEN');
    expect((await post('volunteering.kiosk.account', { card: r.qr }, {})).body.error?.code).toBe('TERMINAL_NOT_PAIRED');
    const own = await post('volunteering.kiosk.account', { card: r.qr }, { 'X-Terminal-Token': kiosk });
    expect(own.body).toMatchObject({ ok: true, data: { maskedName: '赵*兰', balance: 0 } });
    // Nothing the refused calls asked for happened.
    expect((await ok(api, 'volunteering.credits', { status: 'pending' }, admin)).map((h: { id: number }) => h.id)).toEqual([pending.id]);
    expect(residentBalance(db, r.id)).toBe(0);
  });
});
