import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { formatCenterTime } from '../wallClock.js';
import { countsOf, requireActivity, signupState, type ActivityRow } from './activities.js';
import { assertEligible } from './eligibility.js';
import type { SignupOutcome } from './types.js';

/**
 * 报名与候补 (issue 18.3–4). Places are counted inside an IMMEDIATE transaction: the write lock is
 * taken before the count, so two kiosks (or two processes on one file) asking for the last place
 * get one place and one waitlist entry — never two places. The waitlist is the order of sign-up
 * ids; a freed place goes to the lowest waiting id, and that person is listed for staff to tell.
 * Capacity 0 means waitlist only; a group (several people at once) is counted one person at a time.
 */
export type SignupSource = 'kiosk' | 'staff' | 'group' | 'door';

const STATE_ZH = { confirmed: '已报名成功', waitlisted: '候补中' } as const;

export function waitlistPlace(db: Db, activityId: number, signupId: number): number {
  return (db.prepare("SELECT COUNT(*) AS n FROM activity_signups WHERE activity_id = ? AND status = 'waitlisted' AND id <= ?").get(activityId, signupId) as { n: number }).n;
}

/** Inside a write transaction: one more person, a place if one is free, else the end of the waitlist. */
function place(db: Db, a: ActivityRow, residentId: number, source: SignupSource, staffId: number | null, now: Date): SignupOutcome {
  const live = db.prepare("SELECT status FROM activity_signups WHERE activity_id = ? AND resident_id = ? AND status <> 'cancelled'").get(a.id, residentId) as
    { status: 'confirmed' | 'waitlisted' } | undefined;
  if (live) throw new ApiError('ACTIVITY_ALREADY_SIGNED_UP', { title: a.title, state: STATE_ZH[live.status] });
  const { confirmed } = countsOf(db, a.id);
  const status = confirmed < a.capacity ? 'confirmed' : 'waitlisted';
  const at = now.toISOString();
  const signupId = Number(
    db
      .prepare('INSERT INTO activity_signups (activity_id, resident_id, status, source, staff_id, created_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(a.id, residentId, status, source, staffId, at, status === 'confirmed' ? at : null).lastInsertRowid,
  );
  return { signupId, status, waitlistPlace: status === 'waitlisted' ? waitlistPlace(db, a.id, signupId) : null };
}

function assertSignupOpen(a: ActivityRow, now: Date, timeZone: string): void {
  const state = signupState(a, now);
  if (state === 'cancelled') throw new ApiError('ACTIVITY_CANCELLED', { title: a.title });
  if (state === 'notYet') throw new ApiError('ACTIVITY_SIGNUP_NOT_OPEN', { title: a.title, opens: formatCenterTime(a.signup_opens_at!, timeZone) });
  if (state === 'closed') throw new ApiError('ACTIVITY_SIGNUP_CLOSED', { title: a.title, closes: formatCenterTime(a.signup_closes_at ?? a.starts_at, timeZone) });
}

export interface SignupRequest {
  activityId: number;
  residentId: number;
  source: SignupSource;
  staffId?: number | null;
}

/** One person signs up (kiosk, or 代报名 by staff): window → rules → place or waitlist, all under the write lock. */
export function signUp(db: Db, req: SignupRequest, now: Date, timeZone: string): SignupOutcome {
  return db
    .transaction(() => {
      const a = requireActivity(db, req.activityId);
      assertSignupOpen(a, now, timeZone);
      assertEligible(db, a, req.residentId, timeZone);
      return place(db, a, req.residentId, req.source, req.staffId ?? null, now);
    })
    .immediate();
}

export type GroupOutcome = ({ residentId: number; ok: true } & SignupOutcome) | { residentId: number; ok: false; code: string; message: string };

/**
 * A group sign-up (a 社团 brings its members): each person in the order given, each counted like a
 * single sign-up, so a group can never take more places than are free. A person a rule refuses is
 * reported and the others still go ahead.
 */
export function signUpGroup(db: Db, activityId: number, residentIds: number[], opts: { staffId: number | null; now: Date; timeZone: string }): GroupOutcome[] {
  return db
    .transaction(() => {
      const a = requireActivity(db, activityId);
      assertSignupOpen(a, opts.now, opts.timeZone);
      return [...new Set(residentIds)].map((residentId): GroupOutcome => {
        try {
          return db.transaction(() => {
            assertEligible(db, a, residentId, opts.timeZone);
            return { residentId, ok: true as const, ...place(db, a, residentId, 'group', opts.staffId, opts.now) };
          })();
        } catch (e) {
          if (e instanceof ApiError) return { residentId, ok: false, code: e.code, message: e.toBody().message };
          throw e;
        }
      });
    })
    .immediate();
}

/**
 * Fills free places from the waitlist, lowest id first; returns the promoted sign-up ids. Call
 * inside the write transaction that freed the place (or raised the capacity).
 */
export function promoteWaitlist(db: Db, activityId: number, now: Date): number[] {
  const a = requireActivity(db, activityId);
  if (a.status !== 'open') return [];
  const { confirmed } = countsOf(db, activityId);
  const free = a.capacity - confirmed;
  if (free <= 0) return [];
  const next = db.prepare("SELECT id FROM activity_signups WHERE activity_id = ? AND status = 'waitlisted' ORDER BY id LIMIT ?").all(activityId, free) as Array<{ id: number }>;
  const at = now.toISOString();
  const promote = db.prepare("UPDATE activity_signups SET status = 'confirmed', confirmed_at = ?, promoted_at = ? WHERE id = ? AND status = 'waitlisted'");
  for (const s of next) promote.run(at, at, s.id);
  return next.map((s) => s.id);
}

export interface SignupRow {
  id: number;
  activity_id: number;
  resident_id: number;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  source: SignupSource;
  created_at: string;
  promoted_at: string | null;
  told_at: string | null;
  print_job_id: number | null;
}

export function getSignup(db: Db, id: number): SignupRow | null {
  return (db.prepare('SELECT * FROM activity_signups WHERE id = ?').get(id) as SignupRow | undefined) ?? null;
}

/** 取消报名: a confirmed place freed goes to the next on the waitlist, in the same transaction. */
export function cancelSignup(db: Db, signupId: number, now: Date, opts: { residentId?: number } = {}): { promoted: number[]; activityId: number } {
  return db
    .transaction(() => {
      const s = getSignup(db, signupId);
      if (!s || (opts.residentId !== undefined && s.resident_id !== opts.residentId)) throw new ApiError('ACTIVITY_SIGNUP_NOT_YOURS');
      if (s.status === 'cancelled') throw new ApiError('ACTIVITY_SIGNUP_NOT_LIVE');
      const attended = db.prepare('SELECT 1 FROM activity_attendance WHERE activity_id = ? AND resident_id = ?').get(s.activity_id, s.resident_id);
      if (attended) throw new ApiError('ACTIVITY_SIGNUP_ATTENDED');
      db.prepare("UPDATE activity_signups SET status = 'cancelled', cancelled_at = ? WHERE id = ?").run(now.toISOString(), signupId);
      const promoted = s.status === 'confirmed' ? promoteWaitlist(db, s.activity_id, now) : [];
      return { promoted, activityId: s.activity_id };
    })
    .immediate();
}

export function setSignupPrintJob(db: Db, signupId: number, jobId: number): void {
  db.prepare('UPDATE activity_signups SET print_job_id = ? WHERE id = ?').run(jobId, signupId);
}

/** 待通知: people moved up from the waitlist whom staff have not told yet (activities not over). */
export function promotedToTell(
  db: Db,
  now: Date,
): Array<{ signupId: number; residentId: number; name: string | null; phone: string | null; activityId: number; title: string; startsAt: string; promotedAt: string }> {
  return db
    .prepare(
      `SELECT s.id AS signupId, s.resident_id AS residentId, r.name, r.phone, a.id AS activityId, a.title, a.starts_at AS startsAt, s.promoted_at AS promotedAt
       FROM activity_signups s JOIN activities a ON a.id = s.activity_id JOIN residents r ON r.id = s.resident_id
       WHERE s.promoted_at IS NOT NULL AND s.told_at IS NULL AND s.status = 'confirmed' AND a.ends_at > ? AND a.status = 'open'
       ORDER BY s.promoted_at, s.id`,
    )
    .all(now.toISOString()) as never;
}

export function markTold(db: Db, signupIds: number[], now: Date): number {
  const stmt = db.prepare('UPDATE activity_signups SET told_at = ? WHERE id = ? AND told_at IS NULL AND promoted_at IS NOT NULL');
  return db.transaction(() => signupIds.reduce((n, id) => n + stmt.run(now.toISOString(), id).changes, 0))();
}
