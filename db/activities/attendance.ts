import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { maskName } from '../residents/schema.js';
import { formatCenterTime, localClock } from '../wallClock.js';
import { countsOf, requireActivity, volunteerMinutesOf } from './activities.js';
import { notifyVolunteerAttendance } from './volunteerHook.js';

/**
 * 签到 (issue 18.5): a service card scanned at the door records attendance once. A person with a
 * confirmed place is checked in; someone not signed up (or still on the waitlist) is admitted only
 * when staff say so and a place remains — they then take that place. A volunteer (role 志愿者)
 * needs no place; their attendance is handed to the time bank in the same transaction.
 * Check-in is open from an hour before the start until the end.
 */
export type AttendanceRole = 'participant' | 'volunteer';
export const CHECKIN_EARLY_MS = 60 * 60_000;

export interface CheckInResult {
  attendanceId: number;
  maskedName: string;
  role: AttendanceRole;
  walkIn: boolean;
  checkedInAt: string;
}

export function checkInAttendance(
  db: Db,
  req: { activityId: number; residentId: number; role: AttendanceRole; admit?: boolean; staffId?: number | null },
  now: Date,
  timeZone: string,
): CheckInResult {
  return db
    .transaction(() => {
      const a = requireActivity(db, req.activityId);
      const r = db.prepare('SELECT name FROM residents WHERE id = ?').get(req.residentId) as { name: string | null } | undefined;
      if (!r) throw new ApiError('NOT_FOUND');
      const name = maskName(r.name);
      const at = now.toISOString();
      if (a.status !== 'open' || now.getTime() < Date.parse(a.starts_at) - CHECKIN_EARLY_MS || at >= a.ends_at) {
        throw new ApiError('ACTIVITY_CHECKIN_CLOSED', { title: a.title, when: `${formatCenterTime(a.starts_at, timeZone)}–${localClock(new Date(a.ends_at), timeZone).time}` });
      }
      const done = db.prepare('SELECT checked_in_at FROM activity_attendance WHERE activity_id = ? AND resident_id = ?').get(a.id, req.residentId) as
        { checked_in_at: string } | undefined;
      if (done) throw new ApiError('ACTIVITY_ALREADY_CHECKED_IN', { name, time: localClock(new Date(done.checked_in_at), timeZone).time });
      const insert = db.prepare('INSERT INTO activity_attendance (activity_id, resident_id, signup_id, role, walk_in, checked_in_at, staff_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
      if (req.role === 'volunteer') {
        const attendanceId = Number(insert.run(a.id, req.residentId, null, 'volunteer', 0, at, req.staffId ?? null).lastInsertRowid);
        notifyVolunteerAttendance(db, { attendanceId, residentId: req.residentId, activityId: a.id, minutes: volunteerMinutesOf(a), at });
        return { attendanceId, maskedName: name, role: 'volunteer' as const, walkIn: false, checkedInAt: at };
      }
      const signup = db.prepare("SELECT id, status FROM activity_signups WHERE activity_id = ? AND resident_id = ? AND status <> 'cancelled'").get(a.id, req.residentId) as
        { id: number; status: 'confirmed' | 'waitlisted' } | undefined;
      if (signup?.status === 'confirmed') {
        const attendanceId = Number(insert.run(a.id, req.residentId, signup.id, 'participant', 0, at, req.staffId ?? null).lastInsertRowid);
        return { attendanceId, maskedName: name, role: 'participant' as const, walkIn: false, checkedInAt: at };
      }
      const left = a.capacity - countsOf(db, a.id).confirmed;
      if (left <= 0) throw new ApiError('ACTIVITY_NO_PLACE_AT_DOOR', { name });
      if (!req.admit) throw new ApiError('ACTIVITY_NOT_SIGNED_UP', { name, left });
      let signupId: number;
      if (signup) {
        db.prepare("UPDATE activity_signups SET status = 'confirmed', confirmed_at = ? WHERE id = ?").run(at, signup.id);
        signupId = signup.id;
      } else {
        signupId = Number(
          db
            .prepare("INSERT INTO activity_signups (activity_id, resident_id, status, source, staff_id, created_at, confirmed_at) VALUES (?, ?, 'confirmed', 'door', ?, ?, ?)")
            .run(a.id, req.residentId, req.staffId ?? null, at, at).lastInsertRowid,
        );
      }
      const attendanceId = Number(insert.run(a.id, req.residentId, signupId, 'participant', 1, at, req.staffId ?? null).lastInsertRowid);
      return { attendanceId, maskedName: name, role: 'participant' as const, walkIn: true, checkedInAt: at };
    })
    .immediate();
}

export interface AttendanceFigures {
  confirmed: number;
  waitlisted: number;
  attended: number;
  volunteers: number;
  walkIns: number;
  /** Confirmed places nobody came for; null before the activity has ended. */
  noShows: number | null;
}

/** 到场与未到: counted from the rows; no-shows only once the activity is over. */
export function attendanceFigures(db: Db, activityId: number, now: Date): AttendanceFigures {
  const a = requireActivity(db, activityId);
  const { confirmed, waitlisted } = countsOf(db, activityId);
  const row = db
    .prepare(
      `SELECT COALESCE(SUM(role = 'participant'), 0) AS attended, COALESCE(SUM(role = 'volunteer'), 0) AS volunteers, COALESCE(SUM(walk_in), 0) AS walkIns
       FROM activity_attendance WHERE activity_id = ?`,
    )
    .get(activityId) as { attended: number; volunteers: number; walkIns: number };
  const noShows = now.toISOString() >= a.ends_at ? noShowCount(db, activityId) : null;
  return { confirmed, waitlisted, ...row, noShows };
}

export function noShowCount(db: Db, activityId: number): number {
  return (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM activity_signups s WHERE s.activity_id = ? AND s.status = 'confirmed'
         AND NOT EXISTS (SELECT 1 FROM activity_attendance t WHERE t.activity_id = s.activity_id AND t.resident_id = s.resident_id)`,
      )
      .get(activityId) as { n: number }
  ).n;
}

export interface ResidentAttendance {
  attendanceId: number;
  activityId: number;
  title: string;
  type: string;
  role: AttendanceRole;
  startsAt: string;
  endsAt: string;
  checkedInAt: string;
  place: string;
}

const ATTENDANCE_SELECT = `SELECT t.id AS attendanceId, a.id AS activityId, a.title, a.type, t.role, a.starts_at AS startsAt, a.ends_at AS endsAt, t.checked_in_at AS checkedInAt,
  COALESCE(r.name, a.place, '') AS place
  FROM activity_attendance t JOIN activities a ON a.id = t.activity_id LEFT JOIN activity_rooms r ON r.id = a.room_id`;

/** Everything a resident attended, oldest first (一人一档). */
export function attendanceForResident(db: Db, residentId: number): ResidentAttendance[] {
  return db.prepare(`${ATTENDANCE_SELECT} WHERE t.resident_id = ? ORDER BY a.starts_at, t.id`).all(residentId) as ResidentAttendance[];
}

/** 主题党日 a resident attended (for the time bank's statement: 流动党员 see them there). */
export function listPartyDayAttendance(db: Db, residentId: number): ResidentAttendance[] {
  return db.prepare(`${ATTENDANCE_SELECT} WHERE t.resident_id = ? AND a.type = 'party_day' ORDER BY a.starts_at, t.id`).all(residentId) as ResidentAttendance[];
}
