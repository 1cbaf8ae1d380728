import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { instantOfLocalTime } from '../wallClock.js';
import { assertRoomFree, getRoom } from './rooms.js';
import { promoteWaitlist } from './signups.js';
import type { ActivityCard, ActivityType, EligibilityRule } from './types.js';

/**
 * 活动 (issue 18.2): title, type, a room or an outside place, a time on one local day, a capacity
 * in people (0 = waitlist only), a sign-up window, notes for the slip, eligibility rules as data
 * and the time bank's rule (volunteer minutes). An activity in a room holds that room's slot: the
 * same clash check as a group's booking.
 */
export interface ActivityRow {
  id: number;
  title: string;
  type: ActivityType;
  room_id: number | null;
  place: string | null;
  starts_at: string;
  ends_at: string;
  capacity: number;
  signup_opens_at: string | null;
  signup_closes_at: string | null;
  notes: string;
  rules: string;
  volunteer_minutes: number | null;
  status: 'open' | 'cancelled';
  room_name?: string | null;
}

export interface ActivityInput {
  id?: number;
  title: string;
  type: ActivityType;
  roomId?: number | null;
  place?: string | null;
  day: string;
  from: string;
  to: string;
  capacity: number;
  /** Local 'YYYY-MM-DD HH:MM'; absent = open now / close at the start. */
  signupOpens?: string | null;
  signupCloses?: string | null;
  notes?: string;
  rules: EligibilityRule[];
  volunteerMinutes?: number | null;
}

const localInstant = (text: string, timeZone: string) => instantOfLocalTime(text.slice(0, 10), text.slice(11, 16), timeZone).toISOString();

export function getActivityRow(db: Db, id: number): ActivityRow | null {
  return (db.prepare('SELECT a.*, r.name AS room_name FROM activities a LEFT JOIN activity_rooms r ON r.id = a.room_id WHERE a.id = ?').get(id) as ActivityRow | undefined) ?? null;
}

export function requireActivity(db: Db, id: number): ActivityRow {
  const a = getActivityRow(db, id);
  if (!a) throw new ApiError('NOT_FOUND');
  return a;
}

export const signupClosesAt = (a: ActivityRow) => a.signup_closes_at ?? a.starts_at;

export function signupState(a: ActivityRow, now: Date): ActivityCard['signup'] {
  if (a.status === 'cancelled') return 'cancelled';
  const at = now.toISOString();
  if (a.signup_opens_at && at < a.signup_opens_at) return 'notYet';
  if (at >= signupClosesAt(a)) return 'closed';
  return 'open';
}

/** How many hold a place and how many wait, for one activity. */
export function countsOf(db: Db, activityId: number): { confirmed: number; waitlisted: number } {
  const row = db
    .prepare(
      `SELECT COALESCE(SUM(status = 'confirmed'), 0) AS confirmed, COALESCE(SUM(status = 'waitlisted'), 0) AS waitlisted
       FROM activity_signups WHERE activity_id = ? AND status <> 'cancelled'`,
    )
    .get(activityId) as { confirmed: number; waitlisted: number };
  return row;
}

export function activityCard(db: Db, a: ActivityRow, now: Date): ActivityCard {
  const { confirmed, waitlisted } = countsOf(db, a.id);
  const roomName = a.room_name !== undefined ? a.room_name : a.room_id ? (getRoom(db, a.room_id)?.name ?? null) : null;
  return {
    id: a.id,
    title: a.title,
    type: a.type,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    roomId: a.room_id,
    place: roomName ?? a.place ?? '',
    notes: a.notes,
    capacity: a.capacity,
    confirmed,
    waitlisted,
    placesLeft: Math.max(0, a.capacity - confirmed),
    rules: JSON.parse(a.rules) as EligibilityRule[],
    signup: signupState(a, now),
    signupOpensAt: a.signup_opens_at,
    signupClosesAt: signupClosesAt(a),
    volunteerMinutes: a.volunteer_minutes,
  };
}

/** Activities not yet over, soonest first (the kiosk's list and the staff list's default). */
export function upcomingActivities(db: Db, now: Date, opts: { days?: number; includeCancelled?: boolean } = {}): ActivityCard[] {
  const until = new Date(now.getTime() + (opts.days ?? 60) * 86_400_000).toISOString();
  const rows = db
    .prepare(
      `SELECT a.*, r.name AS room_name FROM activities a LEFT JOIN activity_rooms r ON r.id = a.room_id
       WHERE a.ends_at > ? AND a.starts_at < ? ${opts.includeCancelled ? '' : "AND a.status = 'open'"} ORDER BY a.starts_at, a.id LIMIT 200`,
    )
    .all(now.toISOString(), until) as ActivityRow[];
  return rows.map((a) => activityCard(db, a, now));
}

/** Activities that started between two instants (past ones for the staff list and reports). */
export function activitiesBetween(db: Db, startIso: string, endIso: string): ActivityRow[] {
  return db
    .prepare(
      'SELECT a.*, r.name AS room_name FROM activities a LEFT JOIN activity_rooms r ON r.id = a.room_id WHERE a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, a.id',
    )
    .all(startIso, endIso) as ActivityRow[];
}

/**
 * Creates or changes an activity. The room's slot moves with it (the clash check skips the
 * activity's own slot); a larger capacity promotes the waitlist; a capacity below the people who
 * already hold a place is refused (nobody loses a place by an edit).
 */
export function saveActivity(db: Db, input: ActivityInput, opts: { staffId: number | null; now: Date; timeZone: string }): { id: number; promoted: number[] } {
  return db
    .transaction(() => {
      const at = opts.now.toISOString();
      const existing = input.id ? requireActivity(db, input.id) : null;
      let startsAt = instantOfLocalTime(input.day, input.from, opts.timeZone).toISOString();
      let endsAt = instantOfLocalTime(input.day, input.to === '24:00' ? '23:59' : input.to, opts.timeZone).toISOString();
      const ownSlot = existing
        ? ((db.prepare("SELECT id FROM activity_room_slots WHERE activity_id = ? AND status = 'active'").get(existing.id) as { id: number } | undefined)?.id ?? null)
        : null;
      if (input.roomId) {
        const free = assertRoomFree(
          db,
          { roomId: input.roomId, day: input.day, from: input.from, to: input.to, people: input.capacity, activityType: input.type, exceptSlotId: ownSlot },
          opts.timeZone,
        );
        startsAt = free.startsAt;
        endsAt = free.endsAt;
      }
      if (existing) {
        const { confirmed } = countsOf(db, existing.id);
        if (input.capacity < confirmed) throw new ApiError('ACTIVITY_CAPACITY_TOO_SMALL', { confirmed });
      }
      const values = [
        input.title,
        input.type,
        input.roomId ?? null,
        input.roomId ? null : (input.place ?? null),
        startsAt,
        endsAt,
        input.capacity,
        input.signupOpens ? localInstant(input.signupOpens, opts.timeZone) : null,
        input.signupCloses ? localInstant(input.signupCloses, opts.timeZone) : null,
        input.notes ?? '',
        JSON.stringify(input.rules),
        input.volunteerMinutes ?? null,
      ];
      let id: number;
      if (existing) {
        db.prepare(
          `UPDATE activities SET title = ?, type = ?, room_id = ?, place = ?, starts_at = ?, ends_at = ?, capacity = ?, signup_opens_at = ?, signup_closes_at = ?,
           notes = ?, rules = ?, volunteer_minutes = ?, updated_at = ? WHERE id = ?`,
        ).run(...values, at, existing.id);
        id = existing.id;
        if (ownSlot) db.prepare("UPDATE activity_room_slots SET status = 'cancelled', cancelled_at = ? WHERE id = ?").run(at, ownSlot);
      } else {
        id = Number(
          db
            .prepare(
              `INSERT INTO activities (title, type, room_id, place, starts_at, ends_at, capacity, signup_opens_at, signup_closes_at, notes, rules, volunteer_minutes, created_by, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(...values, opts.staffId, at, at).lastInsertRowid,
        );
      }
      if (input.roomId) {
        db.prepare(
          `INSERT INTO activity_room_slots (room_id, starts_at, ends_at, kind, activity_id, activity_type, people, staff_id, created_at)
           VALUES (?, ?, ?, 'activity', ?, ?, ?, ?, ?)`,
        ).run(input.roomId, startsAt, endsAt, id, input.type, input.capacity, opts.staffId, at);
      }
      const promoted = existing ? promoteWaitlist(db, id, opts.now) : [];
      return { id, promoted };
    })
    .immediate();
}

/** 取消活动: the room is freed; sign-ups stay on record (staff call the people: see the call list). */
export function cancelActivity(db: Db, id: number, now: Date): void {
  db.transaction(() => {
    requireActivity(db, id);
    db.prepare("UPDATE activities SET status = 'cancelled', updated_at = ? WHERE id = ?").run(now.toISOString(), id);
    db.prepare("UPDATE activity_room_slots SET status = 'cancelled', cancelled_at = ? WHERE activity_id = ? AND status = 'active'").run(now.toISOString(), id);
  })();
}

/** Minutes one volunteer attendance is worth: the activity's rule, or its length. */
export function volunteerMinutesOf(a: ActivityRow): number {
  return a.volunteer_minutes ?? Math.round((Date.parse(a.ends_at) - Date.parse(a.starts_at)) / 60_000);
}
