import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection.js';
import type { EventKind, RequestLevel, RequestState } from './types.js';

/**
 * One row for every change of a request (issue 17 rules: the statistics come from events). Each row
 * carries the state after the change and the category and level as they stood then.
 */
export interface EventRecord {
  requestId: number;
  kind: EventKind;
  state: RequestState;
  categoryId: number;
  level: RequestLevel | null;
  staffId?: number | null;
  handlerId?: number | null;
  detail?: Record<string, unknown> | null;
}

const inserts = new WeakMap<Db, Statement>();

export function recordEvent(db: Db, e: EventRecord, now: Date): void {
  let insert = inserts.get(db);
  if (!insert)
    inserts.set(
      db,
      (insert = db.prepare('INSERT INTO request_events (request_id, at, kind, state, category_id, level, staff_id, handler_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')),
    );
  insert.run(e.requestId, now.toISOString(), e.kind, e.state, e.categoryId, e.level, e.staffId ?? null, e.handlerId ?? null, e.detail ? JSON.stringify(e.detail) : null);
}

/** Keys of an event's detail that may hold what a person wrote (erased with the resident). */
export const FREE_TEXT_KEYS = ['note', 'reason', 'answer'] as const;
