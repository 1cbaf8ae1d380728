import type { Db } from '../connection.js';
import { snapshotSql } from '../migrations/011_sync.js';
import { domainsSnapshotSql } from '../migrations/018_sync_domains.js';

/** The center's enrolment with the city and the pusher's last outcome (table sync_state, one row). */
export interface SyncState {
  enabled: boolean;
  hubUrl: string | null;
  centerId: number | null;
  centerName: string | null;
  pg: { host: string; port: number; database: string; user: string; password: string; ssl: string | null } | null;
  cityKey: string | null;
  enrolledAt: string | null;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  serverCursor: number;
}

interface Row {
  enabled: number;
  hub_url: string | null;
  center_id: number | null;
  center_name: string | null;
  pg_host: string | null;
  pg_port: number | null;
  pg_database: string | null;
  pg_user: string | null;
  pg_password: string | null;
  pg_ssl: string | null;
  city_key: string | null;
  enrolled_at: string | null;
  last_success_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  server_cursor: number;
}

export function readSyncState(db: Db): SyncState {
  const r = db.prepare('SELECT * FROM sync_state WHERE id = 1').get() as Row;
  return {
    enabled: r.enabled === 1,
    hubUrl: r.hub_url,
    centerId: r.center_id,
    centerName: r.center_name,
    pg:
      r.pg_host && r.pg_port && r.pg_database && r.pg_user && r.pg_password
        ? { host: r.pg_host, port: r.pg_port, database: r.pg_database, user: r.pg_user, password: r.pg_password, ssl: r.pg_ssl }
        : null,
    cityKey: r.city_key,
    enrolledAt: r.enrolled_at,
    lastSuccessAt: r.last_success_at,
    lastAttemptAt: r.last_attempt_at,
    lastError: r.last_error,
    serverCursor: r.server_cursor,
  };
}

/** What the hub hands a center when it redeems an enrolment code. */
export interface Enrolment {
  centerId: number;
  centerName: string;
  pg: { host: string; port: number; database: string; user: string; password: string; ssl?: string | null };
  cityKey: string;
}

/**
 * Stores the enrolment and queues a snapshot of every row the city copies, in one transaction: from
 * here on the triggers queue each change as it happens.
 */
export function saveEnrolment(db: Db, hubUrl: string, e: Enrolment, now = new Date()): number {
  return db.transaction(() => {
    db.prepare(
      `UPDATE sync_state SET enabled = 1, hub_url = ?, center_id = ?, center_name = ?, pg_host = ?, pg_port = ?, pg_database = ?,
         pg_user = ?, pg_password = ?, pg_ssl = ?, city_key = ?, enrolled_at = ?, last_error = NULL, server_cursor = 0 WHERE id = 1`,
    ).run(hubUrl, e.centerId, e.centerName, e.pg.host, e.pg.port, e.pg.database, e.pg.user, e.pg.password, e.pg.ssl ?? null, e.cityKey, now.toISOString());
    db.exec(snapshotSql);
    db.exec(domainsSnapshotSql);
    return (db.prepare('SELECT count(*) AS n FROM sync_outbox WHERE confirmed_at IS NULL').get() as { n: number }).n;
  })();
}

/** Rows not yet confirmed by the city. */
export function backlog(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM sync_outbox WHERE confirmed_at IS NULL').get() as { n: number }).n;
}

/**
 * A full re-snapshot (issue 16): every row the city copies queued again as an upsert, then one
 * 'snapshot' marker whose payload names the first seq of the snapshot. The city upserts each row
 * (seq-guarded, so a replay changes nothing) and, on the marker, marks deleted every projection row of
 * this center older than the snapshot — rows the center no longer has, whose delete the city lost
 * (a city restored from backup after the outbox rows were pruned). One transaction; refused while a
 * snapshot is still waiting to be sent (null).
 */
export function queueResnapshot(db: Db): number | null {
  return db.transaction(() => {
    if (!readSyncState(db).enabled) return null;
    if (db.prepare("SELECT 1 FROM sync_outbox WHERE entity = 'snapshot' AND confirmed_at IS NULL").get()) return null;
    const from = (db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM sync_outbox').get() as { n: number }).n;
    db.exec(snapshotSql);
    db.prepare("INSERT INTO sync_outbox (entity, entity_id, op, payload) VALUES ('snapshot', 0, 'upsert', json_object('from', ?))").run(from);
    return (db.prepare('SELECT count(*) AS n FROM sync_outbox WHERE seq >= ?').get(from) as { n: number }).n;
  })();
}

/** Whether a re-snapshot is queued and not yet confirmed by the city. */
export function resnapshotPending(db: Db): boolean {
  return !!db.prepare("SELECT 1 FROM sync_outbox WHERE entity = 'snapshot' AND confirmed_at IS NULL").get();
}
