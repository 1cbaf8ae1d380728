import { spawn } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type Db } from '../../../db/connection.js';
import { seedDemo } from '../../../db/demo/index.js';
import { applyCityMigrations } from '../../../db/city/migrate.js';
import { createEnrolmentCode, EnrolmentError, redeemEnrolmentCode } from '../../../db/city/enrol.js';
import { keyFileProvider } from '../../../db/residents/idNumbers.js';
import { insertResident } from '../../../db/residents/residents.js';
import { residentFieldsSchema } from '../../../db/residents/schema.js';
import { checkIn, checkOut } from '../../../db/residents/stays.js';
import { residentKeyOf } from '../../../db/sync/residentKey.js';
import { SyncPusher } from '../../../db/sync/pusher.js';
import { saveEnrolment } from '../../../db/sync/state.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { startFaultProxy, type FaultProxy } from '../../helpers/faultProxy.js';

/**
 * Two centers push into one real PostgreSQL (Debian's, started in a temp dir) through a proxy that
 * injects the faults of a real uplink. Afterwards every center's copy in the city equals its own data,
 * nothing is counted twice, and nothing that names a person is in the city database.
 */
let pgServer: TestPostgres;
let admin: pg.Client;
const dirs: string[] = [];

interface Center {
  name: string;
  db: Db;
  dir: string;
  key: ReturnType<typeof keyFileProvider>;
  proxy: FaultProxy;
  pusher: SyncPusher;
}
const centers: Center[] = [];

const ID_NUMBERS = ['11010519491231002X', '110101195001010011'];

function addResidentWithId(db: Db, key: ReturnType<typeof keyFileProvider>, idNumber: string, phone: string, name: string): number {
  const fields = residentFieldsSchema.parse({
    name,
    phone,
    idNumber,
    originProvince: '黑龙江省',
    originCity: '哈尔滨市',
    lodgingKind: 'rental',
    lodgingAddress: '炳草岗 12 栋 3 号',
  });
  const r = insertResident(db, fields, { key, now: new Date(), consentVersion: '2026-1' });
  checkIn(db, r.id, { now: new Date(), source: 'staff' });
  return r.id;
}

async function makeCenter(name: string, code: string): Promise<Center> {
  const dir = mkdtempSync(join(tmpdir(), 'houniao-sync-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'houniao.db'));
  seedDemo(db, new Date('2026-12-01T02:00:00Z'));
  const key = keyFileProvider(dir);
  addResidentWithId(db, key, ID_NUMBERS[0]!, name === 'A' ? '19987650001' : '19987650002', '赵铁柱');
  const enrolment = await redeemEnrolmentCode(admin, code, { host: pgServer.host, port: pgServer.port, database: 'postgres' });
  saveEnrolment(db, 'http://hub.example', enrolment);
  const proxy = await startFaultProxy({ host: pgServer.host, port: pgServer.port });
  const pusher = new SyncPusher({ db, idKey: key, batchSize: 200, connectTo: () => ({ host: '127.0.0.1', port: proxy.port }), queryTimeoutMs: 3_000, connectTimeoutMs: 3_000 });
  return { name, db, dir, key, proxy, pusher };
}

beforeAll(async () => {
  pgServer = await startTestPostgres();
  admin = new pg.Client({ connectionString: pgServer.url });
  admin.on('error', () => {});
  await admin.connect();
  await applyCityMigrations(admin);
  const codes = [await createEnrolmentCode(admin, '攀枝花市东区炳草岗街道党群服务中心'), await createEnrolmentCode(admin, '攀枝花市仁和区候鸟驿站')];
  centers.push(await makeCenter('A', codes[0]!), await makeCenter('B', codes[1]!));
}, 120_000);

afterAll(async () => {
  for (const c of centers) {
    await c.pusher.stop();
    await c.proxy.close();
    c.db.close();
  }
  await admin?.end();
  pgServer?.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function pushUntilDone(c: Center, tries = 20): Promise<void> {
  for (let i = 0; i < tries; i++) {
    try {
      await c.pusher.pushOnce();
      const left = (c.db.prepare('SELECT count(*) AS n FROM sync_outbox WHERE confirmed_at IS NULL').get() as { n: number }).n;
      if (left === 0) return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`center ${c.name} did not drain`);
}

async function centerId(c: Center): Promise<number> {
  return (c.db.prepare('SELECT center_id FROM sync_state').get() as { center_id: number }).center_id;
}

/** The center's own figures and the city's copy of them must be equal. */
async function expectCityEqualsCenter(c: Center): Promise<void> {
  const id = await centerId(c);
  const local = {
    outbox: (c.db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM sync_outbox').get() as { seq: number }).seq,
    residents: (c.db.prepare("SELECT count(*) AS n FROM residents WHERE status = 'active'").get() as { n: number }).n,
    inTown: (
      c.db.prepare("SELECT count(DISTINCT s.resident_id) AS n FROM stays s JOIN residents r ON r.id = s.resident_id WHERE s.departed_at IS NULL AND r.status = 'active'").get() as {
        n: number;
      }
    ).n,
    stays: (c.db.prepare('SELECT count(*) AS n FROM stays').get() as { n: number }).n,
    loansOut: (c.db.prepare('SELECT count(*) AS n FROM loans WHERE returned_at IS NULL').get() as { n: number }).n,
    tickets: (c.db.prepare('SELECT count(*) AS n FROM queue_tickets').get() as { n: number }).n,
  };
  const q = async (sql: string) => Number((await admin.query(sql, [id])).rows[0].n);
  const city = {
    outbox: await q('SELECT count(*) AS n FROM city.events WHERE center_id = $1'),
    maxSeq: await q('SELECT coalesce(max(seq), 0) AS n FROM city.events WHERE center_id = $1'),
    residents: await q("SELECT count(*) AS n FROM city.residents WHERE center_id = $1 AND NOT deleted AND status = 'active'"),
    inTown: await q('SELECT coalesce((SELECT residents FROM city.v_in_town WHERE center_id = $1), 0) AS n'),
    stays: await q('SELECT count(*) AS n FROM city.stays WHERE center_id = $1 AND NOT deleted'),
    loansOut: await q('SELECT coalesce((SELECT out FROM city.v_loans WHERE center_id = $1), 0) AS n'),
    tickets: await q('SELECT count(*) AS n FROM city.tickets WHERE center_id = $1 AND NOT deleted'),
  };
  expect(city.outbox, `events of ${c.name}`).toBe(local.outbox);
  expect(city.maxSeq).toBe(local.outbox);
  expect({ residents: city.residents, inTown: city.inTown, stays: city.stays, loansOut: city.loansOut, tickets: city.tickets }).toEqual({
    residents: local.residents,
    inTown: local.inTown,
    stays: local.stays,
    loansOut: local.loansOut,
    tickets: local.tickets,
  });
}

/** Business as usual at a center: people leave and come back. */
function churn(c: Center, rounds: number): void {
  const ids = (c.db.prepare("SELECT id FROM residents WHERE status = 'active' ORDER BY id LIMIT 60").all() as { id: number }[]).map((r) => r.id);
  for (let i = 0; i < rounds; i++) {
    const id = ids[i % ids.length]!;
    const open = c.db.prepare('SELECT 1 FROM stays WHERE resident_id = ? AND departed_at IS NULL').get(id);
    if (open) checkOut(c.db, id, new Date());
    else checkIn(c.db, id, { now: new Date(), source: 'kiosk' });
  }
}

describe('city sync: outbox → PostgreSQL', () => {
  it('refuses a wrong or reused enrolment code', async () => {
    await expect(redeemEnrolmentCode(admin, 'AAAA-BBBB-CCCC-DDDD', { host: 'x', port: 1, database: 'postgres' })).rejects.toBeInstanceOf(EnrolmentError);
    const code = await createEnrolmentCode(admin, '测试站');
    await redeemEnrolmentCode(admin, code, { host: 'x', port: 1, database: 'postgres' });
    await expect(redeemEnrolmentCode(admin, code, { host: 'x', port: 1, database: 'postgres' })).rejects.toMatchObject({ code: 'ENROL_CODE_USED' });
  });

  it('sends the snapshot taken at enrolment; the city then equals each center', async () => {
    for (const c of centers) await pushUntilDone(c);
    for (const c of centers) await expectCityEqualsCenter(c);
  });

  it('survives resets, a half-open link, a crashed PostgreSQL, a crash after COMMIT and a forced replay, with nothing counted twice', async () => {
    const [a, b] = centers as [Center, Center];
    // Connection reset in the middle of traffic.
    churn(a, 150);
    churn(b, 150);
    const pushing = Promise.allSettled([a.pusher.pushOnce(), b.pusher.pushOnce()]);
    setTimeout(() => a.proxy.reset(), 5);
    await pushing;
    // A silent drop: the link holds bytes; the query timeout ends the round instead of hanging.
    churn(a, 40);
    a.proxy.blackhole();
    const started = Date.now();
    await expect(a.pusher.pushOnce()).rejects.toBeTruthy();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((a.db.prepare('SELECT last_error FROM sync_state').get() as { last_error: string }).last_error).toMatch(/超时|中断|连接/);
    a.proxy.heal();
    // PostgreSQL killed and started again.
    churn(b, 40);
    pgServer.stop('immediate');
    await expect(b.pusher.pushOnce()).rejects.toBeTruthy();
    pgServer.start();
    await admin.end().catch(() => {});
    admin = new pg.Client({ connectionString: pgServer.url });
    admin.on('error', () => {});
    await admin.connect();
    // A pusher killed (SIGKILL) between the city's COMMIT and its local acknowledgement: the city
    // has the batch, the center does not know it; the next pusher resumes from the city's cursor.
    churn(a, 30);
    const id = await centerId(a);
    const cursorBefore = Number((await admin.query('SELECT last_seq FROM city.cursors WHERE center_id = $1', [id])).rows[0].last_seq);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, '../fixtures/pushThenDie.ts'), join(a.dir, 'houniao.db'), a.dir, String(pgServer.port)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let said = '';
    child.stdout!.on('data', (c: Buffer) => (said += c.toString()));
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');
    const committed = Number(/committed (\d+)/.exec(said)?.[1]);
    expect(committed).toBeGreaterThan(cursorBefore);
    expect(Number((await admin.query('SELECT last_seq FROM city.cursors WHERE center_id = $1', [id])).rows[0].last_seq)).toBe(committed);
    expect((a.db.prepare('SELECT server_cursor FROM sync_state').get() as { server_cursor: number }).server_cursor).toBeLessThan(committed);
    await pushUntilDone(a);
    // A forced replay from 0 (the city restored an old backup of its cursor).
    await admin.query('UPDATE city.cursors SET last_seq = 0 WHERE center_id = $1', [id]);
    await pushUntilDone(a);
    await pushUntilDone(b);
    for (const c of centers) await expectCityEqualsCenter(c);
    const dupes = await admin.query('SELECT center_id, seq, count(*) FROM city.events GROUP BY 1, 2 HAVING count(*) > 1');
    expect(dupes.rows).toEqual([]);
  }, 120_000);

  it('recognises a resident registered at both centers as one person, and tells a center only a count', async () => {
    const [a, b] = centers as [Center, Center];
    const stateB = b.db.prepare('SELECT pg_user, pg_password, city_key FROM sync_state').get() as { pg_user: string; pg_password: string; city_key: string };
    const asB = new pg.Client({ host: pgServer.host, port: pgServer.port, database: 'postgres', user: stateB.pg_user, password: stateB.pg_password });
    await asB.connect();
    try {
      const idAtB = (b.db.prepare('SELECT id FROM residents WHERE id_cipher IS NOT NULL').get() as { id: number }).id;
      const key = residentKeyOf(b.db, idAtB, stateB.city_key, b.key)!;
      expect(Number((await asB.query('SELECT city.recognise($1) AS n', [key])).rows[0].n)).toBeGreaterThanOrEqual(1);
      // Every demo resident of B is also at A (same seed): the people shared by both centers, each once.
      const shared = await admin.query(`SELECT person_key, count(DISTINCT center_id) AS centers FROM city.residents WHERE person_key IS NOT NULL AND NOT deleted GROUP BY 1`);
      expect(shared.rows.every((r) => Number(r.centers) === 2)).toBe(true);
      const activeB = (b.db.prepare("SELECT count(*) AS n FROM residents WHERE status = 'active'").get() as { n: number }).n;
      expect(shared.rows.length).toBe(activeB);
      // Row-level security: B sees and writes only its own rows, and never the secrets.
      const idA = await centerId(a);
      expect(Number((await asB.query('SELECT count(*) AS n FROM city.residents WHERE center_id = $1', [idA])).rows[0].n)).toBe(0);
      await expect(asB.query("INSERT INTO city.events (center_id, seq, entity, entity_id, op, payload) VALUES ($1, 999999, 'stay', 1, 'upsert', '{}')", [idA])).rejects.toThrow(
        /row-level security|permission/,
      );
      await expect(asB.query('SELECT * FROM city.secrets')).rejects.toThrow(/permission/);
      // A pusher whose link dies mid-batch cannot hold its transaction open on the server.
      expect((await asB.query('SHOW idle_in_transaction_session_timeout')).rows[0].idle_in_transaction_session_timeout).toBe('1min');
      void a;
    } finally {
      await asB.end();
    }
  });

  it('holds no ID number, phone number or name anywhere in the city database', async () => {
    const tables = (await admin.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'city' AND table_type = 'BASE TABLE'")).rows.map(
      (r) => r.table_name as string,
    );
    let dump = '';
    for (const t of tables) {
      if (t === 'secrets') continue;
      const rows = await admin.query(`SELECT row_to_json(x)::text AS j FROM city.${t} x`);
      dump += rows.rows.map((r) => r.j).join('\n') + '\n';
    }
    expect(dump.length).toBeGreaterThan(10_000);
    expect(dump.match(/(?<![\d.a-f])\d{17}[\dX](?![\d.a-f])/)?.[0] ?? null).toBeNull();
    expect(dump).not.toMatch(/(?<![\da-f])1[3-9]\d{9}(?![\da-f])/);
    for (const c of centers) {
      const names = (c.db.prepare('SELECT DISTINCT name FROM residents WHERE name IS NOT NULL').all() as { name: string }[]).map((r) => r.name);
      expect(names.length).toBeGreaterThan(100);
      for (const name of names) expect(dump.includes(name), name).toBe(false);
      for (const id of ID_NUMBERS) expect(dump.includes(id)).toBe(false);
    }
  });
});
