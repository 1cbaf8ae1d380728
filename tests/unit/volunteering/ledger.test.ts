import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../db/audit.js';
import { ISSUING_ACCOUNT, REDEMPTION_ACCOUNT, accountBalance, ledgerCheck, postTransaction, residentAccount, residentBalance } from '../../../db/volunteering/ledger.js';
import { creditActivityHours } from '../../../db/volunteering/credit.js';
import { tierFor } from '../../../db/volunteering/tiers.js';
import { tempDb, fails, ok } from '../../helpers/tempDb.js';
import { addResident, T0, timeBank, volunteerWithHours } from './fixtures.js';

/** Raw SQL, as a careless script or a bug would write it: the database itself must refuse. */
function rawTxn(db: ReturnType<typeof tempDb>['db'], amounts: Array<[number, number]>): number {
  const id = Number(db.prepare("INSERT INTO ledger_transactions (kind, memo, at) VALUES ('credit', 'raw', ?)").run(T0.toISOString()).lastInsertRowid);
  for (const [account, amount] of amounts) db.prepare('INSERT INTO ledger_entries (txn_id, account_id, amount) VALUES (?, ?, ?)').run(id, account, amount);
  return id;
}

describe('the points ledger (append-only, double-entry)', () => {
  it('the database refuses to post a transaction that does not balance, and rolls the whole thing back', () => {
    const { db } = tempDb();
    const r = addResident(db);
    const account = db.transaction(() => residentAccount(db, r.id, T0))();
    // Entries that do not sum to zero: the posting marker is refused by the trigger.
    expect(() =>
      db.transaction(() => {
        const id = rawTxn(db, [
          [ISSUING_ACCOUNT, -10],
          [account, 9],
        ]);
        db.prepare('INSERT INTO ledger_postings (txn_id, posted_at) VALUES (?, ?)').run(id, T0.toISOString());
      })(),
    ).toThrow(/does not balance/);
    // A single entry cannot be posted either, even one that is "balanced" with itself.
    expect(() =>
      db.transaction(() => {
        const id = rawTxn(db, [[account, 5]]);
        db.prepare('INSERT INTO ledger_postings (txn_id, posted_at) VALUES (?, ?)').run(id, T0.toISOString());
      })(),
    ).toThrow(/does not balance/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM ledger_entries').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM ledger_transactions').get()).toEqual({ n: 0 });

    // Entries written without a posting (a crash between, or a script) count for nothing.
    db.transaction(() =>
      rawTxn(db, [
        [ISSUING_ACCOUNT, -7],
        [account, 7],
      ]),
    )();
    expect(accountBalance(db, account)).toBe(0);
    expect(ledgerCheck(db)).toMatchObject({ transactions: 0, unbalanced: [], total: 0, unposted: 1 });

    // The code refuses first, with a typed error, before writing anything.
    expect(() =>
      db.transaction(() =>
        postTransaction(
          db,
          {
            kind: 'credit',
            memo: 'x',
            entries: [
              { accountId: ISSUING_ACCOUNT, amount: -3 },
              { accountId: account, amount: 4 },
            ],
          },
          T0,
        ),
      )(),
    ).toThrow(expect.objectContaining({ code: 'VOL_LEDGER_UNBALANCED' }));
  });

  it('refuses every UPDATE and DELETE of entries, postings and transactions; a posted transaction cannot grow', () => {
    const { db } = tempDb();
    const r = addResident(db);
    const txn = db.transaction(() => {
      const account = residentAccount(db, r.id, T0);
      return postTransaction(
        db,
        {
          kind: 'credit',
          memo: '工时',
          entries: [
            { accountId: ISSUING_ACCOUNT, amount: -20 },
            { accountId: account, amount: 20 },
          ],
        },
        T0,
      );
    })();
    expect(residentBalance(db, r.id)).toBe(20);
    expect(() => db.prepare('UPDATE ledger_entries SET amount = 2000 WHERE txn_id = ?').run(txn.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM ledger_entries WHERE txn_id = ?').run(txn.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM ledger_postings').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE ledger_postings SET posted_at = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE ledger_transactions SET memo = 'changed'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM ledger_transactions').run()).toThrow(/append-only/);
    expect(() => db.prepare('INSERT INTO ledger_entries (txn_id, account_id, amount) VALUES (?, ?, 5)').run(txn.id, ISSUING_ACCOUNT)).toThrow(/already posted/);
    expect(() => db.prepare('DELETE FROM ledger_accounts').run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE ledger_accounts SET kind = 'issuing' WHERE resident_id = ?").run(r.id)).toThrow(/only be anonymised/);
    expect(residentBalance(db, r.id)).toBe(20);
    expect(accountBalance(db, ISSUING_ACCOUNT)).toBe(-20);
    expect(ledgerCheck(db)).toEqual({ transactions: 1, unbalanced: [], total: 0, unposted: 0 });
  });

  it('a reversal is a new transaction; the original stays; a second reversal is refused', async () => {
    const tb = await timeBank();
    const r = await volunteerWithHours(tb, 120); // 2 h × 10 = 20 points
    const item = await ok(tb.api, 'volunteering.saveItem', { name: '大米 5 斤', kind: 'goods', pricePoints: 15, stock: 3 }, tb.admin);
    const { redemption } = await ok(tb.api, 'volunteering.redeem', { residentId: r.id, lines: [{ itemId: item.id, quantity: 1 }], print: false }, tb.staff);
    expect(residentBalance(tb.db, r.id)).toBe(5);
    // Staff cannot reverse; the manager can, and the rice goes back on the shelf.
    expect((await fails(tb.api, 'volunteering.reverse', { txnId: redemption.txnId, reason: '误操作' }, tb.staff)).code).toBe('FORBIDDEN');
    await ok(tb.api, 'volunteering.reverse', { txnId: redemption.txnId, reason: '误操作' }, tb.admin);
    expect(residentBalance(tb.db, r.id)).toBe(20);
    expect((await ok(tb.api, 'volunteering.items', {}, tb.staff))[0].stock).toBe(3);
    expect((await fails(tb.api, 'volunteering.reverse', { txnId: redemption.txnId, reason: '再撤一次' }, tb.admin)).code).toBe('VOL_TXN_REVERSED');
    const history = await ok(tb.api, 'volunteering.history', { residentId: r.id }, tb.staff);
    expect(history.map((h: any) => [h.kind, h.amount, h.reversed])).toEqual(
      [
        ['reversal', 15],
        ['redemption', -15],
        ['credit', 20],
      ].map(([k, a], i) => [k, a, i === 1]),
    );
    expect((await fails(tb.api, 'volunteering.reverse', { txnId: history[0].txnId, reason: '撤销撤销' }, tb.admin)).code).toBe('VOL_TXN_NOT_REVERSIBLE');
    expect(ledgerCheck(tb.db)).toMatchObject({ unbalanced: [], total: 0, unposted: 0 });
  });
});

describe('hours and points', () => {
  it('a manual credit waits for the manager; approval issues points at the set rate; everything is audited', async () => {
    const tb = await timeBank();
    const r = addResident(tb.db, { interests: ['volunteer', 'health'] });
    // Not a volunteer yet: refused, nothing written.
    expect((await fails(tb.api, 'volunteering.requestCredit', { residentId: r.id, minutes: 90, workedOn: '2026-11-21', reason: '协助义诊' }, tb.staff)).code).toBe(
      'VOL_NOT_VOLUNTEER',
    );
    // Skills only from the resident's interests.
    const bad = await fails(tb.api, 'volunteering.saveVolunteer', { residentId: r.id, skills: ['dance'] }, tb.staff);
    expect(bad.code).toBe('VOL_SKILL_NOT_INTEREST');
    expect(bad.message).toContain('广场舞');
    await ok(tb.api, 'volunteering.saveVolunteer', { residentId: r.id, skills: ['health'] }, tb.staff);
    // An inactive volunteer gets no new manual credits until set active again.
    await ok(tb.api, 'volunteering.saveVolunteer', { residentId: r.id, skills: ['health'], active: false }, tb.staff);
    expect((await fails(tb.api, 'volunteering.requestCredit', { residentId: r.id, minutes: 60, workedOn: '2026-11-21', reason: '协助' }, tb.staff)).code).toBe(
      'VOL_VOLUNTEER_INACTIVE',
    );
    await ok(tb.api, 'volunteering.saveVolunteer', { residentId: r.id, skills: ['health'], active: true }, tb.staff);

    // Bad input: typed errors with Chinese messages, nothing changed.
    const noReason = await fails(tb.api, 'volunteering.requestCredit', { residentId: r.id, minutes: 90, workedOn: '2026-11-21', reason: ' ' }, tb.staff);
    expect(noReason.code).toBe('VALIDATION_FAILED');
    expect(noReason.fields?.[0]).toMatchObject({ path: 'reason', key: 'volReason' });
    expect(noReason.fields?.[0]?.zh).toContain('原因');
    expect((await fails(tb.api, 'volunteering.requestCredit', { residentId: r.id, minutes: 0, workedOn: '2026-11-21', reason: '协助' }, tb.staff)).fields?.[0]?.key).toBe(
      'volMinutes',
    );
    expect((await fails(tb.api, 'volunteering.requestCredit', { residentId: r.id, minutes: 60, workedOn: '2026-11-23', reason: '协助' }, tb.staff)).code).toBe(
      'VOL_WORKED_IN_FUTURE',
    );
    expect(tb.db.prepare('SELECT COUNT(*) AS n FROM vol_hours').get()).toEqual({ n: 0 });

    await ok(
      tb.api,
      'volunteering.setConfig',
      { pointsPerHour: 12, tierHours: [1, 2, 3, 4, 5], honourRollOnDisplay: false, honourNameStyle: 'title', honourRollSize: 10 },
      tb.admin,
    );
    const h = await ok(tb.api, 'volunteering.requestCredit', { residentId: r.id, minutes: 90, workedOn: '2026-11-21', reason: '协助义诊量血压' }, tb.staff);
    expect(h).toMatchObject({ status: 'pending', points: null, requestedByName: '小李' });
    expect(residentBalance(tb.db, r.id)).toBe(0);
    // Staff cannot approve — only the manager.
    expect((await fails(tb.api, 'volunteering.decideCredit', { id: h.id, approve: true }, tb.staff)).code).toBe('FORBIDDEN');
    const approved = await ok(tb.api, 'volunteering.decideCredit', { id: h.id, approve: true }, tb.admin);
    expect(approved).toMatchObject({ status: 'approved', points: 18, decidedByName: '管理员' }); // 1.5 h × 12
    expect(residentBalance(tb.db, r.id)).toBe(18);
    expect((await fails(tb.api, 'volunteering.decideCredit', { id: h.id, approve: false, note: '重复' }, tb.admin)).code).toBe('VOL_CREDIT_DECIDED');

    // A rejection needs a reason, and issues nothing.
    const h2 = await ok(tb.api, 'volunteering.requestCredit', { residentId: r.id, minutes: 60, workedOn: '2026-11-20', reason: '整理图书' }, tb.staff);
    expect((await fails(tb.api, 'volunteering.decideCredit', { id: h2.id, approve: false }, tb.admin)).fields?.[0]?.key).toBe('volDecisionNote');
    expect(await ok(tb.api, 'volunteering.decideCredit', { id: h2.id, approve: false, note: '当天未到岗' }, tb.admin)).toMatchObject({ status: 'rejected', points: null });
    expect(residentBalance(tb.db, r.id)).toBe(18);

    const actions = listAudit(tb.db).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('volunteering.'))).toEqual(
      expect.arrayContaining(['volunteering.registered', 'volunteering.creditRequested', 'volunteering.creditApproved', 'volunteering.creditRejected', 'volunteering.setConfig']),
    );
    // Hours and points are separate: a new rate changes nothing already issued.
    await ok(
      tb.api,
      'volunteering.setConfig',
      { pointsPerHour: 100, tierHours: [1, 2, 3, 4, 5], honourRollOnDisplay: false, honourNameStyle: 'title', honourRollSize: 10 },
      tb.admin,
    );
    const desk = await ok(tb.api, 'volunteering.resident', { card: r.qr }, tb.staff);
    expect(desk.account).toMatchObject({ balance: 18, minutes: 90, pointsPerHour: 100 });
    expect(desk.account.tier.stars).toBe(1); // 1.5 h ≥ 1 h
  });

  it('creditActivityHours is idempotent per attendance and runs inside the caller’s transaction', async () => {
    const tb = await timeBank();
    const r = addResident(tb.db);
    const first = tb.db.transaction(() => creditActivityHours(tb.db, { attendanceId: 501, residentId: r.id, activityId: 7, minutes: 150, at: T0 }))();
    expect(first).toMatchObject({ created: true, points: 25 });
    const again = tb.db.transaction(() => creditActivityHours(tb.db, { attendanceId: 501, residentId: r.id, activityId: 7, minutes: 150, at: T0.toISOString() }))();
    expect(again).toEqual({ ...first, created: false });
    expect(residentBalance(tb.db, r.id)).toBe(25);
    // A caller's rollback takes the credit with it.
    expect(() =>
      tb.db.transaction(() => {
        creditActivityHours(tb.db, { attendanceId: 502, residentId: r.id, activityId: 7, minutes: 60, at: T0 });
        throw new Error('attendance write failed');
      })(),
    ).toThrow('attendance write failed');
    expect(residentBalance(tb.db, r.id)).toBe(25);
    expect(tb.db.prepare('SELECT COUNT(*) AS n FROM vol_hours WHERE attendance_id = 502').get()).toEqual({ n: 0 });
    // The same attendance with other figures is a bug upstream, not a second credit; bad minutes are refused.
    expect(() => creditActivityHours(tb.db, { attendanceId: 501, residentId: r.id, activityId: 7, minutes: 90, at: T0 })).toThrow(
      expect.objectContaining({ code: 'VOL_CREDIT_MISMATCH' }),
    );
    expect(() => creditActivityHours(tb.db, { attendanceId: 503, residentId: r.id, activityId: 7, minutes: 0, at: T0 })).toThrow(
      expect.objectContaining({ code: 'VOL_MINUTES_INVALID' }),
    );
    // Outside any transaction it opens its own; the person becomes a volunteer.
    creditActivityHours(tb.db, { attendanceId: 504, residentId: r.id, activityId: 8, minutes: 30, at: T0 });
    expect(residentBalance(tb.db, r.id)).toBe(30);
    expect((await ok(tb.api, 'volunteering.volunteers', {}, tb.staff)).map((v: any) => [v.residentId, v.minutes])).toEqual([[r.id, 180]]);
    expect(ledgerCheck(tb.db)).toMatchObject({ unbalanced: [], total: 0, unposted: 0 });
  });

  it('star tiers follow the configured hour thresholds', () => {
    const tiers = [20, 50, 100, 200, 500];
    expect(tierFor(0, tiers)).toMatchObject({ stars: 0, name: '志愿者', nextAtHours: 20, hoursToNext: 20 });
    expect(tierFor(19 * 60 + 59, tiers).stars).toBe(0);
    expect(tierFor(20 * 60, tiers)).toMatchObject({ stars: 1, name: '一星志愿者', nextAtHours: 50, hoursToNext: 30 });
    expect(tierFor(120 * 60, tiers)).toMatchObject({ stars: 3, name: '三星志愿者' });
    expect(tierFor(800 * 60, tiers)).toMatchObject({ stars: 5, name: '五星志愿者', nextAtHours: null, hoursToNext: null });
  });

  it('refuses tiers that do not increase and a rate out of range', async () => {
    const tb = await timeBank();
    const base = { pointsPerHour: 10, tierHours: [20, 50, 100, 200, 500], honourRollOnDisplay: false, honourNameStyle: 'title', honourRollSize: 10 };
    expect((await fails(tb.api, 'volunteering.setConfig', { ...base, tierHours: [20, 10, 100, 200, 500] }, tb.admin)).fields?.[0]?.key).toBe('volTiers');
    expect((await fails(tb.api, 'volunteering.setConfig', { ...base, pointsPerHour: 0 }, tb.admin)).fields?.[0]?.key).toBe('volPointsPerHour');
    expect((await fails(tb.api, 'volunteering.setConfig', base, tb.staff)).code).toBe('FORBIDDEN');
    expect(await ok(tb.api, 'volunteering.config', {}, tb.staff)).toEqual(base);
  });
});

describe('redemption at the desk', () => {
  it('checks balance and stock, decrements stock in the same transaction, refuses with a clear reason', async () => {
    const tb = await timeBank();
    const r = await volunteerWithHours(tb, 300); // 50 points
    const rice = await ok(tb.api, 'volunteering.saveItem', { name: '大米 5 斤', kind: 'goods', pricePoints: 20, stock: 1 }, tb.admin);
    const meal = await ok(tb.api, 'volunteering.saveItem', { name: '爱心午餐', kind: 'meal', pricePoints: 15 }, tb.admin);
    expect(meal.stock).toBeNull();
    expect((await fails(tb.api, 'volunteering.saveItem', { name: '晚餐', kind: 'meal', pricePoints: 15, stock: 3 }, tb.admin)).code).toBe('VOL_MEAL_NO_STOCK');
    expect((await fails(tb.api, 'volunteering.saveItem', { name: '爱心午餐', kind: 'meal', pricePoints: 10 }, tb.admin)).code).toBe('VOL_ITEM_EXISTS');
    expect((await fails(tb.api, 'volunteering.saveItem', { name: '毛巾', kind: 'goods', pricePoints: 5, stock: 2 }, tb.staff)).code).toBe('FORBIDDEN');

    // Two bags when one is left: refused, with the stock named; nothing changed.
    const short = await fails(tb.api, 'volunteering.redeem', { residentId: r.id, lines: [{ itemId: rice.id, quantity: 2 }], print: false }, tb.staff);
    expect(short.code).toBe('VOL_STOCK_SHORT');
    expect(short.message).toBe('“大米 5 斤”库存只剩 1 件，不够兑换 2 件。');
    // More points than the balance: refused with both figures; stock untouched.
    const poor = await fails(
      tb.api,
      'volunteering.redeem',
      {
        residentId: r.id,
        lines: [
          { itemId: rice.id, quantity: 1 },
          { itemId: meal.id, quantity: 3 },
        ],
        print: false,
      },
      tb.staff,
    );
    expect(poor.code).toBe('VOL_BALANCE_SHORT');
    expect(poor.message).toContain('需要 65 分');
    expect(poor.message).toContain('余额是 50 分');
    expect((await ok(tb.api, 'volunteering.items', {}, tb.staff)).find((i: any) => i.id === rice.id).stock).toBe(1);
    expect(residentBalance(tb.db, r.id)).toBe(50);
    // The same item twice in one list is refused at the contract.
    expect(
      (
        await fails(
          tb.api,
          'volunteering.redeem',
          {
            residentId: r.id,
            lines: [
              { itemId: meal.id, quantity: 1 },
              { itemId: meal.id, quantity: 1 },
            ],
          },
          tb.staff,
        )
      ).fields?.[0]?.key,
    ).toBe('volLines');

    const out = await ok(
      tb.api,
      'volunteering.redeem',
      {
        residentId: r.id,
        lines: [
          { itemId: rice.id, quantity: 1 },
          { itemId: meal.id, quantity: 2 },
        ],
        print: false,
      },
      tb.staff,
    );
    expect(out.redemption).toMatchObject({ totalPoints: 50, balanceAfter: 0 });
    expect(out.jobId).toBeNull(); // 不打印 (no receipt printer chosen): no job at all
    expect((await ok(tb.api, 'volunteering.items', {}, tb.staff)).find((i: any) => i.id === rice.id).stock).toBe(0);
    expect(residentBalance(tb.db, r.id)).toBe(0);
    expect(accountBalance(tb.db, REDEMPTION_ACCOUNT)).toBe(50);
    expect(accountBalance(tb.db, ISSUING_ACCOUNT)).toBe(-50);
    // 入库 adds to the stock (manager only); a meal has none to add to.
    expect((await fails(tb.api, 'volunteering.restock', { id: rice.id, add: 5 }, tb.staff)).code).toBe('FORBIDDEN');
    expect((await ok(tb.api, 'volunteering.restock', { id: rice.id, add: 5 }, tb.admin)).stock).toBe(5);
    expect((await fails(tb.api, 'volunteering.restock', { id: meal.id, add: 5 }, tb.admin)).code).toBe('VOL_MEAL_NO_STOCK');
    expect(listAudit(tb.db).some((a) => a.action === 'volunteering.restocked')).toBe(true);
    // An item off the shelf cannot be redeemed.
    await ok(tb.api, 'volunteering.saveItem', { id: meal.id, name: '爱心午餐', kind: 'meal', pricePoints: 15, active: false }, tb.admin);
    expect((await fails(tb.api, 'volunteering.redeem', { residentId: r.id, lines: [{ itemId: meal.id, quantity: 1 }] }, tb.staff)).code).toBe('VOL_ITEM_INACTIVE');
    expect(ledgerCheck(tb.db)).toMatchObject({ unbalanced: [], total: 0, unposted: 0 });
  });
});
