import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../db/audit.js';
import { residentForTicket } from '../../../db/residents/priority.js';
import { runRetention } from '../../../db/residents/retention.js';
import { centerDayBounds } from '../../../db/residents/today.js';
import { idCheckChar } from '../../../db/residents/idNumbers.js';
import { createApi } from '../../../db/api/api.js';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';

const CONSENT = { version: '2026-1', accepted: true };
const ID = (first17: string) => first17 + idCheckChar(first17);

function person(over: Record<string, unknown> = {}) {
  return {
    name: '张建国',
    phone: '13900001234',
    birthYear: 1956,
    originProvince: '黑龙江省',
    originCity: '伊春市',
    lodgingKind: 'rental',
    lodgingAddress: '炳草岗 阳光小区 3 栋 2 单元 501',
    needs: ['wheelchair'],
    interests: ['calligraphy', 'choir'],
    ...over,
  };
}

/** A fixed clock (10:00 in China) so planned departures in the tests stay in the future. */
const NOW = new Date('2026-12-01T02:00:00Z');

async function setup(now = NOW) {
  const t = tempApi({ clock: () => now });
  const token = await adminToken(t.api);
  return { ...t, token };
}

describe('kiosk registration', () => {
  it('registers with consent, opens a stay, submits the card, and answers with masked data only', async () => {
    const { api, db, token } = await setup();
    const reg = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ idNumber: ID('23070219560310001') }), plannedDeparture: '2027-03-15' });
    expect(reg).toMatchObject({ maskedName: '张*国', cardNo: expect.stringMatching(/^\w{4} \w{4}$/), qrPayload: expect.stringMatching(/^HNR1:/) });
    expect(reg.printJobId).toBeGreaterThan(0);
    expect(JSON.stringify(reg)).not.toContain('13900001234');
    const row = db.prepare('SELECT * FROM residents').get() as Record<string, unknown>;
    expect(row.id_cipher).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain('2307021956');
    expect(row.id_masked).toBe('230***********' + ID('23070219560310001').slice(-4));
    expect(row.consent_version).toBe('2026-1');
    expect(row.name_initials).toBe('zjg');
    const [hit] = await ok(api, 'residents.search', { q: 'zjg' }, token);
    const profile = await ok(api, 'residents.get', { id: hit.id }, token);
    expect(profile).toMatchObject({ name: '张建国', sex: 'M', birthYear: 1956, originCity: '伊春市', stays: [{ plannedDeparture: '2027-03-15', departedAt: null }] });
    expect(listAudit(db).some((a) => a.action === 'residents.register')).toBe(true);
  });

  it('refuses without consent, with bad fields (Chinese message per field), and writes nothing', async () => {
    const { api, db } = await setup();
    const noConsent = await fails(api, 'residents.kiosk.register', { consent: { version: '2026-1', accepted: false }, resident: person() });
    expect(noConsent.code).toBe('VALIDATION_FAILED');
    expect(noConsent.fields?.[0]?.zh).toContain('隐私说明');
    const bad = await fails(api, 'residents.kiosk.register', {
      consent: CONSENT,
      resident: person({ phone: '1390000', idNumber: '110105194912310021', originCity: '伊春' }),
    });
    expect(bad.code).toBe('VALIDATION_FAILED');
    const byPath = Object.fromEntries(bad.fields!.map((f) => [f.path, f.zh]));
    expect(byPath['resident.phone']).toBe('手机号是 11 位数字，现在的位数不对，请核对。');
    expect(byPath['resident.idNumber']).toContain('身份证号不正确');
    expect((db.prepare('SELECT COUNT(*) AS n FROM residents').get() as { n: number }).n).toBe(0);
    const noYear = await fails(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ birthYear: null }) });
    expect(noYear.fields?.[0]).toMatchObject({ path: 'resident.birthYear' });
    const outdated = await fails(api, 'residents.kiosk.register', { consent: { version: '2019', accepted: true }, resident: person() });
    expect(outdated.code).toBe('CONSENT_OUTDATED');
  });

  it('catches a second registration of the same phone or ID number', async () => {
    const { api } = await setup();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ idNumber: ID('23070219560310001') }) });
    // The kiosk learns only "ask at the desk" (issue 12.19); staff get the link to the record.
    expect((await fails(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ name: '王秀兰' }) })).code).toBe('RESIDENT_ALREADY_REGISTERED');
    const dupId = await fails(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ phone: '13900005678', idNumber: ID('23070219560310001') }) });
    expect(dupId.code).toBe('RESIDENT_ALREADY_REGISTERED');
    expect(dupId.message).toContain('已经登记');
  });

  it('requires a hotel from the list when staying at a hotel', async () => {
    const { api, token } = await setup();
    const bad = await fails(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ lodgingKind: 'hotel', lodgingAddress: null }) });
    expect(bad.fields?.[0]?.path).toBe('resident.lodgingId');
    const list = await ok(api, 'residents.saveLodging', { name: '阳光康养酒店', kind: 'hotel', address: '炳草岗大道 8 号' }, token);
    const reg = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ lodgingKind: 'hotel', lodgingId: list[0].id }) });
    // Before the person confirms 张*国, a typed phone reveals nothing else: not where they stay, not their card.
    expect(await ok(api, 'residents.kiosk.lookup', { phone: '13900001234' })).toEqual({
      maskedName: reg.maskedName,
      maskedPhone: '139****1234',
      verified: false,
      openItems: [],
      inTown: false,
    });
    expect(await ok(api, 'residents.kiosk.checkIn', { phone: '13900001234', birthYear: 1956 })).toMatchObject({
      maskedName: reg.maskedName,
      lodging: '阳光康养酒店',
      inTown: true,
      alreadyIn: true,
    });
    expect((await fails(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ phone: '13900009999', lodgingKind: 'hotel', lodgingId: 999 }) })).code).toBe(
      'LODGING_UNKNOWN',
    );
    const dup = await fails(api, 'residents.saveLodging', { name: '阳光康养酒店', kind: 'minsu' }, token);
    expect(dup).toMatchObject({ code: 'LODGING_DUPLICATE', message: '名单里已经有“阳光康养酒店”了，请换一个名称，或修改原来那一条。' });
    expect((await fails(api, 'residents.saveLodging', { id: 999, name: '月亮湾民宿', kind: 'minsu' }, token)).code).toBe('NOT_FOUND');
    expect(await ok(api, 'residents.lodgings')).toHaveLength(1);
  });
});

describe('kiosk check-in and check-out', () => {
  it('checks in again by card (scan payload or typed) or phone; checks out with the stay length', async () => {
    const { api, token } = await setup();
    const reg = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person() });
    const out = await ok(api, 'residents.kiosk.checkOut', { card: reg.qrPayload });
    expect(out).toMatchObject({ maskedName: '张*国', days: 1 });
    expect((await fails(api, 'residents.kiosk.checkOut', { phone: '13900001234', birthYear: 1956 })).code).toBe('NO_OPEN_STAY');
    const back = await ok(api, 'residents.kiosk.checkIn', { card: reg.cardNo.toLowerCase(), plannedDeparture: '2027-04-01' });
    expect(back).toMatchObject({ maskedName: '张*国', maskedPhone: '139****1234', alreadyIn: false, inTown: true, plannedDeparture: '2027-04-01' });
    expect(JSON.stringify(back)).not.toMatch(/张建国|13900001234/);
    const again = await ok(api, 'residents.kiosk.checkIn', { phone: '13900001234', birthYear: 1956 });
    expect(again).toMatchObject({ alreadyIn: true, stayId: back.stayId });
    const [hit] = await ok(api, 'residents.search', { q: '1234' }, token);
    expect((await ok(api, 'residents.get', { id: hit.id }, token)).stays).toHaveLength(2);
  });

  it('before 是我, a typed phone shows only the masked name and phone: no card, origin or lodging', async () => {
    const { api } = await setup();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person() });
    const look = await ok(api, 'residents.kiosk.lookup', { phone: '13900001234' });
    expect(look).toEqual({ maskedName: '张*国', maskedPhone: '139****1234', verified: false, openItems: [], inTown: false });
    const printed = await ok(api, 'residents.kiosk.printCard', { phone: '13900001234', birthYear: 1956 });
    expect(printed.cardNo).toMatch(/^\w{4} \w{4}$/);
  });

  it('takes a planned departure from today to a year ahead, and nothing else', async () => {
    const { api, db } = await setup();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person() });
    for (const day of ['2026-11-30', '2027-12-02']) {
      const bad = await fails(api, 'residents.kiosk.checkIn', { phone: '13900001234', birthYear: 1956, plannedDeparture: day });
      expect(bad.fields?.[0]).toMatchObject({ path: 'plannedDeparture', zh: '计划离开日期应在今天到一年以内，请重新选择。' });
    }
    const past = await fails(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ phone: '13900005555' }), plannedDeparture: '2020-01-01' });
    expect(past.code).toBe('VALIDATION_FAILED');
    expect((db.prepare('SELECT COUNT(*) AS n FROM residents').get() as { n: number }).n).toBe(1);
    expect((await ok(api, 'residents.kiosk.checkIn', { phone: '13900001234', birthYear: 1956, plannedDeparture: '2026-12-01' })).plannedDeparture).toBe('2026-12-01');
  });

  it('tells an unknown card from a mistyped one, and an unknown phone', async () => {
    const { api } = await setup();
    expect((await fails(api, 'residents.kiosk.checkIn', { card: 'HNR1:ABCDEFGH' })).code).toBe('CARD_INVALID');
    expect((await fails(api, 'residents.kiosk.lookup', { phone: '13900000000' })).code).toBe('RESIDENT_NOT_FOUND');
    expect((await fails(api, 'residents.kiosk.lookup', { phone: '13900000000' })).message).toContain('第一次来登记');
  });
});

describe('staff', () => {
  it('searches by name, initials, phone tail, full phone and card; needs a session', async () => {
    const { api, token } = await setup();
    const a = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person() });
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ name: '赵建华', phone: '13900005678' }) });
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ name: '李秀英', phone: '13900001334' }) });
    const names = async (q: string) => (await ok(api, 'residents.search', { q }, token)).map((h: { name: string }) => h.name).sort();
    expect(await names('zj')).toEqual(['张建国', '赵建华']);
    expect(await names('张')).toEqual(['张建国']);
    expect(await names('建')).toEqual(['张建国', '赵建华']);
    expect(await names('1234')).toEqual(['张建国']);
    expect(await names('34')).toEqual(['张建国', '李秀英']);
    expect(await names('13900005678')).toEqual(['赵建华']);
    expect(await names(a.qrPayload)).toEqual(['张建国']);
    const [hit] = await ok(api, 'residents.search', { q: '1234' }, token);
    expect(hit.maskedPhone).toBe('139****1234');
    expect((await fails(api, 'residents.search', { q: 'zjg' })).code).toBe('UNAUTHENTICATED');
  });

  it('edits with a reason; the audit names fields, not values; ID stays masked; reveal is admin-only and logged', async () => {
    const { api, db, token } = await setup();
    await ok(api, 'staff.create', { name: '李晓梅', pin: '2468', role: 'staff' }, token);
    const { accounts } = await ok(api, 'staff.status');
    const staffTok = (await ok(api, 'staff.login', { staffId: accounts.find((x: { name: string }) => x.name === '李晓梅').id, pin: '2468' })).token;
    const p = await ok(api, 'residents.register', { consent: CONSENT, resident: person({ idNumber: ID('23070219560310001') }) }, staffTok);
    expect(p.idMasked).toMatch(/^230\*{11}/);
    expect(p.stays).toHaveLength(1);
    const noReason = await fails(api, 'residents.update', { id: p.id, resident: person({ phone: '13900002222' }), reason: '' }, staffTok);
    expect(noReason.fields?.[0]?.path).toBe('reason');
    const edited = await ok(api, 'residents.update', { id: p.id, resident: person({ phone: '13900002222' }), reason: '本人换了手机号' }, staffTok);
    expect(edited.phone).toBe('13900002222');
    expect(edited.idMasked).toBe(p.idMasked);
    const entry = listAudit(db).find((a) => a.action === 'residents.update')!;
    expect(entry.detail).toEqual({ fields: ['phone'], reason: '本人换了手机号' });
    expect(JSON.stringify(listAudit(db))).not.toContain('13900002222');
    expect((await fails(api, 'residents.revealId', { id: p.id, reason: '社保代办需要' }, staffTok)).code).toBe('FORBIDDEN');
    expect((await ok(api, 'residents.revealId', { id: p.id, reason: '社保代办需要' }, token)).idNumber).toBe(ID('23070219560310001'));
    expect(listAudit(db)[0]).toMatchObject({ action: 'residents.revealId', detail: { reason: '社保代办需要' } });
  });

  it('anonymises on request: personal fields wiped, statistics and stays kept, card no longer resolves', async () => {
    const { api, db, token } = await setup();
    const reg = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ idNumber: ID('23070219560310001') }) });
    const [hit] = await ok(api, 'residents.search', { q: 'zjg' }, token);
    expect(residentForTicket(db, reg.qrPayload, new Date('2026-12-01'))).toEqual({ residentId: hit.id, age: 70, disability: true });
    const anon = await ok(api, 'residents.anonymise', { id: hit.id, deceased: false, reason: '本人要求删除' }, token);
    expect(anon).toMatchObject({ status: 'anonymised', name: null, phone: null, idMasked: null, birthYear: 1956, sex: 'M', originProvince: '黑龙江省' });
    expect(anon.stays).toHaveLength(1);
    expect(anon.stays[0].departedAt).not.toBeNull();
    expect(residentForTicket(db, reg.qrPayload, new Date())).toBeNull();
    expect((await fails(api, 'residents.kiosk.checkIn', { card: reg.qrPayload })).code).toBe('RESIDENT_NOT_FOUND');
    // Phone and ID number are free again for a new registration.
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ idNumber: ID('23070219560310001') }) });
  });

  it('merges a duplicate: stays move, the dropped card resolves to the kept person, one open stay remains', async () => {
    const { api, token } = await setup();
    const a = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person() });
    const b = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ phone: '13900007777', idNumber: ID('23070219560310001'), needs: ['hearing'] }) });
    const [ha] = await ok(api, 'residents.search', { q: a.qrPayload }, token);
    const [hb] = await ok(api, 'residents.search', { q: b.qrPayload }, token);
    // Front-desk staff meet the duplicates, so they may merge (not only the manager).
    await ok(api, 'staff.create', { name: '李晓梅', pin: '2468', role: 'staff' }, token);
    const { accounts } = await ok(api, 'staff.status');
    const staffTok = (await ok(api, 'staff.login', { staffId: accounts.find((x: { name: string }) => x.name === '李晓梅').id, pin: '2468' })).token;
    const merged = await ok(api, 'residents.merge', { keepId: ha.id, dropId: hb.id, reason: '同一人登记了两次' }, staffTok);
    // Both were in town: one visit (the duplicate's open stay folds into the kept one), not a departure.
    expect(merged.stays).toHaveLength(1);
    expect(merged.stays.filter((s: { departedAt: string | null }) => s.departedAt === null)).toHaveLength(1);
    expect(merged.idMasked).toMatch(/^230/);
    expect(merged.needs.sort()).toEqual(['hearing', 'wheelchair']);
    expect(await ok(api, 'residents.kiosk.lookup', { card: b.qrPayload })).toMatchObject({ maskedName: '张*国' });
    expect((await fails(api, 'residents.merge', { keepId: ha.id, dropId: ha.id, reason: '测试合并' }, token)).code).toBe('MERGE_SAME');
    expect((await fails(api, 'residents.merge', { keepId: ha.id, dropId: hb.id, reason: '测试合并' })).code).toBe('UNAUTHENTICATED');
  });

  it('shows today: arrivals, departures, in town and overdue', async () => {
    const { api, db, dir, token } = await setup();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person(), plannedDeparture: '2026-12-05' });
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ name: '王秀兰', phone: '13900005555' }), plannedDeparture: '2026-12-20' });
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ name: '李秀英', phone: '13900006666' }) });
    await ok(api, 'residents.kiosk.checkOut', { phone: '13900006666', birthYear: 1956 });
    const today = await ok(api, 'residents.today', {}, token);
    expect(today).toMatchObject({ arrivals: 3, departures: 1, inTown: 2, overdue: 0 });
    expect(today.inTownList.map((r: { name: string | null }) => r.name).sort()).toEqual(['张建国', '王秀兰'].sort());
    expect(today.departuresList.map((r: { name: string | null }) => r.name)).toEqual(['李秀英']);
    // A week later: 张建国 is past his planned departure and never checked out; 王秀兰 is not yet.
    const later = createApi({ db, dataDir: dir, clock: () => new Date('2026-12-08T02:00:00Z') });
    const token2 = await ok(later, 'staff.login', { staffId: 1, pin: '135790' }).then((s) => s.token);
    await ok(later, 'residents.kiosk.register', { consent: CONSENT, resident: person({ name: '赵建华', phone: '13900007777' }) });
    const week = await ok(later, 'residents.today', {}, token2);
    expect(week).toMatchObject({ arrivals: 1, departures: 0, inTown: 3, overdue: 1 });
    expect(week.overdueList).toEqual([expect.objectContaining({ name: '张建国', maskedPhone: '139****1234', plannedDeparture: '2026-12-05' })]);
  });

  it("counts the day on the center's clock", () => {
    const now = new Date('2026-01-10T17:00:00Z'); // 01:00 on 11 January in 攀枝花
    expect(centerDayBounds(now, 'Asia/Shanghai')).toEqual({ date: '2026-01-11', start: '2026-01-10T16:00:00.000Z', end: '2026-01-11T16:00:00.000Z' });
    expect(centerDayBounds(now, 'UTC')).toEqual({ date: '2026-01-10', start: '2026-01-10T00:00:00.000Z', end: '2026-01-11T00:00:00.000Z' });
  });
});

describe('retention', () => {
  it('anonymises residents not seen for N months, keeps people in town, and logs the run', async () => {
    const { api, db, token } = await setup();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person() });
    await ok(api, 'residents.kiosk.checkOut', { phone: '13900001234', birthYear: 1956 });
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ name: '王秀兰', phone: '13900005555' }) });
    // Every contact counts as seen, stays included: all of them long ago.
    db.prepare(`UPDATE residents SET last_seen_at = '2020-01-01T00:00:00.000Z'`).run();
    db.prepare(`UPDATE stays SET arrived_at = '2020-01-01T00:00:00.000Z', departed_at = CASE WHEN departed_at IS NULL THEN NULL ELSE '2020-01-02T00:00:00.000Z' END`).run();
    const result = runRetention(db, 24, new Date());
    expect(result.anonymised).toBe(1);
    const rows = db.prepare('SELECT name, status, birth_year FROM residents ORDER BY id').all();
    expect(rows).toEqual([
      { name: null, status: 'anonymised', birth_year: 1956 },
      { name: '王秀兰', status: 'active', birth_year: 1956 },
    ]);
    expect((db.prepare('SELECT COUNT(*) AS n FROM stays').get() as { n: number }).n).toBe(2);
    expect(listAudit(db)[0]).toMatchObject({ action: 'residents.retention', detail: { anonymised: 1 } });
    expect(await ok(api, 'residents.runRetention', {}, token)).toMatchObject({ anonymised: 0 });
  });
});

describe('retention schedule', () => {
  it('runs the job on its timer and can be stopped', async () => {
    const { scheduleRetention } = await import('../../../db/residents/retention.js');
    const { api, db } = await setup();
    await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person() });
    await ok(api, 'residents.kiosk.checkOut', { phone: '13900001234', birthYear: 1956 });
    // Every contact counts as seen, stays included: all of them long ago.
    db.prepare(`UPDATE residents SET last_seen_at = '2020-01-01T00:00:00.000Z'`).run();
    db.prepare(`UPDATE stays SET arrived_at = '2020-01-01T00:00:00.000Z', departed_at = CASE WHEN departed_at IS NULL THEN NULL ELSE '2020-01-02T00:00:00.000Z' END`).run();
    const lines: string[] = [];
    const stop = scheduleRetention(db, (l) => lines.push(l), 20);
    await new Promise((r) => setTimeout(r, 80));
    stop();
    expect(lines[0]).toContain('1');
    expect((db.prepare(`SELECT status FROM residents`).get() as { status: string }).status).toBe('anonymised');
  });
});

describe('residentForTicket (for the queue)', () => {
  it('resolves a scanned payload or a typed card number; null for garbage or unknown cards', async () => {
    const { api, db } = await setup();
    const reg = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ needs: ['chronic'], birthYear: 1960 }) });
    const now = new Date('2026-12-01T00:00:00Z');
    const expected = { residentId: expect.any(Number), age: 66, disability: false };
    expect(residentForTicket(db, reg.qrPayload, now)).toEqual(expected);
    expect(residentForTicket(db, reg.cardNo.toLowerCase(), now)).toEqual(expected);
    expect(residentForTicket(db, 'HOUNIAO-TICKET:12', now)).toBeNull();
    expect(residentForTicket(db, 'HNR1:23456782', now)).toBeNull();
  });
});

describe('service card printing', () => {
  it('prints the CR80 card, or the receipt variant when the card printer is a thermal receipt printer', async () => {
    const { api, db, token } = await setup();
    const reg = await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person() });
    const layoutOf = (id: number) => (db.prepare('SELECT layout_id FROM print_jobs WHERE id = ?').get(id) as { layout_id: string }).layout_id;
    expect(layoutOf(reg.printJobId)).toBe('serviceCard');
    const targets = (await ok(api, 'settings.all', {}, token))['printing.targets'];
    await ok(api, 'settings.update', { values: { 'printing.targets': { ...targets, serviceCard: { kind: 'escpos', host: '127.0.0.1', port: 9, width: 80 } } } }, token);
    const again = await ok(api, 'residents.kiosk.printCard', { phone: '13900001234', birthYear: 1956 });
    expect(layoutOf(again.printJobId)).toBe('serviceCardReceipt');
    const payload = (db.prepare('SELECT payload FROM print_jobs WHERE id = ?').get(again.printJobId) as { payload: string }).payload;
    expect(JSON.parse(payload)).toMatchObject({ name: '张建国', qrPayload: reg.qrPayload });
    expect(payload).not.toContain('13900001234');
  });
});
