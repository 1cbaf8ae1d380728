import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCityMigrations } from '../../../db/city/migrate.js';
import { createEnrolmentCode, redeemEnrolmentCode } from '../../../db/city/enrol.js';
import { requestResnapshot } from '../../../db/city/resnapshot.js';
import type { Db } from '../../../db/connection.js';
import { pruneOutbox, SyncPusher } from '../../../db/sync/pusher.js';
import { saveEnrolment } from '../../../db/sync/state.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { adminToken, ok, tempApi } from '../../helpers/tempDb.js';

/**
 * Issue 16: a full re-snapshot refills a city restored from an old backup after the center pruned
 * the rows in between — asked for by the city (a gap seen by ingest, or the technician), or by the
 * manager from 市级数据同步. Real PostgreSQL; the city ends equal to the center, idempotently.
 */
let server: TestPostgres;
let admin: pg.Client;
const TABLES = ['residents', 'stays', 'loans', 'tickets', 'events', 'cursors'];

beforeAll(async () => {
  server = await startTestPostgres();
  admin = new pg.Client({ connectionString: server.url });
  admin.on('error', () => {});
  await admin.connect();
  await applyCityMigrations(admin);
}, 120_000);

afterAll(async () => {
  await admin?.end();
  server?.destroy();
});

let n = 0;
function register(db: Db, province: string, at: string, departed: string | null = null): number {
  const id = Number(
    db
      .prepare("INSERT INTO residents (card_no, name, birth_year, origin_province, created_at, updated_at, last_seen_at) VALUES (?, '某', 1950, ?, ?, ?, ?)")
      .run(`R${String(n++).padStart(7, '0')}`, province, at, at, at).lastInsertRowid,
  );
  db.prepare("INSERT INTO stays (resident_id, arrived_at, departed_at, source) VALUES (?, ?, ?, 'kiosk')").run(id, at, departed);
  return id;
}

/** The center's rows and the city's live copy of them, in the same shape. */
async function compare(db: Db, centerId: number) {
  const center = {
    residents: db.prepare('SELECT id, birth_year AS by, origin_province AS prov, status FROM residents ORDER BY id').all(),
    stays: (db.prepare('SELECT id, resident_id AS rid, arrived_at AS a, departed_at AS d FROM stays ORDER BY id').all() as Array<{ a: string; d: string | null }>).map((s) => ({
      ...s,
      a: new Date(s.a).toISOString(),
      d: s.d && new Date(s.d).toISOString(),
    })),
  };
  const q = async (sql: string) => (await admin.query(sql, [centerId])).rows;
  const city = {
    residents: (await q('SELECT local_id AS id, birth_year AS by, origin_province AS prov, status FROM city.residents WHERE center_id = $1 AND NOT deleted ORDER BY local_id')).map(
      (r) => ({ ...r, id: Number(r.id) }),
    ),
    stays: (
      await q('SELECT local_id AS id, resident_local_id AS rid, arrived_at AS a, departed_at AS d FROM city.stays WHERE center_id = $1 AND NOT deleted ORDER BY local_id')
    ).map((s) => ({ id: Number(s.id), rid: Number(s.rid), a: new Date(s.a).toISOString(), d: s.d && new Date(s.d).toISOString() })),
  };
  return { center, city };
}

const wanted = async (id: number) => (await admin.query('SELECT resnapshot_requested_at IS NOT NULL AS w FROM city.centers WHERE id = $1', [id])).rows[0].w as boolean;

describe('full re-snapshot', () => {
  it('refills a city restored from an old backup after the center pruned the rows between; the manager and the technician can ask too; nothing counts twice', async () => {
    const { api, db } = tempApi();
    const token = await adminToken(api);
    const enrolment = await redeemEnrolmentCode(admin, await createEnrolmentCode(admin, '快照测试站'), { host: server.host, port: server.port, database: 'postgres' });
    saveEnrolment(db, 'http://127.0.0.1:9', enrolment);
    const id = enrolment.centerId;
    const logs: string[] = [];
    const pusher = new SyncPusher({ db, idKey: null, log: (l) => logs.push(l) });
    for (let i = 0; i < 30; i++) register(db, i % 2 ? '黑龙江省' : '吉林省', `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T02:00:00.000Z`);
    await pusher.pushOnce();
    const first = await compare(db, id);
    expect(first.city).toEqual(first.center);

    // The city's backup of that moment (this center's rows).
    for (const t of TABLES) await admin.query(`CREATE TABLE public.bk_${t} AS SELECT * FROM city.${t} WHERE center_id = $1`.replace('$1', String(id)));

    // A week goes by: new people, departures, a stay deleted, a resident's province corrected.
    for (let i = 0; i < 10; i++) register(db, '辽宁省', '2026-12-05T03:00:00.000Z');
    db.prepare("UPDATE stays SET departed_at = '2026-12-06T04:00:00.000Z' WHERE id IN (1, 2, 3, 4, 5)").run();
    db.prepare('DELETE FROM stays WHERE id IN (7, 8, 9)').run();
    db.prepare("UPDATE residents SET origin_province = '山东省' WHERE id IN (10, 11)").run();
    await pusher.pushOnce();
    // The center prunes what the city confirmed (kept 7 days; here at once): only the newest row stays.
    expect(pruneOutbox(db, new Date(Date.now() + 86_400_000))).toBeGreaterThan(40);

    // The city database is restored from the backup.
    for (const t of TABLES) {
      await admin.query(`DELETE FROM city.${t} WHERE center_id = $1`, [id]);
      await admin.query(`INSERT INTO city.${t} SELECT * FROM public.bk_${t}`);
    }
    const stale = await compare(db, id);
    expect(stale.city).not.toEqual(stale.center);

    // Next round: the cursor went back, the rows after it are gone at the center: ingest sees the gap and asks.
    await pusher.pushOnce();
    expect(await wanted(id)).toBe(true);
    // The round after: the center sends everything again; the city drops what the center no longer has.
    await pusher.pushOnce();
    expect(logs.some((l) => l.includes('full re-snapshot'))).toBe(true);
    expect(await wanted(id)).toBe(false);
    const refilled = await compare(db, id);
    expect(refilled.city).toEqual(refilled.center);
    expect(refilled.city.stays.map((s) => s.id)).not.toContain(7);
    expect((await admin.query('SELECT count(*)::int AS n FROM city.stays WHERE center_id = $1 AND deleted', [id])).rows[0].n).toBe(3);

    // The manager on 市级数据同步: queued once; a second press while it is pending is refused.
    const r = await ok<{ queued: number; resnapshotPending: boolean }>(api, 'sync.resnapshot', {}, token);
    expect(r.queued).toBe(40 + 37 + 1);
    expect(r.resnapshotPending).toBe(true);
    const again = await api.call('sync.resnapshot', {}, { token });
    expect(again.ok || again.error.code).toBe('SYNC_RESNAPSHOT_PENDING');
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'sync.resnapshot'").pluck().get()).toBe(1);
    const dump = async () =>
      (
        await admin.query(
          `SELECT 'r' AS k, local_id, person_key, birth_year, origin_province, status, deleted, NULL::timestamptz AS a FROM city.residents WHERE center_id = $1
           UNION ALL SELECT 's', local_id, NULL, resident_local_id::int, NULL, NULL, deleted, departed_at FROM city.stays WHERE center_id = $1 ORDER BY 1, 2`,
          [id],
        )
      ).rows;
    const before = await dump();
    const events = (await admin.query('SELECT count(*)::int AS n FROM city.events WHERE center_id = $1', [id])).rows[0].n as number;
    await pusher.pushOnce();
    expect((await ok<{ resnapshotPending: boolean }>(api, 'sync.status', {}, token)).resnapshotPending).toBe(false);
    expect(await dump()).toEqual(before);
    expect((await admin.query('SELECT count(*)::int AS n FROM city.events WHERE center_id = $1', [id])).rows[0].n).toBe(events + r.queued);
    const maxLocal = db.prepare('SELECT max(seq) FROM sync_outbox').pluck().get();
    expect(Number((await admin.query('SELECT last_seq FROM city.cursors WHERE center_id = $1', [id])).rows[0].last_seq)).toBe(maxLocal);

    // The technician asks from the hub (npm run hub -- --resnapshot ID): the next round answers it.
    expect(await requestResnapshot(admin, id)).toBe(true);
    expect(await requestResnapshot(admin, 99_999)).toBe(false);
    await pusher.pushOnce();
    expect(await wanted(id)).toBe(false);
    expect(await dump()).toEqual(before);
    const last = await compare(db, id);
    expect(last.city).toEqual(last.center);
    // A center that is not enrolled has nothing to re-send.
    const other = tempApi();
    const otherToken = await adminToken(other.api);
    const refused = await other.api.call('sync.resnapshot', {}, { token: otherToken });
    expect(refused.ok || refused.error.code).toBe('SYNC_NOT_ENROLLED');
  }, 120_000);
});
