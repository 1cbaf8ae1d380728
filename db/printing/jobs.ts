import type { Db } from '../connection.js';
import type { PrintJobRecord, PrintJobState, PrintJobStatus, PrintTargetConfig } from '../api/contract/printing.js';
import type { PrintRequest } from './types.js';

/** The print_jobs table: plain functions, no printing. */

interface Row {
  id: number;
  job_type: string;
  layout_id: string;
  payload: string;
  target_override: string | null;
  target: string;
  status: PrintJobStatus;
  attempts: number;
  error: string | null;
  created_at: string;
  updated_at: string;
  printed_at: string | null;
}

export interface StoredJob extends PrintJobRecord {
  data: unknown;
  targetOverride: PrintTargetConfig | null;
}

/** Mainland ID numbers (18 characters) never reach the jobs table or paper in clear: 3501**********123X. */
const ID_NUMBER = /(?<![0-9])([1-9]\d{3})\d{10}(\d{3}[0-9Xx])(?![0-9])/g;

export function maskIdNumbers<T>(value: T): T {
  if (typeof value === 'string') return value.replace(ID_NUMBER, (_, head: string, tail: string) => `${head}${'*'.repeat(10)}${tail}`) as T;
  if (Array.isArray(value)) return value.map(maskIdNumbers) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskIdNumbers(v)])) as T;
  return value;
}

function toRecord(r: Row): StoredJob {
  return {
    id: r.id,
    jobType: r.job_type,
    layoutId: r.layout_id,
    status: r.status,
    error: r.error,
    target: r.target,
    attempts: r.attempts,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    printedAt: r.printed_at,
    data: JSON.parse(r.payload),
    targetOverride: r.target_override ? (JSON.parse(r.target_override) as PrintTargetConfig) : null,
  };
}

export function stateOf(job: PrintJobRecord): PrintJobState {
  return { id: job.id, jobType: job.jobType, layoutId: job.layoutId, status: job.status, error: job.error, target: job.target };
}

export function insertJob(db: Db, req: PrintRequest, target: string, override: PrintTargetConfig | null, now: Date): number {
  const at = now.toISOString();
  const info = db
    .prepare(
      `INSERT INTO print_jobs (job_type, layout_id, payload, target_override, target, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)`,
    )
    .run(req.jobType, req.layoutId, JSON.stringify(maskIdNumbers(req.data ?? null)), override ? JSON.stringify(override) : null, target, at, at);
  return Number(info.lastInsertRowid);
}

export function getJob(db: Db, id: number): StoredJob | undefined {
  const row = db.prepare('SELECT * FROM print_jobs WHERE id = ?').get(id) as Row | undefined;
  return row && toRecord(row);
}

export function listJobs(db: Db, options: { status: 'failed' | 'all'; limit: number }): PrintJobRecord[] {
  const rows = (
    options.status === 'failed'
      ? db.prepare("SELECT * FROM print_jobs WHERE status = 'failed' ORDER BY id DESC LIMIT ?").all(options.limit)
      : db.prepare('SELECT * FROM print_jobs ORDER BY id DESC LIMIT ?').all(options.limit)
  ) as Row[];
  return rows.map((r) => {
    const { data: _data, targetOverride: _t, ...record } = toRecord(r);
    return record;
  });
}

export function markPrinting(db: Db, id: number, target: string, now: Date): void {
  db.prepare("UPDATE print_jobs SET status = 'printing', target = ?, attempts = attempts + 1, error = NULL, updated_at = ? WHERE id = ?").run(target, now.toISOString(), id);
}

export function markDone(db: Db, id: number, now: Date): void {
  const at = now.toISOString();
  db.prepare("UPDATE print_jobs SET status = 'done', error = NULL, updated_at = ?, printed_at = ? WHERE id = ?").run(at, at, id);
}

export function markFailed(db: Db, id: number, reason: string, now: Date): void {
  db.prepare("UPDATE print_jobs SET status = 'failed', error = ?, updated_at = ? WHERE id = ?").run(reason, now.toISOString(), id);
}

export function markQueued(db: Db, id: number, now: Date): void {
  db.prepare("UPDATE print_jobs SET status = 'queued', error = NULL, updated_at = ? WHERE id = ?").run(now.toISOString(), id);
}

/** Jobs hold names and masked IDs: keep them only as long as 打印记录 is useful (default 30 days). */
export function pruneOldJobs(db: Db, now: Date, keepDays = 30): number {
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000).toISOString();
  return db.prepare("DELETE FROM print_jobs WHERE created_at < ? AND status IN ('done', 'failed')").run(cutoff).changes;
}

/**
 * Erasure (issue 11.6): every job that names an erased person — a text value anywhere in its payload
 * equal to one of `values` (name, phone, card number), or a loan slip of one of `loanIds` — keeps
 * its row for 打印记录 but loses its payload; one not yet printed will not print. With
 * secure_delete on, the old payload bytes are overwritten in the file.
 */
export const ERASED_PAYLOAD = '{"erased":true}';

/** A job whose payload was scrubbed by an erasure: nothing left to print or preview. */
export function isErasedJob(job: { data: unknown }): boolean {
  return typeof job.data === 'object' && job.data !== null && (job.data as { erased?: unknown }).erased === true;
}

export function scrubJobsOf(db: Db, person: { values: string[]; loanIds: number[] }, now: Date): number {
  const values = JSON.stringify(person.values.filter((v) => v.length > 1));
  return db
    .prepare(
      `UPDATE print_jobs SET payload = @erased, updated_at = @at,
         status = CASE WHEN status = 'done' THEN 'done' ELSE 'failed' END,
         error = CASE WHEN status = 'done' THEN error ELSE '这张单据上的居民信息已按要求删除，不能再打印。' END
       WHERE payload <> @erased AND (
         EXISTS (SELECT 1 FROM json_tree(print_jobs.payload) t WHERE t.type = 'text' AND t.atom IN (SELECT value FROM json_each(@values)))
         OR (job_type = 'loanSlip' AND json_extract(payload, '$.loanId') IN (SELECT value FROM json_each(@loanIds))))`,
    )
    .run({ at: now.toISOString(), erased: ERASED_PAYLOAD, values, loanIds: JSON.stringify(person.loanIds) }).changes;
}

/**
 * After a restart, jobs that were waiting or half-sent are not printed by surprise hours later:
 * they become failed, visible in 打印记录, for staff to retry if still wanted.
 */
export function failInterruptedJobs(db: Db, now: Date): number {
  return db
    .prepare("UPDATE print_jobs SET status = 'failed', error = ?, updated_at = ? WHERE status IN ('queued', 'printing')")
    .run('程序重新启动时这张单据还没有打印完成，如仍需要请点“重试”。', now.toISOString()).changes;
}
