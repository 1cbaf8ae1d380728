import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../db/audit.js';
import { LOOKUP_POINTS, MISS_COST } from '../../../db/residents/kioskGuard.js';
import { SessionStore } from '../../../db/api/sessions.js';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';

/**
 * Issue 11.5 (the host enforces 是我), 12.1 (departure with open items), 12.2 (undo), 12.19 (register
 * twice reveals nothing) — at the API, the way the kiosk and a script on the LAN would call it.
 */
const CONSENT = { version: '2026-1', accepted: true };
const person = (over: Record<string, unknown> = {}) => ({
  name: '张建国',
  phone: '13900001234',
  birthYear: 1956,
  originProvince: '黑龙江省',
  originCity: '伊春市',
  lodgingKind: 'rental',
  lodgingAddress: '阳光小区 3 栋 501',
  ...over,
});

function setup() {
  const clock = { now: new Date('2026-12-01T02:00:00Z') };
  const t = tempApi({ clock: () => clock.now, sessions: new SessionStore(365 * 86_400_000) });
  return { ...t, clock, tick: (ms: number) => (clock.now = new Date(clock.now.getTime() + ms)) };
}

async function pairKiosk(api: ReturnType<typeof tempApi>['api'], admin: string, name: string) {
  const { code } = await ok(api, 'terminals.createCode', { role: 'kiosk', name }, admin);
  const res = await api.call('terminals.pair', { code }, { remote: { terminalToken: null } });
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return { remote: { terminalToken: (res.data as { token: string }).token } };
}

describe('a phone number alone opens nothing (issue 11.5)', () => {
  it('by phone only the masked name comes back; acting needs the birth year or the last 4 of the ID; a card is enough', async () => {
    const { api } = setup();
    const reg = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person(), plannedDeparture: '2027-03-01' });
    const look = await ok(api, 'residents.kiosk.lookup', { phone: '13900001234' });
    expect(look).toEqual({ maskedName: '张*国', maskedPhone: '139****1234', verified: false, openItems: [], inTown: false });

    for (const op of ['residents.kiosk.checkIn', 'residents.kiosk.checkOut', 'residents.kiosk.printCard']) {
      const e = await fails(api, op, { phone: '13900001234' });
      expect(e.code).toBe('RESIDENT_PROOF_NEEDED');
      const text = JSON.stringify(e);
      for (const secret of [reg.cardNo, reg.cardNo.replace(' ', ''), '阳光小区', '2027-03-01', '伊春']) expect(text).not.toContain(secret);
    }
    const wrong = await fails(api, 'residents.kiosk.checkIn', { phone: '13900001234', birthYear: 1957 });
    expect(wrong.code).toBe('RESIDENT_PROOF_WRONG');
    expect(wrong.message).toContain('出生年份');

    const inn = await ok(api, 'residents.kiosk.checkIn', { phone: '13900001234', birthYear: 1956 });
    expect(inn).toMatchObject({ maskedName: '张*国', alreadyIn: true, plannedDeparture: '2027-03-01' });
    const byCard = await ok(api, 'residents.kiosk.lookup', { card: reg.qrPayload });
    expect(byCard).toMatchObject({ verified: true, inTown: true });
    const card = await ok(api, 'residents.kiosk.printCard', { card: reg.qrPayload });
    expect(card.cardNo).toBe(reg.cardNo);
  });

  it('the last 4 of the ID number prove it too', async () => {
    const { api, db } = setup();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ idNumber: '11010519491231002X', birthYear: null }) });
    const last4 = (db.prepare('SELECT id_masked FROM residents').get() as { id_masked: string }).id_masked.slice(-4);
    expect(last4).toBe('002X');
    expect((await fails(api, 'residents.kiosk.printCard', { phone: '13900001234', idLast4: '0021' })).code).toBe('RESIDENT_PROOF_WRONG');
    expect((await ok(api, 'residents.kiosk.printCard', { phone: '13900001234', idLast4: '002x' })).cardNo).toMatch(/^\w{4} \w{4}$/);
  });

  it('three wrong birth years close the phone path for that person (from any kiosk); the card still works', async () => {
    const { api } = setup();
    const reg = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person() });
    expect((await fails(api, 'residents.kiosk.checkIn', { phone: '13900001234', birthYear: 1950 })).code).toBe('RESIDENT_PROOF_WRONG');
    expect((await fails(api, 'residents.kiosk.checkIn', { phone: '13900001234', birthYear: 1951 })).code).toBe('RESIDENT_PROOF_WRONG');
    expect((await fails(api, 'residents.kiosk.checkIn', { phone: '13900001234', birthYear: 1952 })).code).toBe('RESIDENT_PROOF_LOCKED');
    // Even the right year is refused now: a guesser cannot keep going.
    expect((await fails(api, 'residents.kiosk.checkIn', { phone: '13900001234', birthYear: 1956 })).code).toBe('RESIDENT_PROOF_LOCKED');
    expect(await ok(api, 'residents.kiosk.checkIn', { card: reg.qrPayload })).toMatchObject({ maskedName: '张*国' });
    expect(listAudit(db(api)).some((a) => a.action === 'residents.kioskProofLocked')).toBe(true);
  });

  it('enumerating 10,000 numbers from one terminal is throttled after a handful, with backoff; another terminal and the host are separate sources; staff see the trips', async () => {
    const { api, tick } = setup();
    const admin = await adminToken(api);
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ phone: '13900005000' }) });
    const lobby = await pairKiosk(api, admin, '大厅自助机');
    const other = await pairKiosk(api, admin, '二楼自助机');

    const answers: string[] = [];
    let found = 0;
    for (let i = 0; i < 10_000; i++) {
      const res = await api.call('residents.kiosk.lookup', { phone: `1390000${String(i).padStart(4, '0')}` }, lobby);
      if (res.ok) found++;
      answers.push(res.ok ? 'ok' : res.error.code);
    }
    const answered = answers.filter((c) => c !== 'KIOSK_LOOKUP_LIMITED').length;
    // 20 points, 3 per miss: 6 misses answer, the 7th trips it; everything after is refused without a look-up.
    expect(answered).toBe(Math.floor(LOOKUP_POINTS / MISS_COST));
    expect(answered).toBeLessThan(10);
    expect(found).toBe(0); // 13900005000 is number 5000, far past the limit
    const limited = await api.call('residents.kiosk.lookup', { phone: '13900005000' }, lobby);
    expect(limited.ok).toBe(false);
    if (!limited.ok) {
      expect(limited.error.code).toBe('KIOSK_LOOKUP_LIMITED');
      expect(limited.error.message).toMatch(/请 \d+ 秒后再试/);
      expect(Number(limited.error.params?.seconds)).toBeLessThanOrEqual(60);
    }

    // Another terminal and the host's own kiosk are not blocked by the lobby's script.
    expect((await api.call('residents.kiosk.lookup', { phone: '13900005000' }, other)).ok).toBe(true);
    expect((await api.call('residents.kiosk.lookup', { phone: '13900005000' })).ok).toBe(true);

    // After the first minute the lobby gets one more small allowance, then a doubled block.
    tick(61_000);
    const second: string[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await api.call('residents.kiosk.lookup', { phone: `1370000${String(i).padStart(4, '0')}` }, lobby);
      second.push(res.ok ? 'ok' : res.error.code);
    }
    expect(second.filter((c) => c !== 'KIOSK_LOOKUP_LIMITED').length).toBe(answered);
    const again = await api.call('residents.kiosk.lookup', { phone: '13900005000' }, lobby);
    expect(!again.ok && Number(again.error.params?.seconds)).toBeGreaterThan(60);

    const guard = await ok(api, 'residents.kioskGuard', {}, admin);
    expect(guard.trips.length).toBe(2);
    expect(guard.trips[0]).toMatchObject({ source: '大厅自助机', blockedSeconds: 120 });
    expect(guard.trips[1]).toMatchObject({ source: '大厅自助机', blockedSeconds: 60 });
  });

  it('a person checking in by phone with one typo is not blocked', async () => {
    const { api } = setup();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person() });
    for (let visit = 0; visit < 3; visit++) {
      await fails(api, 'residents.kiosk.lookup', { phone: '13900001243' }); // typo
      await ok(api, 'residents.kiosk.lookup', { phone: '13900001234' });
      await ok(api, 'residents.kiosk.checkIn', { phone: '13900001234', birthYear: 1956 });
    }
  });
});

describe('registering twice tells the kiosk nothing about the record (issue 12.19)', () => {
  it('a known phone or ID number answers "ask at the desk" with no id or name', async () => {
    const { api } = setup();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ idNumber: '11010519491231002X', birthYear: null }) });
    const dupPhone = await fails(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ name: '王秀兰' }) });
    const dupId = await fails(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ phone: '13900009999', idNumber: '11010519491231002X', birthYear: null }) });
    for (const e of [dupPhone, dupId]) {
      expect(e.code).toBe('RESIDENT_ALREADY_REGISTERED');
      expect(e.params ?? {}).toEqual({});
      expect(e.message).toContain('服务台');
      expect(JSON.stringify(e)).not.toMatch(/residentId|张|"1"/);
    }
  });

  it('registering known numbers over and over trips the same look-up limit', async () => {
    const { api } = setup();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person() });
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push((await fails(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ name: '王秀兰' }) })).code);
    expect(codes.slice(0, 6)).toEqual(Array(6).fill('RESIDENT_ALREADY_REGISTERED'));
    expect(codes.slice(6)).toEqual(Array(4).fill('KIOSK_LOOKUP_LIMITED'));
  });
});

describe('a departure with open items (issue 12.1) and its undo (12.2)', () => {
  async function withLoan() {
    const t = setup();
    const token = await adminToken(t.api);
    const reg = await ok(t.api, 'residents.kiosk.register', { consent: CONSENT, resident: person() });
    const [hit] = await ok(t.api, 'residents.search', { q: '张建国' }, token);
    const cat = await ok(t.api, 'inventory.createCategory', { name: '轮椅', kind: 'equipment', tagPrefix: 'LY', loanMinutes: 24 * 60, depositFen: 20000 }, token);
    await ok(t.api, 'inventory.addUnits', { categoryId: cat.id, count: 2, printLabels: false }, token);
    await ok(t.api, 'loans.checkout', { residentId: hit.id, unitCode: 'LY-0001', depositFen: 20000, depositMethod: 'cash', print: false }, token);
    t.tick(60_000);
    return { ...t, token, reg, id: hit.id as number };
  }

  it('the kiosk sees the open loan before 确认离开, the departure is recorded with it, and it stands out for staff', async () => {
    const { api, db, token, reg, id } = await withLoan();
    const look = await ok(api, 'residents.kiosk.lookup', { card: reg.qrPayload });
    expect(look.openItems).toEqual([{ categoryName: '轮椅', categoryNameEn: '', assetTag: 'LY-0001', depositFen: 20000 }]);
    // A phone alone does not learn what the person borrowed.
    expect((await ok(api, 'residents.kiosk.lookup', { phone: '13900001234' })).openItems).toEqual([]);

    const out = await ok(api, 'residents.kiosk.checkOut', { card: reg.qrPayload });
    expect(out.openItems).toEqual([{ categoryName: '轮椅', categoryNameEn: '', assetTag: 'LY-0001', depositFen: 20000 }]);
    const audit = listAudit(db).find((a) => a.action === 'residents.checkOut')!;
    expect(audit.detail).toMatchObject({ via: 'kiosk', openItems: [{ assetTag: 'LY-0001' }] });

    const departed = await ok(api, 'residents.departedOpenItems', {}, token);
    expect(departed).toEqual([expect.objectContaining({ residentId: id, assetTag: 'LY-0001', depositFen: 20000, residentName: '张建国', maskedPhone: '139****1234' })]);
    expect((await ok(api, 'residents.get', { id }, token)).departedWithOpenItems).toBe(true);

    // Returned: the mark is gone by itself.
    await ok(api, 'loans.return', { unitCode: 'LY-0001', condition: 'good', refundFen: 20000 }, token);
    expect(await ok(api, 'residents.departedOpenItems', {}, token)).toEqual([]);
  });

  it('撤销 within 30 s reopens the stay (once); after 30 s it is refused', async () => {
    const { api, reg, tick } = await withLoan();
    const out = await ok(api, 'residents.kiosk.checkOut', { card: reg.qrPayload });
    tick(20_000);
    expect(await ok(api, 'residents.kiosk.undoCheckOut', { undoToken: out.undoToken })).toEqual({ maskedName: '张*国' });
    expect((await ok(api, 'residents.kiosk.lookup', { card: reg.qrPayload })).inTown).toBe(true);
    expect((await fails(api, 'residents.kiosk.undoCheckOut', { undoToken: out.undoToken })).code).toBe('UNDO_EXPIRED');

    const late = await ok(api, 'residents.kiosk.checkOut', { card: reg.qrPayload });
    tick(31_000);
    const e = await fails(api, 'residents.kiosk.undoCheckOut', { undoToken: late.undoToken });
    expect(e.code).toBe('UNDO_EXPIRED');
    expect(e.message).toContain('服务台');
    expect((await ok(api, 'residents.kiosk.lookup', { card: reg.qrPayload })).inTown).toBe(false);
    expect((await fails(api, 'residents.kiosk.undoCheckOut', { undoToken: 'made-up-token-123' })).code).toBe('UNDO_EXPIRED');
  });

  it('staff 离开登记 is recorded with the open items and may be undone for 30 s', async () => {
    const { api, db, token, id, tick } = await withLoan();
    await ok(api, 'residents.checkOut', { id }, token);
    expect(listAudit(db).find((a) => a.action === 'residents.checkOut')!.detail).toMatchObject({ via: 'staff', openItems: [{ assetTag: 'LY-0001' }] });
    tick(10_000);
    expect((await ok(api, 'residents.undoCheckOut', { id }, token)).departedAt).toBeNull();
    await ok(api, 'residents.checkOut', { id }, token);
    tick(40_000);
    expect((await fails(api, 'residents.undoCheckOut', { id }, token)).code).toBe('UNDO_EXPIRED');
  });
});

// The db handle of an api created by tempApi (the test above only has the api).
function db(api: { db: unknown }) {
  return api.db as Parameters<typeof listAudit>[0];
}
