import { describe, expect, it } from 'vitest';
import { adminToken, ok, tempApi } from '../../helpers/tempDb.js';
import { addResident, allWeek } from './helpers.js';

describe('activities report module', () => {
  it('the dashboard section counts held activities, sign-ups, attendance rate, no-shows and room utilisation as the rows say; the monthly pack has the sheet', async () => {
    let clock = new Date('2026-12-01T02:00:00.000Z');
    const { api, db } = tempApi({ clock: () => clock });
    let token = await adminToken(api);
    // The clock jumps days ahead: sign in again as staff do each day.
    const relogin = async () => {
      const { accounts } = await ok(api, 'staff.status');
      token = (await ok(api, 'staff.login', { staffId: accounts[0].id, pin: '135790' })).token;
    };
    // Open 08:00–12:00 and 14:00–21:30 every day: 11.5 h a day.
    const room = await ok(api, 'activities.saveRoom', { name: '多功能厅', capacity: 80, hours: allWeek, types: ['health_talk', 'culture_sports'] }, token);
    const talk = await ok(
      api,
      'activities.save',
      { title: '健康讲座', type: 'health_talk', roomId: room.id, day: '2026-12-02', from: '09:00', to: '11:00', capacity: 3, rules: [] },
      token,
    );
    const dance = await ok(
      api,
      'activities.save',
      { title: '广场舞', type: 'culture_sports', roomId: room.id, day: '2026-12-03', from: '19:00', to: '20:00', capacity: 2, rules: [] },
      token,
    );
    await ok(
      api,
      'activities.book',
      { roomId: room.id, day: '2026-12-04', from: '14:00', to: '17:00', people: 20, activityType: 'culture_sports', groupKind: 'club', groupName: '书画社' },
      token,
    );
    const people = [1, 2, 3, 4, 5].map((n) => addResident(db, n));
    for (const p of people.slice(0, 4)) await ok(api, 'activities.kiosk.signUp', { activityId: talk.id, card: p.card }); // 3 places + 1 waitlisted
    for (const p of people.slice(0, 2)) await ok(api, 'activities.kiosk.signUp', { activityId: dance.id, card: p.card });
    clock = new Date('2026-12-02T00:30:00.000Z'); // 08:30 on the talk's day
    await relogin();
    await ok(api, 'activities.checkIn', { activityId: talk.id, card: people[0]!.card }, token);
    await ok(api, 'activities.checkIn', { activityId: talk.id, card: people[1]!.card }, token);
    clock = new Date('2026-12-03T11:00:00.000Z'); // 19:00 on the dance's day
    await relogin();
    await ok(api, 'activities.checkIn', { activityId: dance.id, card: people[0]!.card }, token);
    await ok(api, 'activities.checkIn', { activityId: dance.id, card: people[4]!.card, role: 'volunteer' }, token);
    clock = new Date('2026-12-10T02:00:00.000Z');
    await relogin();

    const view = await ok(api, 'reports.dashboard', { period: { kind: 'custom', from: '2026-12-01', to: '2026-12-07' } }, token);
    const section = view.sections.find((s: { id: string }) => s.id === 'activities');
    expect(section).toBeTruthy();
    const byType = section.series.find((s: { id: string }) => s.id === 'activities.byType').table.rows;
    expect(byType).toEqual([
      { type: '文体活动', activities: 1, signups: 2, confirmed: 2, attended: 1, noShows: 1, attendanceRate: 0.5 },
      { type: '健康讲座/义诊', activities: 1, signups: 4, confirmed: 3, attended: 2, noShows: 1, attendanceRate: 0.6667 },
    ]);
    const rooms = section.series.find((s: { id: string }) => s.id === 'activities.rooms').table.rows;
    // 7 days × 11.5 h open; booked 2 + 1 + 3 = 6 h.
    expect(rooms).toEqual([{ room: '多功能厅', openHours: 80.5, bookedHours: 6, utilisation: Math.round((6 / 80.5) * 10000) / 10000, bookings: 3 }]);
    const held = section.series.find((s: { id: string }) => s.id === 'activities.held').table.rows;
    expect(held.map((r: { title: string; volunteers: number }) => [r.title, r.volunteers])).toEqual([
      ['健康讲座', 0],
      ['广场舞', 1],
    ]);

    const pack = await ok(api, 'reports.export.monthly', { month: '2026-12' }, token);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(pack.base64, 'base64') as never);
    const sheet = wb.getWorksheet('活动统计');
    expect(sheet).toBeTruthy();
    const text = JSON.stringify(sheet!.getSheetValues());
    expect(text).toContain('健康讲座/义诊');
    expect(text).toContain('多功能厅');
  });
});
