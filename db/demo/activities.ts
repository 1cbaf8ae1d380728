import type { Db } from '../connection.js';
import { saveActivity } from '../activities/activities.js';
import { bookRoom, saveRoom } from '../activities/rooms.js';
import { signUp } from '../activities/signups.js';
import type { RoomHours } from '../activities/types.js';
import { ApiError } from '../errors/index.js';
import { centerTimeZone } from '../localTime.js';
import { addDays } from '../reports/period.js';
import { localClock } from '../wallClock.js';

const everyDay = (ranges: Array<[string, string]>): RoomHours => Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, ranges])) as RoomHours;

/**
 * 功能空间 and a week of activities for the demo center (issue 18): 错时延时 hours (evenings,
 * weekends), a 65+ health check with 请空腹, a 主题党日 for 流动党员, a course and a dance, a
 * club's booking; a few demo residents signed up. Runs after the residents seeder.
 */
export function seedActivitiesDemo(db: Db, now: Date): void {
  const timeZone = centerTimeZone(db);
  const today = localClock(now, timeZone).day;
  const weekdays = (ranges: Array<[string, string]>, weekend: Array<[string, string]>): RoomHours => ({ ...everyDay(ranges), '0': weekend, '6': weekend });
  const calligraphy = saveRoom(
    db,
    {
      name: '书画室',
      capacity: 24,
      hours: weekdays(
        [
          ['08:30', '11:30'],
          ['14:00', '21:00'],
        ],
        [['09:00', '17:00']],
      ),
      types: ['course', 'culture_sports'],
      sort: 1,
    },
    now,
  );
  const dance = saveRoom(
    db,
    {
      name: '舞蹈室',
      capacity: 40,
      hours: everyDay([
        ['07:00', '11:30'],
        ['14:30', '21:30'],
      ]),
      types: ['culture_sports', 'course'],
      sort: 2,
    },
    now,
  );
  const hall = saveRoom(
    db,
    {
      name: '多功能厅',
      capacity: 120,
      hours: weekdays(
        [
          ['08:30', '12:00'],
          ['14:00', '21:00'],
        ],
        [['09:00', '12:00']],
      ),
      types: ['party_day', 'course', 'culture_sports', 'health_talk', 'volunteer'],
      sort: 3,
    },
    now,
  );
  const health = saveRoom(
    db,
    {
      name: '健康小屋',
      capacity: 20,
      hours: weekdays(
        [
          ['08:00', '11:30'],
          ['14:30', '17:00'],
        ],
        [],
      ),
      types: ['health_check', 'health_talk'],
      sort: 4,
    },
    now,
  );

  const opts = { staffId: null, now, timeZone };
  const tryIt = <T>(fn: () => T): T | null => {
    try {
      return fn();
    } catch (e) {
      // A demo day may fall on a closed weekday: the seeder skips what the rules refuse.
      if (e instanceof ApiError) return null;
      throw e;
    }
  };
  const check =
    tryIt(() =>
      saveActivity(
        db,
        {
          title: '65 岁以上免费健康体检',
          type: 'health_check',
          roomId: health.id,
          day: addDays(today, 2),
          from: '08:00',
          to: '10:30',
          capacity: 20,
          notes: '请空腹，带上身份证和服务卡。',
          rules: [{ kind: 'minAge', age: 65 }, { kind: 'oncePerSeason' }],
        },
        opts,
      ),
    ) ??
    tryIt(() =>
      saveActivity(
        db,
        {
          title: '65 岁以上免费健康体检',
          type: 'health_check',
          place: '社区卫生服务中心',
          day: addDays(today, 2),
          from: '08:00',
          to: '10:30',
          capacity: 20,
          notes: '请空腹，带上身份证和服务卡。',
          rules: [{ kind: 'minAge', age: 65 }, { kind: 'oncePerSeason' }],
        },
        opts,
      ),
    );
  const course = tryIt(() =>
    saveActivity(
      db,
      {
        title: '书法公益课：楷书入门',
        type: 'course',
        roomId: calligraphy.id,
        day: addDays(today, 1),
        from: '14:30',
        to: '16:30',
        capacity: 16,
        notes: '笔墨纸由中心提供。',
        rules: [],
      },
      opts,
    ),
  );
  const party = tryIt(() =>
    saveActivity(
      db,
      {
        title: '流动党员主题党日',
        type: 'party_day',
        roomId: hall.id,
        day: addDays(today, 3),
        from: '09:00',
        to: '11:00',
        capacity: 60,
        notes: '请佩戴党员徽章。',
        rules: [{ kind: 'partyMember' }],
        volunteerMinutes: 120,
      },
      opts,
    ),
  );
  tryIt(() => saveActivity(db, { title: '晚间广场舞', type: 'culture_sports', roomId: dance.id, day: today, from: '19:00', to: '20:30', capacity: 30, rules: [] }, opts));
  tryIt(() =>
    saveActivity(
      db,
      { title: '志愿服务：陪老人读报', type: 'volunteer', roomId: hall.id, day: addDays(today, 1), from: '15:00', to: '16:00', capacity: 10, rules: [{ kind: 'inTown' }] },
      opts,
    ),
  );
  tryIt(() =>
    bookRoom(
      db,
      {
        roomId: calligraphy.id,
        day: today,
        from: '09:00',
        to: '11:00',
        people: 12,
        activityType: 'culture_sports',
        groupKind: 'club',
        groupName: '银龄书画社',
        purpose: '每周例会',
      },
      opts,
    ),
  );
  seedActivitiesHistory(db, now, [calligraphy.id, dance.id, hall.id, health.id]);
  const residents = db.prepare("SELECT id FROM residents WHERE status = 'active' ORDER BY id LIMIT 30").all() as Array<{ id: number }>;
  for (const activity of [check, course, party]) {
    if (!activity) continue;
    let n = 0;
    for (const r of residents) {
      if (n >= 6) break;
      if (tryIt(() => signUp(db, { activityId: activity.id, residentId: r.id, source: 'staff' }, now, timeZone))) n++;
    }
  }
}

/**
 * Two seasons of held activities for 统计报表: two a week in the winter months (Oct–Apr), in the
 * rooms at 09:00 or 15:00 local, each with sign-ups, most of them attended. Written straight into
 * the tables (the sign-up windows of the past are closed), deterministic.
 */
function seedActivitiesHistory(db: Db, now: Date, roomIds: number[]): void {
  const residents = (db.prepare("SELECT id FROM residents WHERE status = 'active' ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id);
  if (!residents.length) return;
  let seed = 18_2026;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const types = ['course', 'culture_sports', 'health_talk', 'party_day', 'volunteer', 'health_check'] as const;
  const titles: Record<(typeof types)[number], string> = {
    course: '书法公益课',
    culture_sports: '广场舞联谊',
    health_talk: '冬季养生讲座',
    party_day: '流动党员主题党日',
    volunteer: '志愿服务：助老读报',
    health_check: '免费健康体检',
  };
  const addActivity = db.prepare(
    `INSERT INTO activities (title, type, room_id, starts_at, ends_at, capacity, notes, rules, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, '', '[]', 'open', ?, ?)`,
  );
  const addSlot = db.prepare(
    "INSERT INTO activity_room_slots (room_id, starts_at, ends_at, kind, activity_id, activity_type, people, created_at) VALUES (?, ?, ?, 'activity', ?, ?, ?, ?)",
  );
  const addSignup = db.prepare("INSERT INTO activity_signups (activity_id, resident_id, status, source, created_at, confirmed_at) VALUES (?, ?, 'confirmed', 'kiosk', ?, ?)");
  const addAttendance = db.prepare("INSERT INTO activity_attendance (activity_id, resident_id, signup_id, role, checked_in_at) VALUES (?, ?, ?, 'participant', ?)");
  const day = 86_400_000;
  // Local 09:00 / 15:00 in Beijing time are 01:00 / 07:00 UTC.
  const first = Date.UTC(new Date(now).getUTCFullYear() - 1, 8, 28, 1);
  let n = 0;
  for (let t = first; t < now.getTime() - 2 * day; t += 3.5 * day) {
    const month = new Date(t).getUTCMonth();
    if (month > 3 && month < 9) continue;
    const start = t + (n % 2 ? 6 * 3_600_000 : 0);
    const type = types[n % types.length]!;
    const room = roomIds[n % roomIds.length]!;
    const capacity = 10 + (n % 3) * 5;
    const startsAt = new Date(start).toISOString();
    const endsAt = new Date(start + 2 * 3_600_000).toISOString();
    const created = new Date(start - 5 * day).toISOString();
    const id = Number(addActivity.run(titles[type], type, room, startsAt, endsAt, capacity, created, created).lastInsertRowid);
    addSlot.run(room, startsAt, endsAt, id, type, capacity, created);
    const people = new Set<number>();
    const want = Math.min(residents.length, 4 + Math.floor(random() * (capacity - 3)));
    while (people.size < want) people.add(residents[Math.floor(random() * residents.length)]!);
    for (const residentId of people) {
      const signupId = Number(addSignup.run(id, residentId, created, created).lastInsertRowid);
      if (random() < 0.82) addAttendance.run(id, residentId, signupId, new Date(start - 10 * 60_000).toISOString());
    }
    n++;
  }
}
