import { describe, expect, it } from 'vitest';
import { ledgerCheck, residentBalance } from '../../../db/volunteering/ledger.js';
import { cardQrPayload, generateCardNumber } from '../../../db/residents/cards.js';
import { fails, ok } from '../../helpers/tempDb.js';
import { addResident, timeBank, volunteerWithHours } from './fixtures.js';

type Tb = Awaited<ReturnType<typeof timeBank>>;

async function pairAs(tb: Tb, role: 'kiosk' | 'display' | 'counter'): Promise<{ remote: { terminalToken: string } }> {
  const { code } = await ok(tb.api, 'terminals.createCode', { role, name: role }, tb.admin);
  return { remote: { terminalToken: (await ok(tb.api, 'terminals.pair', { code })).token as string } };
}
const codeOf = (r: unknown) => (r as { ok: boolean; error?: { code: string } }).error?.code ?? 'OK';

/**
 * A hostile LAN: a paired kiosk or hall TV (or something holding a stolen staff token on one)
 * tries the desk's and the manager's operations, and tries to read someone else's balance.
 */
describe('时间银行 over the LAN: who may do what', () => {
  it('a kiosk or a display terminal cannot approve, redeem, reverse or change the catalogue, even with a staff token', async () => {
    const tb = await timeBank();
    const r = await volunteerWithHours(tb, 120);
    const pending = await ok(tb.api, 'volunteering.requestCredit', { residentId: r.id, minutes: 60, workedOn: '2026-11-21', reason: '打扫活动室' }, tb.staff);
    const meal = await ok(tb.api, 'volunteering.saveItem', { name: '爱心午餐', kind: 'meal', pricePoints: 5 }, tb.admin);
    const kiosk = await pairAs(tb, 'kiosk');
    const display = await pairAs(tb, 'display');
    const attempts: Array<[string, unknown]> = [
      ['volunteering.decideCredit', { id: pending.id, approve: true }],
      ['volunteering.redeem', { residentId: r.id, lines: [{ itemId: meal.id, quantity: 1 }], print: false }],
      ['volunteering.reverse', { txnId: 1, reason: '试试看' }],
      ['volunteering.saveItem', { name: '黄金', kind: 'goods', pricePoints: 1, stock: 99 }],
      ['volunteering.restock', { id: meal.id, add: 5 }],
      ['volunteering.setConfig', { pointsPerHour: 1000, tierHours: [1, 2, 3, 4, 5], honourRollOnDisplay: true, honourNameStyle: 'masked', honourRollSize: 20 }],
      ['volunteering.requestCredit', { residentId: r.id, minutes: 600, workedOn: '2026-11-21', reason: '自己加分' }],
      ['volunteering.resident', { residentId: r.id }],
      ['volunteering.history', { residentId: r.id }],
      ['volunteering.statementPdf', { residentId: r.id }],
    ];
    for (const [op, input] of attempts) {
      // Without a token: a kiosk is refused by its role, a display by its short list.
      expect(codeOf(await tb.api.call(op, input, kiosk)), `kiosk ${op}`).toBe('TERMINAL_ROLE_FORBIDDEN');
      expect(codeOf(await tb.api.call(op, input, display)), `display ${op}`).toBe('TERMINAL_ROLE_FORBIDDEN');
      // With the manager's token carried to a kiosk or a TV: still refused.
      expect(codeOf(await tb.api.call(op, input, { ...kiosk, token: tb.admin })), `kiosk+token ${op}`).toBe('TERMINAL_ROLE_FORBIDDEN');
      expect(codeOf(await tb.api.call(op, input, { ...display, token: tb.admin })), `display+token ${op}`).toBe('TERMINAL_ROLE_FORBIDDEN');
    }
    // The display may read the honour roll and nothing of a resident's account.
    expect(codeOf(await tb.api.call('volunteering.honourRoll', {}, display))).toBe('OK');
    expect(codeOf(await tb.api.call('volunteering.kiosk.account', { card: r.qr }, display))).toBe('TERMINAL_ROLE_FORBIDDEN');
    // A counter terminal with a staff token may redeem; approval still needs the manager.
    const counter = await pairAs(tb, 'counter');
    expect(codeOf(await tb.api.call('volunteering.decideCredit', { id: pending.id, approve: true }, { ...counter, token: tb.staff }))).toBe('FORBIDDEN');
    expect(codeOf(await tb.api.call('volunteering.redeem', { residentId: r.id, lines: [{ itemId: meal.id, quantity: 1 }], print: false }, { ...counter, token: tb.staff }))).toBe(
      'OK',
    );
    // Nothing the refused calls asked for happened.
    expect((await ok(tb.api, 'volunteering.credits', { status: 'pending' }, tb.staff)).map((h: any) => h.id)).toEqual([pending.id]);
    expect(residentBalance(tb.db, r.id)).toBe(15);
    expect((await ok(tb.api, 'volunteering.items', {}, tb.staff)).map((i: any) => i.name)).toEqual(['爱心午餐']);
    expect((await ok(tb.api, 'volunteering.config', {}, tb.staff)).pointsPerHour).toBe(10);
    expect(ledgerCheck(tb.db)).toMatchObject({ unbalanced: [], total: 0 });
  });

  it('the kiosk reads only the account of the person who identified: no ids, no phone without the proof, misses counted', async () => {
    const tb = await timeBank();
    const r = await volunteerWithHours(tb, 120, { name: '李桂芳', sex: 'F', birthYear: 1958 });
    const kiosk = await pairAs(tb, 'kiosk');
    const view = await tb.api.call('volunteering.kiosk.account', { card: r.qr }, kiosk);
    expect(view).toMatchObject({ ok: true, data: { maskedName: '李*芳', balance: 20, minutes: 120 } });
    expect(JSON.stringify(view)).not.toContain(r.phone);
    // Another resident's id, or a resident id next to a card: refused by the contract.
    expect(codeOf(await tb.api.call('volunteering.kiosk.account', { residentId: r.id }, kiosk))).toBe('VALIDATION_FAILED');
    expect(codeOf(await tb.api.call('volunteering.kiosk.account', { card: r.qr, residentId: r.id }, kiosk))).toBe('VALIDATION_FAILED');
    // A phone alone is not a proof; a wrong birth year is refused; the right one opens it.
    expect(codeOf(await tb.api.call('volunteering.kiosk.account', { phone: r.phone }, kiosk))).toBe('RESIDENT_PROOF_NEEDED');
    expect(codeOf(await tb.api.call('volunteering.kiosk.account', { phone: r.phone, birthYear: 1960 }, kiosk))).toBe('RESIDENT_PROOF_WRONG');
    expect(codeOf(await tb.api.call('volunteering.kiosk.account', { phone: r.phone, birthYear: 1958 }, kiosk))).toBe('OK');
    // Guessing cards: each miss costs, and the kiosk is soon told to wait.
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push(codeOf(await tb.api.call('volunteering.kiosk.account', { card: cardQrPayload(generateCardNumber()) }, kiosk)));
    expect(codes[0]).toBe('RESIDENT_NOT_FOUND');
    expect(codes).toContain('KIOSK_LOOKUP_LIMITED');
    // The staff-only desk view is not reachable from the kiosk.
    expect(codeOf(await tb.api.call('volunteering.resident', { card: r.qr }, kiosk))).toBe('TERMINAL_ROLE_FORBIDDEN');
  });

  it('the honour roll is off by default; on, it names people by surname and title, never a phone', async () => {
    const tb = await timeBank();
    await volunteerWithHours(tb, 300, { name: '王秀英', sex: 'F' });
    await volunteerWithHours(tb, 600, { name: '欧阳建国', sex: 'M' });
    const quiet = addResident(tb.db, { name: '赵大海' });
    await ok(tb.api, 'volunteering.saveVolunteer', { residentId: quiet.id, skills: [], active: false }, tb.staff);
    expect(await ok(tb.api, 'volunteering.honourRoll', {})).toMatchObject({ enabled: false, rows: [] });
    await ok(
      tb.api,
      'volunteering.setConfig',
      { pointsPerHour: 10, tierHours: [5, 8, 100, 200, 500], honourRollOnDisplay: true, honourNameStyle: 'title', honourRollSize: 10 },
      tb.admin,
    );
    const roll = await ok(tb.api, 'volunteering.honourRoll', {});
    expect(roll.rows.map((x: any) => [x.rank, x.name, x.hours, x.stars])).toEqual([
      [1, '欧阳先生', 10, 2],
      [2, '王女士', 5, 1],
    ]);
    expect(roll).toMatchObject({ enabled: true, seasonFrom: '2026-10-01' });
    await ok(
      tb.api,
      'volunteering.setConfig',
      { pointsPerHour: 10, tierHours: [5, 8, 100, 200, 500], honourRollOnDisplay: true, honourNameStyle: 'masked', honourRollSize: 10 },
      tb.admin,
    );
    expect((await ok(tb.api, 'volunteering.honourRoll', {})).rows.map((x: any) => x.name)).toEqual(['欧**国', '王*英']);
  });
});

describe('erasure keeps the ledger balanced', () => {
  it('an erased resident’s entries keep their amounts, the account is anonymised, the profile and reasons go', async () => {
    const tb = await timeBank();
    const r = await volunteerWithHours(tb, 120, { name: '孙丽华', sex: 'F' });
    const other = await volunteerWithHours(tb, 60, { name: '周志强' });
    const meal = await ok(tb.api, 'volunteering.saveItem', { name: '爱心午餐', kind: 'meal', pricePoints: 5 }, tb.admin);
    await ok(tb.api, 'volunteering.redeem', { residentId: r.id, lines: [{ itemId: meal.id, quantity: 1 }], print: false }, tb.staff);
    await ok(tb.api, 'volunteering.requestCredit', { residentId: r.id, minutes: 30, workedOn: '2026-11-21', reason: '陪孙丽华的老伴看病' }, tb.staff);
    const before = tb.db.prepare('SELECT txn_id, account_id, amount FROM ledger_entries ORDER BY id').all() as Array<{ txn_id: number; account_id: number; amount: number }>;
    const account = (tb.db.prepare('SELECT id FROM ledger_accounts WHERE resident_id = ?').get(r.id) as { id: number }).id;

    await ok(tb.api, 'residents.anonymise', { id: r.id, reason: '本人申请删除' }, tb.admin);

    // Every entry is still there with its amount; the ledger still sums to zero; the other person is untouched.
    expect(tb.db.prepare('SELECT txn_id, account_id, amount FROM ledger_entries ORDER BY id').all()).toEqual(before);
    expect(ledgerCheck(tb.db)).toMatchObject({ unbalanced: [], total: 0, unposted: 0 });
    expect(tb.db.prepare('SELECT resident_id, status FROM ledger_accounts WHERE id = ?').get(account)).toEqual({ resident_id: null, status: 'anonymised' });
    expect(residentBalance(tb.db, r.id)).toBe(0); // no account answers for the person any more
    expect(residentBalance(tb.db, other.id)).toBe(10);
    expect(tb.db.prepare('SELECT COUNT(*) AS n FROM volunteers WHERE resident_id = ?').get(r.id)).toEqual({ n: 0 });
    const reasons = tb.db.prepare('SELECT reason FROM vol_hours WHERE resident_id = ?').all(r.id) as Array<{ reason: string | null }>;
    expect(reasons.map((x) => x.reason)).toEqual(['（已删除）', '（已删除）']);
    expect(JSON.stringify(tb.db.prepare('SELECT * FROM vol_hours').all())).not.toContain('孙丽华');
    // The desk and the statement refuse the erased record with a reason.
    expect((await fails(tb.api, 'volunteering.resident', { residentId: r.id }, tb.staff)).code).toBe('VOL_RESIDENT_INACTIVE');
    expect((await fails(tb.api, 'volunteering.statementPdf', { residentId: r.id }, tb.staff)).code).toBe('VOL_RESIDENT_INACTIVE');
    // Figures for the period still count the hours (as stays are counted).
    const dash = await ok(tb.api, 'reports.dashboard', { period: { kind: 'month' } }, tb.admin);
    const section = dash.sections.find((s: any) => s.id === 'volunteering');
    const figures = Object.fromEntries(section.series[0].figures.map((f: any) => [f.key, f.value]));
    expect(figures).toMatchObject({ hours: 3, activeVolunteers: 2, pointsIssued: 30, pointsRedeemed: 5 });
  });
});

describe('merging two records of one person', () => {
  it('moves the points by a transfer, joins the volunteer rows, re-points hours; the ledger still balances', async () => {
    const tb = await timeBank();
    const keep = await volunteerWithHours(tb, 120, { name: '钱国庆', interests: ['volunteer', 'chess'] }); // 20 points
    const drop = await volunteerWithHours(tb, 60, { name: '钱国庆', interests: ['volunteer', 'taichi'] }); // 10 points
    await ok(tb.api, 'volunteering.saveVolunteer', { residentId: drop.id, skills: ['taichi'] }, tb.staff);
    const meal = await ok(tb.api, 'volunteering.saveItem', { name: '爱心午餐', kind: 'meal', pricePoints: 4 }, tb.admin);
    await ok(tb.api, 'volunteering.redeem', { residentId: drop.id, lines: [{ itemId: meal.id, quantity: 1 }], print: false }, tb.staff);
    const entriesBefore = (tb.db.prepare('SELECT COUNT(*) AS n FROM ledger_entries').get() as { n: number }).n;

    await ok(tb.api, 'residents.merge', { keepId: keep.id, dropId: drop.id, reason: '重复登记' }, tb.staff);

    expect(residentBalance(tb.db, keep.id)).toBe(26);
    expect(residentBalance(tb.db, drop.id)).toBe(0);
    expect((tb.db.prepare('SELECT COUNT(*) AS n FROM ledger_entries').get() as { n: number }).n).toBe(entriesBefore + 2);
    expect(ledgerCheck(tb.db)).toMatchObject({ unbalanced: [], total: 0, unposted: 0 });
    const volunteers = await ok(tb.api, 'volunteering.volunteers', {}, tb.staff);
    expect(volunteers).toHaveLength(1);
    expect(volunteers[0]).toMatchObject({ residentId: keep.id, minutes: 180, balance: 26 });
    expect([...volunteers[0].skills].sort()).toEqual(['taichi', 'volunteer']);
    // The old card now opens the kept person's account at the kiosk.
    expect(await ok(tb.api, 'volunteering.kiosk.account', { card: drop.qr })).toMatchObject({ balance: 26, minutes: 180 });
    const history = await ok(tb.api, 'volunteering.history', { residentId: keep.id }, tb.staff);
    expect(history[0]).toMatchObject({ kind: 'transfer', amount: 6, memo: '合并重复档案：积分转入' });
  });
});
