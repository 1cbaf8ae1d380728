import type { Db } from '../connection.js';
import { recordAudit } from '../audit.js';
import { ApiError } from '../errors/index.js';
import { pointsFor, readVolConfig } from './config.js';
import { ISSUING_ACCOUNT, postTransaction, residentAccount } from './ledger.js';
import { activeResident, ensureVolunteer } from './volunteers.js';

/**
 * Hours (工时) and the points they earn. Two ways in:
 * - `creditActivityHours`: attendance in the role 志愿者 at an activity, by the activity's rule
 *   (the activities module computes the minutes). Approved at once, idempotent per attendance.
 * - `requestManualCredit` → `decideManualCredit`: a manual credit with a reason, pending until a
 *   manager approves (points issued then) or rejects it. Both steps audited.
 * Points = minutes × (points per hour) ÷ 60 at the rate in force when the hours are approved.
 */
export const MAX_MINUTES = 24 * 60;

export interface HoursRow {
  id: number;
  residentId: number;
  residentName: string;
  source: 'activity' | 'manual';
  attendanceId: number | null;
  activityId: number | null;
  minutes: number;
  workedAt: string;
  status: 'pending' | 'approved' | 'rejected' | 'reversed';
  reason: string | null;
  requestedBy: number | null;
  requestedByName: string | null;
  requestedAt: string;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  points: number | null;
  txnId: number | null;
}

const SELECT = `SELECT h.id, h.resident_id AS residentId, COALESCE(r.name, '') AS residentName, h.source, h.attendance_id AS attendanceId,
  h.activity_id AS activityId, h.minutes, h.worked_at AS workedAt, h.status, h.reason, h.requested_by AS requestedBy, rs.name AS requestedByName,
  h.requested_at AS requestedAt, h.decided_by AS decidedBy, ds.name AS decidedByName, h.decided_at AS decidedAt, h.decision_note AS decisionNote,
  h.points, h.txn_id AS txnId
  FROM vol_hours h JOIN residents r ON r.id = h.resident_id LEFT JOIN staff rs ON rs.id = h.requested_by LEFT JOIN staff ds ON ds.id = h.decided_by`;

export function getHours(db: Db, id: number): HoursRow | null {
  return (db.prepare(`${SELECT} WHERE h.id = ?`).get(id) as HoursRow | undefined) ?? null;
}

export function listHours(db: Db, filter: { status?: HoursRow['status']; residentId?: number; limit?: number }): HoursRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    where.push('h.status = ?');
    params.push(filter.status);
  }
  if (filter.residentId) {
    where.push('h.resident_id = ?');
    params.push(filter.residentId);
  }
  return db.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY h.id DESC LIMIT ?`).all(...params, filter.limit ?? 200) as HoursRow[];
}

function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h && m ? `${h} 小时 ${m} 分` : h ? `${h} 小时` : `${m} 分钟`;
}

/** Issues the points for approved hours: the center's issuing account → the resident's account. */
function issuePoints(db: Db, residentId: number, minutes: number, memo: string, staffId: number | null, now: Date): { points: number; txnId: number } {
  const points = pointsFor(minutes, readVolConfig(db).pointsPerHour);
  const account = residentAccount(db, residentId, now);
  const txn = postTransaction(
    db,
    {
      kind: 'credit',
      memo,
      staffId,
      entries: [
        { accountId: ISSUING_ACCOUNT, amount: -points },
        { accountId: account, amount: points },
      ],
    },
    now,
  );
  return { points, txnId: txn.id };
}

export interface ActivityCredit {
  attendanceId: number;
  residentId: number;
  activityId: number;
  minutes: number;
  /** When the attendance was recorded (ISO UTC or a Date). */
  at: string | Date;
  /** The activity's title for the resident's history (optional; without it the history says 活动志愿服务). */
  title?: string;
}

export interface ActivityCreditResult {
  hoursId: number;
  points: number;
  txnId: number;
  /** False when this attendance had already been credited: nothing new was written. */
  created: boolean;
}

/**
 * The hook the activities module calls when attendance in the role 志愿者 is recorded. Runs in the
 * caller's transaction (it opens a savepoint only when called outside one). Calling it again for
 * the same attendance returns the first credit and writes nothing; the same attendance with a
 * different resident or length is refused (a bug upstream, not a second credit).
 */
export function creditActivityHours(db: Db, input: ActivityCredit): ActivityCreditResult {
  const run = () => {
    const now = input.at instanceof Date ? input.at : new Date(input.at);
    if (Number.isNaN(now.getTime())) throw new ApiError('VOL_MINUTES_INVALID');
    if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > MAX_MINUTES) throw new ApiError('VOL_MINUTES_INVALID');
    const existing = db.prepare('SELECT id, resident_id, minutes, points, txn_id FROM vol_hours WHERE attendance_id = ?').get(input.attendanceId) as
      { id: number; resident_id: number; minutes: number; points: number; txn_id: number } | undefined;
    if (existing) {
      if (existing.resident_id !== input.residentId || existing.minutes !== input.minutes) throw new ApiError('VOL_CREDIT_MISMATCH', { attendanceId: input.attendanceId });
      return { hoursId: existing.id, points: existing.points, txnId: existing.txn_id, created: false };
    }
    activeResident(db, input.residentId);
    ensureVolunteer(db, input.residentId, now);
    const { points, txnId } = issuePoints(
      db,
      input.residentId,
      input.minutes,
      `活动志愿服务 ${hoursText(input.minutes)}${input.title ? `（${input.title.slice(0, 40)}）` : ''}`,
      null,
      now,
    );
    const at = now.toISOString();
    const hoursId = Number(
      db
        .prepare(
          `INSERT INTO vol_hours (resident_id, source, attendance_id, activity_id, minutes, worked_at, status, requested_at, decided_at, points, txn_id)
           VALUES (?, 'activity', ?, ?, ?, ?, 'approved', ?, ?, ?, ?)`,
        )
        .run(input.residentId, input.attendanceId, input.activityId, input.minutes, at, at, at, points, txnId).lastInsertRowid,
    );
    return { hoursId, points, txnId, created: true };
  };
  return db.inTransaction ? run() : db.transaction(run).immediate();
}

/** A manual credit (e.g. 协助义诊 3 小时) waits for the manager; the reason is required. */
export function requestManualCredit(db: Db, input: { residentId: number; minutes: number; workedAt: string; reason: string; staffId: number }, now: Date): HoursRow {
  activeResident(db, input.residentId);
  const v = db.prepare('SELECT active FROM volunteers WHERE resident_id = ?').get(input.residentId) as { active: number } | undefined;
  if (!v) throw new ApiError('VOL_NOT_VOLUNTEER');
  if (v.active !== 1) throw new ApiError('VOL_VOLUNTEER_INACTIVE');
  if (Date.parse(input.workedAt) > now.getTime()) throw new ApiError('VOL_WORKED_IN_FUTURE');
  const id = Number(
    db
      .prepare(
        `INSERT INTO vol_hours (resident_id, source, minutes, worked_at, status, reason, requested_by, requested_at)
         VALUES (?, 'manual', ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(input.residentId, input.minutes, input.workedAt, input.reason, input.staffId, now.toISOString()).lastInsertRowid,
  );
  recordAudit(
    db,
    { staffId: input.staffId, action: 'volunteering.creditRequested', subject: `resident:${input.residentId}`, detail: { hoursId: id, minutes: input.minutes } },
    now,
  );
  return getHours(db, id)!;
}

const statusLabel = { pending: '待审批', approved: '已通过', rejected: '已驳回', reversed: '已撤销' } as const;

/** The manager's decision: approve (points issued in the same transaction) or reject (with a note). */
export function decideManualCredit(db: Db, input: { id: number; approve: boolean; note: string | null; staffId: number }, now: Date): HoursRow {
  const h = getHours(db, input.id);
  if (!h || h.source !== 'manual') throw new ApiError('NOT_FOUND');
  if (h.status !== 'pending') throw new ApiError('VOL_CREDIT_DECIDED', { status: statusLabel[h.status] });
  const at = now.toISOString();
  if (input.approve) {
    activeResident(db, h.residentId);
    const { points, txnId } = issuePoints(db, h.residentId, h.minutes, `补记工时 ${hoursText(h.minutes)}`, input.staffId, now);
    db.prepare("UPDATE vol_hours SET status = 'approved', decided_by = ?, decided_at = ?, decision_note = ?, points = ?, txn_id = ? WHERE id = ? AND status = 'pending'").run(
      input.staffId,
      at,
      input.note,
      points,
      txnId,
      h.id,
    );
  } else {
    db.prepare("UPDATE vol_hours SET status = 'rejected', decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ? AND status = 'pending'").run(
      input.staffId,
      at,
      input.note,
      h.id,
    );
  }
  recordAudit(
    db,
    {
      staffId: input.staffId,
      action: input.approve ? 'volunteering.creditApproved' : 'volunteering.creditRejected',
      subject: `resident:${h.residentId}`,
      detail: { hoursId: h.id, minutes: h.minutes },
    },
    now,
  );
  return getHours(db, h.id)!;
}

export { hoursText };
