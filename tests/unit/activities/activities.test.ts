import { describe, expect, it } from 'vitest';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';
import { addResident, allWeek } from './helpers.js';
import { onVolunteerAttendance } from '../../../db/activities/volunteerHook.js';
import { listPartyDayAttendance, attendanceForResident } from '../../../db/activities/attendance.js';
import { createStaff } from '../../../db/staff.js';

// 2026-12-01 10:00 Beijing (a Tuesday).
let clock = new Date('2026-12-01T02:00:00.000Z');
const setup = async () => {
  clock = new Date('2026-12-01T02:00:00.000Z');
  const t = tempApi({ clock: () => clock });
  const token = await adminToken(t.api);
  const room = await ok(t.api, 'activities.saveRoom', { name: '健康小屋', capacity: 30, hours: allWeek, types: ['health_check', 'health_talk'] }, token);
  return { ...t, token, room };
};
const checkDay = { day: '2026-12-03', from: '08:30', to: '10:30' };

describe('rooms: a clash is refused and named', () => {
  it('refuses outside hours, overlaps, over capacity and a type the room may not host; accepts late and weekend hours', async () => {
    const { api, token, room } = await setup();
    const book = (over: object) =>
      api.call(
        'activities.book',
        { roomId: room.id, day: '2026-12-05', from: '19:00', to: '21:00', people: 10, activityType: 'health_talk', groupKind: 'club', groupName: '养生社', ...over },
        { token },
      );
    // Saturday evening: late and weekend hours are fine.
    const first = await book({});
    expect(first.ok).toBe(true);
    const overlap = await book({ from: '20:00', to: '21:30', groupName: '第三党支部' });
    expect(overlap.ok || overlap.error.code).toBe('ROOM_BOOKED');
    if (!overlap.ok) expect(overlap.error.message).toContain('养生社');
    const closed = await book({ from: '12:00', to: '13:30' });
    expect(closed.ok || closed.error.code).toBe('ROOM_CLOSED');
    if (!closed.ok) expect(closed.error.message).toContain('08:00–12:00、14:00–21:30');
    const late = await book({ from: '21:00', to: '22:00' });
    expect(late.ok || late.error.code).toBe('ROOM_CLOSED');
    const big = await book({ from: '08:00', to: '09:00', people: 31 });
    expect(big.ok || big.error.code).toBe('ROOM_OVER_CAPACITY');
    if (!big.ok) expect(big.error.message).toContain('最多容纳 30 人');
    const type = await book({ from: '08:00', to: '09:00', activityType: 'culture_sports' });
    expect(type.ok || type.error.code).toBe('ROOM_TYPE_NOT_ALLOWED');
    if (!type.ok) expect(type.error.message).toContain('文体活动');
    // Back to back is not a clash.
    expect((await book({ from: '14:00', to: '19:00' })).ok).toBe(true);
    // An activity in the room clashes with a booking the same way.
    const act = await api.call(
      'activities.save',
      { title: '冬季义诊', type: 'health_talk', roomId: room.id, day: '2026-12-05', from: '18:00', to: '19:30', capacity: 20, rules: [] },
      { token },
    );
    expect(act.ok || act.error.code).toBe('ROOM_BOOKED');
    const cancelled = await ok(api, 'activities.cancelBooking', { slotId: first.ok ? (first.data as { id: number }).id : 0 }, token);
    expect(cancelled.groupName).toBe('养生社');
    expect(
      (
        await api.call(
          'activities.save',
          { title: '冬季义诊', type: 'health_talk', roomId: room.id, day: '2026-12-05', from: '19:00', to: '20:30', capacity: 20, rules: [] },
          { token },
        )
      ).ok,
    ).toBe(true);
  });

  it('an activity moved within its room does not clash with itself; the freed hour can be booked; over capacity is refused', async () => {
    const { api, token, room, db } = await setup();
    const base = { title: '冬季义诊', type: 'health_talk', roomId: room.id, day: '2026-12-07', from: '09:00', to: '10:00', capacity: 20, rules: [] };
    const a = await ok(api, 'activities.save', base, token);
    await ok(api, 'activities.save', { ...base, id: a.id, from: '09:30', to: '11:00' }, token);
    expect(db.prepare("SELECT COUNT(*) AS n FROM activity_room_slots WHERE activity_id = ? AND status = 'active'").get(a.id)).toEqual({ n: 1 });
    const early = { roomId: room.id, day: '2026-12-07', from: '08:00', to: '09:30', people: 5, activityType: 'health_talk', groupKind: 'outside', groupName: '市中医院' };
    expect((await api.call('activities.book', early, { token })).ok).toBe(true);
    const big = await fails(api, 'activities.save', { ...base, id: a.id, from: '09:30', to: '11:00', capacity: 40 }, token);
    expect(big.code).toBe('ROOM_OVER_CAPACITY');
    // Moved outside, the room's hour is free again.
    await ok(api, 'activities.save', { ...base, id: a.id, roomId: null, place: '社区广场' }, token);
    expect((await api.call('activities.book', { ...early, from: '09:30', to: '11:00', groupName: '养生社', groupKind: 'club' }, { token })).ok).toBe(true);
  });

  it('rejects bad hours with a field message and changes nothing', async () => {
    const { api, token, db } = await setup();
    const before = db.prepare('SELECT COUNT(*) AS n FROM activity_rooms').get();
    const bad = await fails(api, 'activities.saveRoom', { name: '书画室', capacity: 20, hours: { '1': [['10:00', '09:00']] }, types: ['course'] }, token);
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.fields?.[0]?.zh).toContain('开放时间');
    const overlap = await fails(
      api,
      'activities.saveRoom',
      {
        name: '书画室',
        capacity: 20,
        hours: {
          '1': [
            ['08:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
        types: ['course'],
      },
      token,
    );
    expect(overlap.code).toBe('VALIDATION_FAILED');
    expect(db.prepare('SELECT COUNT(*) AS n FROM activity_rooms').get()).toEqual(before);
  });

  it('the board shows today busy and free', async () => {
    const { api, token, room } = await setup();
    await ok(
      api,
      'activities.book',
      { roomId: room.id, day: '2026-12-01', from: '09:00', to: '11:00', people: 5, activityType: 'health_talk', groupKind: 'outside', groupName: '市中医院' },
      token,
    );
    const board = await ok(api, 'activities.roomBoard');
    expect(board[0]).toMatchObject({ name: '健康小屋', busyNow: true, openNow: true, now: '市中医院' });
    expect(board[0].slots).toEqual([{ from: '09:00', to: '11:00', label: '市中医院' }]);
  });
});

describe('eligibility rules as data, each refusal in plain Chinese', () => {
  it('65+ by birth year, party members only, in town now, once per season', async () => {
    const { api, token, db, room } = await setup();
    const check = await ok(
      api,
      'activities.save',
      {
        title: '65 岁以上免费健康体检',
        type: 'health_check',
        roomId: room.id,
        ...checkDay,
        capacity: 20,
        notes: '请空腹',
        rules: [{ kind: 'minAge', age: 65 }, { kind: 'oncePerSeason' }],
      },
      token,
    );
    const young = addResident(db, 1, { birthYear: 1962 }); // 64 in 2026
    const old = addResident(db, 2, { birthYear: 1960 }); // 66
    const noYear = addResident(db, 3, { birthYear: null });
    const refused = await fails(api, 'activities.kiosk.signUp', { activityId: check.id, card: young.card });
    expect(refused.code).toBe('ACTIVITY_RULE_AGE');
    expect(refused.message).toBe('“65 岁以上免费健康体检”只限 65 岁及以上的居民参加。按出生年份，您今年 64 岁，暂时不能报名。');
    expect((await fails(api, 'activities.kiosk.signUp', { activityId: check.id, card: noYear.card })).code).toBe('ACTIVITY_RULE_AGE_UNKNOWN');
    const okSign = await ok(api, 'activities.kiosk.signUp', { activityId: check.id, card: old.card });
    expect(okSign.outcome.status).toBe('confirmed');
    expect(okSign.slip).toMatchObject({ notes: '请空腹', place: '健康小屋', status: 'confirmed' });
    // Once per season: a second health check in the same season is refused, naming the first.
    const second = await ok(
      api,
      'activities.save',
      { title: '复查体检', type: 'health_check', roomId: room.id, day: '2027-01-10', from: '08:30', to: '10:30', capacity: 20, rules: [{ kind: 'oncePerSeason' }] },
      token,
    );
    const again = await fails(api, 'activities.kiosk.signUp', { activityId: second.id, card: old.card });
    expect(again.code).toBe('ACTIVITY_RULE_SEASON');
    expect(again.message).toBe('“健康体检”每个季度（2026-10-01 至 2027-04-30）每人只能参加一次，您已经报名了“65 岁以上免费健康体检”。');
    // Next season (after 04-30) is fine.
    const nextSeason = await ok(
      api,
      'activities.save',
      { title: '秋季体检', type: 'health_check', place: '社区卫生服务中心', day: '2027-10-12', from: '08:30', to: '10:30', capacity: 5, rules: [{ kind: 'oncePerSeason' }] },
      token,
    );
    expect((await ok(api, 'activities.kiosk.signUp', { activityId: nextSeason.id, card: old.card })).outcome.status).toBe('confirmed');

    const party = await ok(
      api,
      'activities.save',
      {
        title: '十二月主题党日',
        type: 'party_day',
        place: '党群服务中心三楼',
        day: '2026-12-10',
        from: '09:00',
        to: '11:00',
        capacity: 30,
        rules: [{ kind: 'partyMember' }, { kind: 'inTown' }],
      },
      token,
    );
    const refusedParty = await fails(api, 'activities.kiosk.signUp', { activityId: party.id, card: old.card });
    expect(refusedParty.message).toContain('流动党员');
    const member = addResident(db, 4, { party: true, inTown: false });
    const away = await fails(api, 'activities.kiosk.signUp', { activityId: party.id, card: member.card });
    expect(away.code).toBe('ACTIVITY_RULE_IN_TOWN');
    expect(away.message).toContain('请先办理报到登记');
    const member2 = addResident(db, 5, { party: true });
    expect((await ok(api, 'activities.kiosk.signUp', { activityId: party.id, card: member2.card })).outcome.status).toBe('confirmed');
    // Nothing was written for the refusals.
    expect(db.prepare("SELECT COUNT(*) AS n FROM activity_signups WHERE status <> 'cancelled'").get()).toEqual({ n: 3 });
  });

  it('the sign-up window and a second sign-up are refused by name', async () => {
    const { api, token, db } = await setup();
    const a = await ok(
      api,
      'activities.save',
      { title: '书法课', type: 'course', place: '老年大学', day: '2026-12-20', from: '09:00', to: '11:00', capacity: 5, signupOpens: '2026-12-05 08:00', rules: [] },
      token,
    );
    const r = addResident(db, 1);
    const early = await fails(api, 'activities.kiosk.signUp', { activityId: a.id, card: r.card });
    expect(early.code).toBe('ACTIVITY_SIGNUP_NOT_OPEN');
    expect(early.message).toContain('12月5日 08:00');
    clock = new Date('2026-12-06T02:00:00.000Z');
    await ok(api, 'activities.kiosk.signUp', { activityId: a.id, card: r.card });
    const twice = await fails(api, 'activities.kiosk.signUp', { activityId: a.id, card: r.card });
    expect(twice.message).toContain('已报名成功');
    clock = new Date('2026-12-20T01:30:00.000Z'); // 09:30, after the start
    expect((await fails(api, 'activities.kiosk.signUp', { activityId: a.id, card: addResident(db, 2).card })).code).toBe('ACTIVITY_SIGNUP_CLOSED');
  });
});

describe('waitlist', () => {
  it('a freed place promotes the next in order; staff get a list to tell with masked phones', async () => {
    const { api, token, db } = await setup();
    const a = await ok(
      api,
      'activities.save',
      { title: '太极拳', type: 'culture_sports', place: '江边广场', day: '2026-12-04', from: '07:00', to: '08:00', capacity: 2, rules: [] },
      token,
    );
    const people = [1, 2, 3, 4].map((n) => addResident(db, n, { phone: `1390000${String(n).padStart(4, '0')}` }));
    const outcomes = [];
    for (const p of people) outcomes.push((await ok(api, 'activities.kiosk.signUp', { activityId: a.id, card: p.card })).outcome);
    expect(outcomes.map((o) => [o.status, o.waitlistPlace])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    // The first cancels at the kiosk with their own card.
    const mine = await ok(api, 'activities.kiosk.mine', { card: people[0]!.card });
    expect(mine.signups).toHaveLength(1);
    // Another card cannot cancel it.
    expect((await fails(api, 'activities.kiosk.cancel', { card: people[1]!.card, signupId: mine.signups[0].signupId })).code).toBe('ACTIVITY_SIGNUP_NOT_YOURS');
    await ok(api, 'activities.kiosk.cancel', { card: people[0]!.card, signupId: mine.signups[0].signupId });
    const tell = await ok(api, 'activities.toTell', {}, token);
    expect(tell).toHaveLength(1);
    expect(tell[0]).toMatchObject({ name: '居民3', maskedPhone: '139****0003', title: '太极拳' });
    expect((await ok(api, 'activities.kiosk.mine', { card: people[3]!.card })).signups[0]).toMatchObject({ status: 'waitlisted', waitlistPlace: 1 });
    await ok(api, 'activities.markTold', { signupIds: [tell[0].signupId] }, token);
    expect(await ok(api, 'activities.toTell', {}, token)).toEqual([]);
    // A waitlisted person cancelling promotes nobody.
    const w = await ok(api, 'activities.kiosk.mine', { card: people[3]!.card });
    const r = await ok(api, 'activities.cancelSignup', { signupId: w.signups[0].signupId }, token);
    expect(r.promoted).toEqual([]);
  });

  it('capacity 0 takes a waitlist only; raising the capacity promotes in order; lowering below the places is refused', async () => {
    const { api, token, db } = await setup();
    const input = { title: '旅居座谈会', type: 'course', place: '会议室', day: '2026-12-04', from: '15:00', to: '16:00', capacity: 0, rules: [] };
    const a = await ok(api, 'activities.save', input, token);
    const people = [1, 2, 3].map((n) => addResident(db, n));
    for (const [i, p] of people.entries()) {
      const r = await ok(api, 'activities.kiosk.signUp', { activityId: a.id, card: p.card });
      expect(r.outcome).toMatchObject({ status: 'waitlisted', waitlistPlace: i + 1 });
    }
    // A cancelled waitlisted entry at capacity 0 promotes nobody (there is no place).
    const first = await ok(api, 'activities.kiosk.mine', { card: people[0]!.card });
    expect((await ok(api, 'activities.cancelSignup', { signupId: first.signups[0].signupId }, token)).promoted).toEqual([]);
    await ok(api, 'activities.save', { ...input, id: a.id, capacity: 1 }, token);
    const d = await ok(api, 'activities.detail', { id: a.id }, token);
    expect(d.signups.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
      ['居民1', 'cancelled'],
      ['居民2', 'confirmed'],
      ['居民3', 'waitlisted'],
    ]);
    const lower = await fails(api, 'activities.save', { ...input, id: a.id, capacity: 0 }, token);
    expect(lower.code).toBe('ACTIVITY_CAPACITY_TOO_SMALL');
  });

  it('a group sign-up takes only the free places, the rest wait, a refused member is named', async () => {
    const { api, token, db } = await setup();
    const a = await ok(
      api,
      'activities.save',
      { title: '合唱排练', type: 'culture_sports', place: '文化站', day: '2026-12-04', from: '15:00', to: '16:00', capacity: 3, rules: [{ kind: 'minAge', age: 60 }] },
      token,
    );
    const ids = [1, 2, 3, 4, 5].map((n) => addResident(db, n, { birthYear: n === 2 ? 1990 : 1950 }).id);
    const out = await ok(api, 'activities.signUpFor', { activityId: a.id, residentIds: ids }, token);
    expect(out.map((o: { ok: boolean; status?: string; code?: string }) => (o.ok ? o.status : o.code))).toEqual([
      'confirmed',
      'ACTIVITY_RULE_AGE',
      'confirmed',
      'confirmed',
      'waitlisted',
    ]);
    const d = await ok(api, 'activities.detail', { id: a.id }, token);
    expect(d.figures).toMatchObject({ confirmed: 3, waitlisted: 1 });
  });
});

describe('attendance', () => {
  it('card scans check in once; a walk-in is admitted while places remain; no-shows are counted after the end; volunteers reach the time bank hook', async () => {
    const { api, token, db } = await setup();
    const a = await ok(
      api,
      'activities.save',
      { title: '十二月主题党日', type: 'party_day', place: '三楼会议室', day: '2026-12-01', from: '10:30', to: '11:30', capacity: 3, volunteerMinutes: 90, rules: [] },
      token,
    );
    const [p1, p2, walk, late, vol] = [1, 2, 3, 4, 5].map((n) => addResident(db, n));
    for (const p of [p1!, p2!]) await ok(api, 'activities.kiosk.signUp', { activityId: a.id, card: p.card });
    const credited: unknown[] = [];
    const off = onVolunteerAttendance((_db, p) => credited.push(p));
    try {
      const first = await ok(api, 'activities.checkIn', { activityId: a.id, card: p1!.card }, token);
      expect(first).toMatchObject({ walkIn: false, role: 'participant' });
      const again = await fails(api, 'activities.checkIn', { activityId: a.id, card: p1!.card }, token);
      expect(again.code).toBe('ACTIVITY_ALREADY_CHECKED_IN');
      expect(again.message).toContain('已经在 10:00 签到过了');
      const notSigned = await fails(api, 'activities.checkIn', { activityId: a.id, card: walk!.card }, token);
      expect(notSigned.code).toBe('ACTIVITY_NOT_SIGNED_UP');
      expect(notSigned.message).toContain('还有 1 个名额');
      expect((await ok(api, 'activities.checkIn', { activityId: a.id, card: walk!.card, admit: true }, token)).walkIn).toBe(true);
      expect((await fails(api, 'activities.checkIn', { activityId: a.id, card: late!.card, admit: true }, token)).code).toBe('ACTIVITY_NO_PLACE_AT_DOOR');
      const v = await ok(api, 'activities.checkIn', { activityId: a.id, card: vol!.card, role: 'volunteer' }, token);
      expect(credited).toEqual([{ attendanceId: v.attendanceId, residentId: vol!.id, activityId: a.id, minutes: 90, at: clock.toISOString() }]);
      // A listener that throws rolls the check-in back.
      const offBad = onVolunteerAttendance(() => {
        throw new Error('ledger refused');
      });
      expect((await fails(api, 'activities.checkIn', { activityId: a.id, card: late!.card, role: 'volunteer' }, token)).code).toBe('INTERNAL');
      offBad();
      expect(db.prepare('SELECT COUNT(*) AS n FROM activity_attendance WHERE resident_id = ?').get(late!.id)).toEqual({ n: 0 });
    } finally {
      off();
    }
    expect((await ok(api, 'activities.detail', { id: a.id }, token)).figures.noShows).toBeNull();
    clock = new Date('2026-12-01T04:00:00.000Z'); // 12:00, after the end
    const f = (await ok(api, 'activities.detail', { id: a.id }, token)).figures;
    expect(f).toMatchObject({ confirmed: 3, attended: 2, walkIns: 1, volunteers: 1, noShows: 1 });
    expect((await fails(api, 'activities.checkIn', { activityId: a.id, card: p2!.card }, token)).code).toBe('ACTIVITY_CHECKIN_CLOSED');
    expect(listPartyDayAttendance(db, p1!.id).map((x) => x.title)).toEqual(['十二月主题党日']);
    expect(attendanceForResident(db, vol!.id)[0]).toMatchObject({ role: 'volunteer', place: '三楼会议室' });
  });
});

describe('reminders', () => {
  it('the day before: a call list with masked phones; on the day: activities starting in 15 minutes', async () => {
    const { api, token, db } = await setup();
    const a = await ok(
      api,
      'activities.save',
      { title: '健康讲座', type: 'health_talk', place: '多功能厅', day: '2026-12-02', from: '09:00', to: '10:00', capacity: 5, notes: '带上老花镜', rules: [] },
      token,
    );
    const r = addResident(db, 1, { name: '张建国', phone: '13900001234' });
    await ok(api, 'activities.kiosk.signUp', { activityId: a.id, card: r.card });
    const list = await ok(api, 'activities.callList', {}, token);
    expect(list.day).toBe('2026-12-02');
    expect(list.rows).toEqual([expect.objectContaining({ name: '张建国', maskedPhone: '139****1234', title: '健康讲座', time: '09:00–10:00', place: '多功能厅' })]);
    clock = new Date('2026-12-02T00:50:00.000Z'); // 08:50
    const soon = await ok(api, 'activities.display');
    expect(soon.board).toBeNull();
    expect(soon.soon).toEqual([expect.objectContaining({ title: '健康讲座', minutes: 10, time: '09:00' })]);
    clock = new Date('2026-12-02T00:40:00.000Z'); // 08:40: 20 minutes ahead, not yet
    expect((await ok(api, 'activities.display')).soon).toEqual([]);
  });
});

describe('contract: roles and bad input', () => {
  it('only the manager sets up rooms and activities; staff book and sign people up; the kiosk needs no session for its own ops', async () => {
    const { api, db, room } = await setup();
    const desk = createStaff(db, { name: '李晓梅', pin: '2468', role: 'staff' }, clock);
    const { token: staffToken } = await ok(api, 'staff.login', { staffId: desk.id, pin: '2468' });
    const roomInput = { name: '书画室', capacity: 20, hours: allWeek, types: ['course'] };
    expect((await fails(api, 'activities.saveRoom', roomInput, staffToken)).code).toBe('FORBIDDEN');
    expect(
      (await fails(api, 'activities.save', { title: '书法课', type: 'course', place: '书画室', day: '2026-12-09', from: '09:00', to: '10:00', capacity: 5, rules: [] }, staffToken))
        .code,
    ).toBe('FORBIDDEN');
    expect((await fails(api, 'activities.saveRoom', roomInput)).code).toBe('UNAUTHENTICATED');
    expect((await fails(api, 'activities.detail', { id: 1 })).code).toBe('UNAUTHENTICATED');
    const booked = await ok(
      api,
      'activities.book',
      { roomId: room.id, day: '2026-12-09', from: '09:00', to: '10:00', people: 5, activityType: 'health_talk', groupKind: 'party', groupName: '第三党支部' },
      staffToken,
    );
    expect(booked.groupKind).toBe('party');
    expect(Array.isArray(await ok(api, 'activities.upcoming'))).toBe(true);
  });

  it('refuses bad activity input field by field, in Chinese, writing nothing', async () => {
    const { api, token, db } = await setup();
    const base = { title: '书法课', type: 'course', place: '书画室', day: '2026-12-09', from: '09:00', to: '10:00', capacity: 5, rules: [] };
    const cases: Array<[object, string]> = [
      [{ to: '08:00' }, '结束要晚于开始'],
      [{ place: '' }, '请选择一个场地'],
      [{ capacity: -1 }, '名额应为 0 到 2000'],
      [{ title: '课' }, '活动名称应为 2 到 40 个字'],
      [{ rules: [{ kind: 'minAge', age: 0 }] }, '此项填写有误'],
      [{ rules: [{ kind: 'vip' }] }, '此项填写有误'],
      [{ signupOpens: '2026-12-05 08:00', signupCloses: '2026-12-04 08:00' }, '报名截止要晚于报名开始'],
    ];
    for (const [change, text] of cases) {
      const e = await fails(api, 'activities.save', { ...base, ...change }, token);
      expect(e.code, JSON.stringify(change)).toBe('VALIDATION_FAILED');
      expect(e.message).toContain('请按提示修改');
      expect(e.fields?.map((f) => f.zh).join(' '), JSON.stringify(change)).toContain(text);
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM activities').get()).toEqual({ n: 0 });
  });
});

describe('kiosk without the card: phone and birth year, as at 报到登记', () => {
  it('a phone alone is not enough; a wrong year is counted and locks the phone path; the right year signs up and shows the sign-ups', async () => {
    const { api, token, db } = await setup();
    const a = await ok(
      api,
      'activities.save',
      { title: '健康讲座', type: 'health_talk', place: '多功能厅', day: '2026-12-04', from: '09:00', to: '10:00', capacity: 5, rules: [] },
      token,
    );
    const r = addResident(db, 1, { phone: '13900001234', birthYear: 1956 });
    expect((await fails(api, 'activities.kiosk.signUp', { activityId: a.id, phone: '13900001234' })).code).toBe('VALIDATION_FAILED');
    expect((await fails(api, 'activities.kiosk.signUp', { activityId: a.id, phone: '13900001234', birthYear: 1957, card: r.card })).code).toBe('VALIDATION_FAILED');
    expect((await fails(api, 'activities.kiosk.signUp', { activityId: a.id, phone: '13900009999', birthYear: 1956 })).code).toBe('RESIDENT_NOT_FOUND');
    const wrong = await fails(api, 'activities.kiosk.signUp', { activityId: a.id, phone: '13900001234', birthYear: 1957 });
    expect(wrong.code).toBe('RESIDENT_PROOF_WRONG');
    const done = await ok(api, 'activities.kiosk.signUp', { activityId: a.id, phone: '13900001234', birthYear: 1956 });
    expect(done).toMatchObject({ maskedName: '居*1', outcome: { status: 'confirmed' } });
    const mine = await ok(api, 'activities.kiosk.mine', { phone: '13900001234', birthYear: 1956 });
    expect(mine.signups).toHaveLength(1);
    for (let i = 0; i < 2; i++) await fails(api, 'activities.kiosk.mine', { phone: '13900001234', birthYear: 1900 + i });
    expect((await fails(api, 'activities.kiosk.mine', { phone: '13900001234', birthYear: 1900 })).code).toBe('RESIDENT_PROOF_LOCKED');
    // The card still works for the person while the phone path is closed.
    expect((await ok(api, 'activities.kiosk.mine', { card: r.card })).signups).toHaveLength(1);
  });
});
