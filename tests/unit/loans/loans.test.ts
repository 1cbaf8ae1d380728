import { describe, expect, it } from 'vitest';
import { createApi } from '../../../db/api/api.js';
import { SessionStore } from '../../../db/api/sessions.js';
import { listAudit } from '../../../db/audit.js';
import { openDatabase } from '../../../db/connection.js';
import { fails, ok } from '../../helpers/tempDb.js';
import { addResident, loanDesk, T0 } from './fixtures.js';

const HOUR = 3_600_000;
const lend = (residentId: number, unitCode: string, extra: Record<string, unknown> = {}) => ({ residentId, unitCode, depositFen: 20000, depositMethod: 'cash', ...extra });

describe('check-out', () => {
  it('lends a scanned unit to a scanned card: due date from the category, unit 借出, slip printed, audited', async () => {
    const { api, token, resident, db, units } = await loanDesk();
    const who = await ok(api, 'loans.resident', { card: resident.qr }, token);
    expect(who).toMatchObject({ id: resident.id, name: '张建华', openLoans: [], overdue: 0 });
    const out = await ok(api, 'loans.checkout', lend(resident.id, 'HNA1:LY-0001'), token);
    expect(out.loan).toMatchObject({
      assetTag: 'LY-0001',
      categoryName: '轮椅',
      residentName: '张建华',
      depositFen: 20000,
      depositMethod: 'cash',
      dueAt: new Date(T0.getTime() + 24 * HOUR).toISOString(),
    });
    expect(out.unit.state).toBe('out');
    expect(out.jobId).toBeGreaterThan(0);
    const job = db.prepare('SELECT job_type AS t, payload FROM print_jobs WHERE id = ?').get(out.jobId) as { t: string; payload: string };
    expect(job.t).toBe('loanSlip');
    expect(JSON.parse(job.payload)).toMatchObject({ assetTag: 'LY-0001', residentMasked: '张*华' });
    expect(listAudit(db)[0]).toMatchObject({ action: 'loans.checkout', detail: { tag: 'LY-0001', depositFen: 20000 } });
    expect((await ok(api, 'inventory.unit', { code: units[0]!.assetTag }, token)).status).toBe('out');
  });

  it('an hour-long category gets an hour-long due time; staff may set another; 免押 takes no money', async () => {
    const { api, token, resident } = await loanDesk();
    const cat = await ok(api, 'inventory.createCategory', { name: '充电宝', kind: 'equipment', tagPrefix: 'CD', loanMinutes: 120, depositFen: 5000 }, token);
    await ok(api, 'inventory.addUnits', { categoryId: cat.id, count: 2, printLabels: false }, token);
    const a = await ok(api, 'loans.checkout', { ...lend(resident.id, 'CD-0001'), depositMethod: 'waived', depositFen: 5000 }, token);
    expect(a.loan.dueAt).toBe(new Date(T0.getTime() + 2 * HOUR).toISOString());
    expect(a.loan.depositFen).toBe(0);
    const due = new Date(T0.getTime() + 5 * HOUR).toISOString();
    expect((await ok(api, 'loans.checkout', lend(resident.id, 'CD-0002', { dueAt: due }), token)).loan.dueAt).toBe(due);
    expect((await fails(api, 'loans.checkout', lend(resident.id, 'LY-0001', { dueAt: T0.toISOString() }), token)).code).toBe('LOAN_DUE_BEFORE_OUT');
  });

  it('refuses an item that is out, in repair or retired with a clear Chinese message, changing nothing', async () => {
    const { api, token, resident, db } = await loanDesk();
    const other = addResident(db, '王秀英');
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token);
    const e = await fails(api, 'loans.checkout', lend(other.id, 'LY-0001'), token);
    expect(e).toMatchObject({ code: 'LOAN_UNIT_OUT', message: 'LY-0001 已经借出，不能重复借出。请先办理归还。' });
    await ok(api, 'inventory.sendToRepair', { unitId: 2, note: '轮胎漏气' }, token);
    expect((await fails(api, 'loans.checkout', lend(other.id, 'LY-0002'), token)).message).toBe('LY-0002 正在维修中，暂不能借出。');
    await ok(api, 'inventory.retireUnit', { unitId: 3, reason: '报废' }, token);
    expect((await fails(api, 'loans.checkout', lend(other.id, 'LY-0003'), token)).message).toBe('LY-0003 已报废，不能借出。');
    expect((db.prepare('SELECT COUNT(*) AS n FROM loans').get() as { n: number }).n).toBe(1);
  });

  it('two desks lending the same item at the same moment: one wins, the other hears "already out", one loan only', async () => {
    const { api, token, resident, db, file, dir, clock } = await loanDesk();
    const other = addResident(db, '王秀英');
    // A second connection to the same file, as a second process would have; same staff sessions.
    const sessions = new SessionStore(365 * 86_400_000);
    const api1 = createApi({ db, dataDir: dir, clock: () => clock.now, sessions });
    const db2 = openDatabase(file);
    const api2 = createApi({ db: db2, dataDir: dir, clock: () => clock.now, sessions });
    const t = await signIn(api1);
    try {
      const results = await Promise.all([
        api1.call('loans.checkout', lend(resident.id, 'LY-0002'), { token: t }),
        api2.call('loans.checkout', lend(other.id, 'HNA1:LY-0002'), { token: t }),
        api.call('loans.checkout', lend(other.id, 'ly-0002'), { token }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const losers = results.filter((r) => !r.ok);
      expect(losers.map((r) => !r.ok && r.error.code)).toEqual(['LOAN_UNIT_OUT', 'LOAN_UNIT_OUT']);
      expect((db.prepare('SELECT COUNT(*) AS n FROM loans WHERE unit_id = 2').get() as { n: number }).n).toBe(1);
    } finally {
      db2.close();
    }
  });

  it("the loan and the unit's 借出 are one transaction: a failure at the last step leaves neither", async () => {
    const { api, token, resident, db } = await loanDesk();
    // The audit entry is written last; make it fail, as a full disk or a crash at that moment would.
    db.exec("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN NEW.action IN ('loans.checkout', 'loans.return') BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect((await fails(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token)).code).toBe('INTERNAL');
    expect((db.prepare('SELECT COUNT(*) AS n FROM loans').get() as { n: number }).n).toBe(0);
    expect((db.prepare("SELECT status FROM loan_units WHERE asset_tag = 'LY-0001'").get() as { status: string }).status).toBe('available');
    expect((db.prepare('SELECT COUNT(*) AS n FROM print_jobs').get() as { n: number }).n).toBe(0);
    // The same for a return: the loan stays open and the unit stays out.
    db.exec('DROP TRIGGER fail_audit');
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token);
    db.exec("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'loans.return' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect((await fails(api, 'loans.return', { unitCode: 'LY-0001', condition: 'damaged' }, token)).code).toBe('INTERNAL');
    expect(db.prepare("SELECT l.returned_at AS r, u.status FROM loans l JOIN loan_units u ON u.id = l.unit_id WHERE u.asset_tag = 'LY-0001'").get()).toEqual({
      r: null,
      status: 'out',
    });
  });

  it('the database itself refuses a second open loan of a unit (the backstop under the rule)', async () => {
    const { api, token, resident, db } = await loanDesk();
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token);
    expect(() => db.prepare("INSERT INTO loans (unit_id, resident_id, out_at, due_at, deposit_fen, deposit_method) VALUES (1, ?, 'x', 'y', 0, 'waived')").run(resident.id)).toThrow(
      /UNIQUE/,
    );
  });

  it('resolves only real cards: a mistyped card number is refused', async () => {
    const { api, token, resident } = await loanDesk();
    expect((await ok(api, 'loans.resident', { card: resident.cardNo.toLowerCase() }, token)).id).toBe(resident.id);
    expect((await fails(api, 'loans.resident', { card: 'HNR1:22222222' }, token)).code).toBe('LOAN_RESIDENT_UNKNOWN');
  });
});

describe('return', () => {
  it('完好: refunds the deposit; the unit is 消毒中 for the cleaning buffer, then lendable', async () => {
    const { api, token, resident, clock, db } = await loanDesk({ cleaningMinutes: 120 });
    const other = addResident(db, '王秀英');
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token);
    clock.now = new Date(T0.getTime() + 3 * HOUR);
    const r = await ok(api, 'loans.return', { unitCode: 'HNA1:LY-0001', condition: 'good', print: true }, token);
    expect(r.loan).toMatchObject({ condition: 'good', refundFen: 20000, keptFen: 0 });
    expect(r.unit.state).toBe('cleaning');
    expect(r.jobId).toBeGreaterThan(0);
    const e = await fails(api, 'loans.checkout', lend(other.id, 'LY-0001'), token);
    expect(e.code).toBe('LOAN_UNIT_CLEANING');
    expect(e.message).toMatch(/LY-0001 正在消毒，.*15:00 后才能借出。/);
    expect((await ok(api, 'inventory.available', {})).find((c: any) => c.name === '轮椅').available).toBe(2);
    clock.now = new Date(T0.getTime() + 5 * HOUR);
    expect((await ok(api, 'loans.checkout', lend(other.id, 'LY-0001'), token)).unit.state).toBe('out');
  });

  it('损坏 → 维修中, not lendable until marked repaired; then lent again', async () => {
    const { api, token, resident, db } = await loanDesk();
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token);
    const r = await ok(api, 'loans.return', { unitCode: 'LY-0001', condition: 'damaged', note: '扶手松动', refundFen: 15000 }, token);
    expect(r.loan).toMatchObject({ condition: 'damaged', returnNote: '扶手松动', refundFen: 15000, keptFen: 5000 });
    expect(r.unit).toMatchObject({ state: 'repair', note: '扶手松动' });
    expect((await fails(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token)).code).toBe('LOAN_UNIT_REPAIR');
    expect((await ok(api, 'inventory.markRepaired', { unitId: r.unit.id }, token)).state).toBe('available');
    expect((await fails(api, 'inventory.markRepaired', { unitId: r.unit.id }, token)).code).toBe('LOAN_NOT_IN_REPAIR');
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token);
    const history = await ok(api, 'loans.history', { unitId: r.unit.id }, token);
    expect(history.map((l: any) => l.condition)).toEqual([null, 'damaged']);
    expect(await ok(api, 'loans.history', { residentId: resident.id }, token)).toHaveLength(2);
    expect(listAudit(db).map((a) => a.action)).toContain('inventory.repaired');
  });

  it('丢失 → 报废 and the deposit kept; a refund above the deposit is refused; returning an item not out says so', async () => {
    const { api, token, resident } = await loanDesk();
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token);
    expect((await fails(api, 'loans.return', { unitCode: 'LY-0001', condition: 'good', refundFen: 20001 }, token)).message).toContain('¥200.00');
    const r = await ok(api, 'loans.return', { unitCode: 'LY-0001', condition: 'lost' }, token);
    expect(r.loan).toMatchObject({ refundFen: 0, keptFen: 20000 });
    expect(r.unit.state).toBe('retired');
    expect((await fails(api, 'loans.return', { unitCode: 'LY-0001', condition: 'good' }, token)).message).toBe('LY-0001 现在没有借出，无需归还。');
  });

  it('deposit totals held + refunded + kept always add up to what was collected, and export as CSV', async () => {
    const { api, token, resident, db } = await loanDesk({ units: 4 });
    const b = addResident(db, '王秀英');
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token);
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0002', { depositFen: 10050, depositMethod: 'wechat' }), token);
    await ok(api, 'loans.checkout', lend(b.id, 'LY-0003', { depositMethod: 'alipay' }), token);
    await ok(api, 'loans.checkout', lend(b.id, 'LY-0004', { depositMethod: 'waived' }), token);
    await ok(api, 'loans.return', { unitCode: 'LY-0001', condition: 'good' }, token);
    await ok(api, 'loans.return', { unitCode: 'LY-0002', condition: 'damaged', note: '扶手断裂', refundFen: 5000 }, token);
    const t = await ok(api, 'loans.deposits', {}, token);
    expect(t).toMatchObject({ collectedFen: 50050, heldFen: 20000, refundedFen: 25000, keptFen: 5050 });
    expect(t.heldFen + t.refundedFen + t.keptFen).toBe(t.collectedFen);
    const file = await ok(api, 'loans.exportDeposits', {}, token);
    expect(file.fileName).toBe('押金台账-2026-11-22.csv');
    const lines = file.csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFF借用单号,资产编号,类别,借出时间,押金(元),方式,归还时间,退还(元),扣留(元),在押(元)');
    // Times as the center's clock shows them (T0 is 10:00 in Asia/Shanghai), not UTC.
    expect(lines[2]).toBe('2,LY-0002,轮椅,2026-11-22 10:00,100.50,微信,2026-11-22 10:00,50.00,50.50,0.00');
    expect(lines[3]).toBe('3,LY-0003,轮椅,2026-11-22 10:00,200.00,支付宝,,,,200.00');
    expect(lines[5]).toBe('合计,,,,500.50,,,250.00,50.50,200.00');
    expect(file.csv).not.toContain('王秀英');
    expect(listAudit(db)[0]).toMatchObject({ action: 'loans.exportDeposits', subject: '押金台账-2026-11-22.csv' });
  });
});

describe('overdue', () => {
  it('lists overdue loans with name and phone, marks 已电话提醒, counts them for the home screen', async () => {
    const { api, token, resident, clock } = await loanDesk();
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token);
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0002', { dueAt: new Date(T0.getTime() + 72 * HOUR).toISOString() }), token);
    expect(await ok(api, 'loans.summary', {}, token)).toEqual({ out: 2, dueToday: 0, overdue: 0 });
    clock.now = new Date(T0.getTime() + 20 * HOUR); // next day 06:00 local: LY-0001 due today at 10:00
    expect(await ok(api, 'loans.summary', {}, token)).toEqual({ out: 2, dueToday: 1, overdue: 0 });
    clock.now = new Date(T0.getTime() + 26 * HOUR);
    const overdue = await ok(api, 'loans.overdue', {}, token);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ assetTag: 'LY-0001', residentName: '张建华', overdue: true, remindedAt: null });
    expect(overdue[0].residentPhone).toMatch(/^1390000/);
    const reminded = await ok(api, 'loans.markReminded', { loanId: overdue[0].id }, token);
    expect(reminded.remindedAt).toBe(clock.now.toISOString());
    const open = await ok(api, 'loans.open', {}, token);
    expect(open.map((l: any) => [l.assetTag, l.overdue])).toEqual([
      ['LY-0001', true],
      ['LY-0002', false],
    ]);
    expect((await ok(api, 'loans.summary', {}, token)).overdue).toBe(1);
  });

  it('blocks a resident with an overdue item from borrowing more unless staff give a reason, which is recorded', async () => {
    const { api, token, resident, clock, db } = await loanDesk();
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token);
    clock.now = new Date(T0.getTime() + 30 * HOUR);
    const e = await fails(api, 'loans.checkout', lend(resident.id, 'LY-0002'), token);
    expect(e.code).toBe('LOAN_RESIDENT_OVERDUE');
    expect(e.message).toContain('1 件物资逾期未还');
    expect((await ok(api, 'loans.resident', { residentId: resident.id }, token)).overdue).toBe(1);
    const short = await fails(api, 'loans.checkout', lend(resident.id, 'LY-0002', { overrideReason: ' ' }), token);
    expect(short.fields?.[0]?.key).toBe('overrideReason');
    const out = await ok(api, 'loans.checkout', lend(resident.id, 'LY-0002', { overrideReason: '已电话确认明天归还' }), token);
    expect(out.loan.overrideReason).toBe('已电话确认明天归还');
    expect(listAudit(db)[0]).toMatchObject({ action: 'loans.checkout', detail: { overrideReason: '已电话确认明天归还', overdue: 1 } });
    // Returning the late item lifts the block.
    await ok(api, 'loans.return', { unitCode: 'LY-0001', condition: 'good' }, token);
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0003'), token);
  });
});

describe('reservations', () => {
  it('a hold counts against availability, lets its holder collect it, refuses others the last unit, and expires', async () => {
    const { api, token, resident, db, clock, wheelchair } = await loanDesk({ units: 2 });
    const other = addResident(db, '王秀英');
    const today = '2026-11-22';
    const hold = await ok(api, 'loans.reserve', { categoryId: wheelchair.id, residentId: resident.id, forDate: today }, token);
    expect(hold.status).toBe('held');
    expect((await ok(api, 'inventory.available', {}))[0].available).toBe(1);
    await ok(api, 'loans.checkout', lend(other.id, 'LY-0001'), token);
    const e = await fails(api, 'loans.checkout', lend(other.id, 'LY-0002'), token);
    expect(e).toMatchObject({ code: 'LOAN_CATEGORY_RESERVED' });
    expect((await fails(api, 'loans.reserve', { categoryId: wheelchair.id, residentId: other.id, forDate: today }, token)).code).toBe('LOAN_NONE_TO_RESERVE');
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0002'), token);
    expect((await ok(api, 'loans.reservations', {}, token))[0].status).toBe('collected');
    // A hold for Friday that nobody collects is expired on Saturday and holds nothing back.
    const friday = await ok(api, 'loans.reserve', { categoryId: wheelchair.id, residentId: other.id, forDate: '2026-11-27' }, token);
    expect(friday.status).toBe('held');
    clock.now = new Date('2026-11-28T02:00:00Z');
    const list = await ok(api, 'loans.reservations', {}, token);
    expect(list.find((r: any) => r.id === friday.id).status).toBe('expired');
    expect((await fails(api, 'loans.cancelReservation', { id: friday.id }, token)).code).toBe('LOAN_RESERVATION_CLOSED');
  });

  it('refuses a date that is not a real day with a field message, holding nothing', async () => {
    const { api, token, resident, wheelchair, db } = await loanDesk();
    for (const forDate of ['2026-02-30', '2026-13-01', '明天']) {
      const e = await fails(api, 'loans.reserve', { categoryId: wheelchair.id, residentId: resident.id, forDate }, token);
      expect(e.code, forDate).toBe('VALIDATION_FAILED');
      expect(e.fields?.[0]?.path).toBe('forDate');
    }
    expect((db.prepare('SELECT COUNT(*) AS n FROM loan_reservations').get() as { n: number }).n).toBe(0);
  });

  it('a held reservation can be cancelled, giving the unit back to everyone', async () => {
    const { api, token, resident, wheelchair } = await loanDesk({ units: 1 });
    const hold = await ok(api, 'loans.reserve', { categoryId: wheelchair.id, residentId: resident.id, forDate: '2026-11-22' }, token);
    expect((await ok(api, 'inventory.available', {}))[0].available).toBe(0);
    expect((await ok(api, 'loans.cancelReservation', { id: hold.id }, token)).status).toBe('cancelled');
    expect((await ok(api, 'inventory.available', {}))[0].available).toBe(1);
  });
});

describe('access and events', () => {
  it('keeps every loan op behind a staff session, tells open screens when something changed', async () => {
    const { api, token, resident } = await loanDesk();
    expect((await fails(api, 'loans.open', {})).code).toBe('UNAUTHENTICATED');
    expect((await fails(api, 'loans.checkout', lend(resident.id, 'LY-0001'))).code).toBe('UNAUTHENTICATED');
    const events: string[] = [];
    api.events.subscribe((e) => events.push(e.type));
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token);
    await ok(api, 'loans.return', { unitCode: 'LY-0001', condition: 'good' }, token);
    expect(events.filter((e) => e === 'loans.changed')).toHaveLength(2);
  });
});

describe('usage', () => {
  it('counts loans per category over a period (for reports)', async () => {
    const { api, token, resident } = await loanDesk();
    await ok(api, 'loans.checkout', lend(resident.id, 'LY-0001'), token);
    const u = await ok(api, 'loans.usage', { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }, token);
    expect(u).toEqual([{ categoryId: 1, name: '轮椅', loans: 1 }]);
  });
});

/** A token valid on every API that shares this session store. */
async function signIn(api: ReturnType<typeof createApi>): Promise<string> {
  const r = await api.call('staff.login', { staffId: 1, pin: '135790' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return (r.data as { token: string }).token;
}
