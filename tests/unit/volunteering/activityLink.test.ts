import { describe, expect, it } from 'vitest';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';
import { addResident, allWeek } from '../activities/helpers.js';
import { ledgerCheck, residentBalance } from '../../../db/volunteering/ledger.js';
import { statementData } from '../../../db/volunteering/statement.js';

/** Activities and the time bank wired together the way every host has them (db/volunteering/activityLink.ts). */
describe('activities → 时间银行', () => {
  it('a 志愿者 check-in credits hours and points by the activity rule once; a 主题党日 attended is on the 流动党员 statement', async () => {
    const clock = new Date('2026-12-01T02:00:00.000Z'); // 10:00 in Asia/Shanghai
    const { api, db } = tempApi({ clock: () => clock });
    const token = await adminToken(api);
    await ok(api, 'activities.saveRoom', { name: '多功能厅', capacity: 40, hours: allWeek, types: ['party_day', 'volunteer'] }, token);
    const a = await ok(
      api,
      'activities.save',
      { title: '十二月主题党日', type: 'party_day', place: '三楼会议室', day: '2026-12-01', from: '10:30', to: '11:30', capacity: 10, volunteerMinutes: 90, rules: [] },
      token,
    );
    const member = addResident(db, 1, { party: true });
    const helper = addResident(db, 2);
    await ok(api, 'activities.kiosk.signUp', { activityId: a.id, card: member.card });

    await ok(api, 'activities.checkIn', { activityId: a.id, card: member.card }, token);
    const v = await ok(api, 'activities.checkIn', { activityId: a.id, card: helper.card, role: 'volunteer' }, token);
    expect(v.role).toBe('volunteer');

    // 90 minutes at the default 10 points an hour: 15 points, in a balanced ledger.
    expect(residentBalance(db, helper.id)).toBe(15);
    expect(residentBalance(db, member.id)).toBe(0);
    expect(db.prepare('SELECT minutes, attendance_id AS attendanceId FROM vol_hours WHERE resident_id = ?').all(helper.id)).toEqual([
      { minutes: 90, attendanceId: v.attendanceId },
    ]);
    expect(ledgerCheck(db).unbalanced).toEqual([]);
    // The history names the activity.
    const history = await ok(api, 'volunteering.history', { residentId: helper.id }, token);
    expect(JSON.stringify(history)).toContain('十二月主题党日');
    // A second scan is refused and credits nothing more.
    expect((await fails(api, 'activities.checkIn', { activityId: a.id, card: helper.card, role: 'volunteer' }, token)).code).toBe('ACTIVITY_ALREADY_CHECKED_IN');
    expect(residentBalance(db, helper.id)).toBe(15);

    const statement = statementData(db, member.id);
    expect(statement.partyDays.map((p) => p.title)).toEqual(['十二月主题党日']);
    expect(statementData(db, helper.id).partyDays).toEqual([]);
  });
});
