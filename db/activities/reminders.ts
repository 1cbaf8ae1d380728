import type { Db } from '../connection.js';
import { maskPhone } from '../residents/schema.js';
import { instantOfLocalTime, localClock } from '../wallClock.js';
import { addDays } from '../reports/period.js';

/**
 * 提醒 (issue 18.6): the day before, staff phone everyone with a place (name, masked phone, the
 * activity); on the day, the hall display announces activities starting within 15 minutes.
 */
export interface CallListRow {
  signupId: number;
  name: string;
  maskedPhone: string;
  activityId: number;
  title: string;
  time: string;
  place: string;
  notes: string;
}

/** Everyone with a place in an activity on local day `day` (default: tomorrow), by time then name. */
export function callList(db: Db, day: string, timeZone: string): CallListRow[] {
  const start = instantOfLocalTime(day, '00:00', timeZone).toISOString();
  const end = instantOfLocalTime(addDays(day, 1), '00:00', timeZone).toISOString();
  const rows = db
    .prepare(
      `SELECT s.id AS signupId, r.name, r.phone, a.id AS activityId, a.title, a.starts_at AS startsAt, a.ends_at AS endsAt, COALESCE(m.name, a.place, '') AS place, a.notes
       FROM activity_signups s JOIN activities a ON a.id = s.activity_id JOIN residents r ON r.id = s.resident_id LEFT JOIN activity_rooms m ON m.id = a.room_id
       WHERE s.status = 'confirmed' AND a.status = 'open' AND a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, a.id, s.id`,
    )
    .all(start, end) as Array<{
    signupId: number;
    name: string | null;
    phone: string | null;
    activityId: number;
    title: string;
    startsAt: string;
    endsAt: string;
    place: string;
    notes: string;
  }>;
  return rows.map((r) => ({
    signupId: r.signupId,
    name: r.name ?? '',
    maskedPhone: maskPhone(r.phone),
    activityId: r.activityId,
    title: r.title,
    time: `${localClock(new Date(r.startsAt), timeZone).time}–${localClock(new Date(r.endsAt), timeZone).time}`,
    place: r.place,
    notes: r.notes,
  }));
}

export interface StartingSoon {
  activityId: number;
  title: string;
  place: string;
  startsAt: string;
  time: string;
  minutes: number;
}

/** Activities starting in the next `withinMinutes` (and not yet started), soonest first. */
export function startingSoon(db: Db, now: Date, timeZone: string, withinMinutes = 15): StartingSoon[] {
  const until = new Date(now.getTime() + withinMinutes * 60_000).toISOString();
  const rows = db
    .prepare(
      `SELECT a.id AS activityId, a.title, COALESCE(m.name, a.place, '') AS place, a.starts_at AS startsAt FROM activities a LEFT JOIN activity_rooms m ON m.id = a.room_id
       WHERE a.status = 'open' AND a.starts_at > ? AND a.starts_at <= ? ORDER BY a.starts_at, a.id`,
    )
    .all(now.toISOString(), until) as Array<{ activityId: number; title: string; place: string; startsAt: string }>;
  return rows.map((r) => ({ ...r, time: localClock(new Date(r.startsAt), timeZone).time, minutes: Math.max(1, Math.ceil((Date.parse(r.startsAt) - now.getTime()) / 60_000)) }));
}
