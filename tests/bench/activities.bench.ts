import { saveActivity } from '../../db/activities/activities.js';
import { assertRoomFree, saveRoom } from '../../db/activities/rooms.js';
import { signUp } from '../../db/activities/signups.js';
import { addDays } from '../../db/reports/period.js';
import { ApiError } from '../../db/errors/index.js';
import type { BenchSuite, Measured } from './harness.js';
import { measure } from './harness.js';
import { BASELINE_INSERT, BASELINE_LOOKUP } from './sqlite.bench.js';

const TZ = 'Asia/Shanghai';
const SIGNUPS = 2000;
const BOOKINGS = 10_000;

/**
 * activities.signup: one sign-up at the domain layer — BEGIN IMMEDIATE, the activity and its
 * window, three eligibility rules (age, in town, once per season with its look-up), the live
 * sign-up check, the count of places, the insert — against an activity with 2,000 earlier sign-ups
 * by the end. Target p50 < 2 ms.
 * activities.room.conflict_10k: the clash check of a room holding 10,000 bookings (hours, type,
 * capacity, the overlap look-up on the slot index); half the asked slots clash. Target p95 < 5 ms.
 */
export const activitiesBench: BenchSuite = {
  name: 'activities',
  async run({ freshDb, log }) {
    const rows: Measured[] = [];
    const db = freshDb('activities.db');
    const now = new Date('2026-12-01T02:00:00.000Z');
    const at = now.toISOString();
    const addResident = db.prepare(
      "INSERT INTO residents (card_no, name, phone, phone_rev, birth_year, created_at, updated_at, last_seen_at) VALUES (?, '居民', ?, ?, 1950, ?, ?, ?)",
    );
    const addStay = db.prepare("INSERT INTO stays (resident_id, arrived_at, source) VALUES (?, ?, 'staff')");
    const ids: number[] = [];
    db.transaction(() => {
      for (let i = 0; i < SIGNUPS + 300; i++) {
        const phone = `139${String(i).padStart(8, '0')}`;
        const id = Number(addResident.run(`B${String(i).padStart(7, '0')}`, phone, [...phone].reverse().join(''), at, at, at).lastInsertRowid);
        addStay.run(id, at);
        ids.push(id);
      }
    })();
    const { id: activityId } = saveActivity(
      db,
      {
        title: '健康体检',
        type: 'health_check',
        place: '健康小屋',
        day: '2026-12-05',
        from: '08:00',
        to: '10:00',
        capacity: 1000,
        rules: [{ kind: 'minAge', age: 65 }, { kind: 'inTown' }, { kind: 'oncePerSeason' }],
      },
      { staffId: null, now, timeZone: TZ },
    );
    const signup = await measure('activities.signup', SIGNUPS, (i) => signUp(db, { activityId, residentId: ids[i]!, source: 'kiosk' }, now, TZ), {
      warmup: 200,
      baseline: BASELINE_INSERT,
    });
    rows.push({ ...signup, note: 'target p50 < 2 ms' });

    const hours = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [['07:00', '22:00']]])) as never;
    const room = saveRoom(db, { name: '多功能厅', capacity: 200, hours, types: ['culture_sports'] }, now);
    // 10,000 bookings: ten one-hour slots a day (07:00–17:00) for 1,000 days.
    const fill = db.prepare(
      "INSERT INTO activity_room_slots (room_id, starts_at, ends_at, kind, group_kind, group_name, activity_type, people, created_at) VALUES (?, ?, ?, 'booking', 'club', '社团', 'culture_sports', 10, ?)",
    );
    const firstDay = '2026-01-01';
    db.transaction(() => {
      for (let i = 0; i < BOOKINGS; i++) {
        const start = Date.parse(`${addDays(firstDay, Math.floor(i / 10))}T07:00:00+08:00`) + (i % 10) * 3_600_000;
        fill.run(room.id, new Date(start).toISOString(), new Date(start + 3_600_000).toISOString(), at);
      }
    })();
    db.exec('ANALYZE');
    log(`activities: ${BOOKINGS} bookings in one room`);
    let clashes = 0;
    const conflict = await measure(
      'activities.room.conflict_10k',
      4000,
      (i) => {
        const day = addDays(firstDay, (i * 7919) % 1000);
        // Even samples ask a booked hour (a clash), odd ones the free evening.
        const from = i % 2 === 0 ? `${String(8 + (i % 9)).padStart(2, '0')}:30` : '19:00';
        const to = i % 2 === 0 ? `${String(9 + (i % 9)).padStart(2, '0')}:00` : '21:00';
        try {
          assertRoomFree(db, { roomId: room.id, day, from, to, people: 20, activityType: 'culture_sports' }, TZ);
        } catch (e) {
          if (!(e instanceof ApiError) || e.code !== 'ROOM_BOOKED') throw e;
          clashes++;
        }
      },
      { warmup: 200, baseline: BASELINE_LOOKUP },
    );
    rows.push({ ...conflict, note: 'target p95 < 5 ms' });
    log(`activities: ${clashes} of the conflict samples clashed`);
    return rows;
  },
};
