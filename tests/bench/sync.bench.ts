import { statSync } from 'node:fs';
import pg from 'pg';
import type { Db } from '../../db/connection.js';
import { applyCityMigrations } from '../../db/city/migrate.js';
import { createEnrolmentCode, redeemEnrolmentCode } from '../../db/city/enrol.js';
import { demoPerson, seededRandom } from '../../db/demo/residents.js';
import { generateCardNumber, parseCardCode } from '../../db/residents/cards.js';
import { findActiveByCard } from '../../db/residents/residents.js';
import { checkIn } from '../../db/residents/stays.js';
import { SyncPusher } from '../../db/sync/pusher.js';
import { backlog, saveEnrolment, type Enrolment } from '../../db/sync/state.js';
import { postgresBinDir, startTestPostgres } from '../helpers/postgres.js';
import type { BenchSuite, Measured } from './harness.js';
import { BASELINE_INSERT } from './sqlite.bench.js';

/**
 * City sync (issue 16):
 * - sync.push: rows per second from a center's outbox into the city's PostgreSQL through SyncPusher
 *   (resident keys, one PostgreSQL transaction per batch, the local acknowledgement), 5 rounds of
 *   10,000 fresh rows each (registrations, check-ins, check-outs written by the triggers).
 * - sync.catchup: a 100,000-row backlog — a week offline at a big center — drained by one pushOnce.
 * - residents.checkin.card with the outbox on (enrolled) and off (not enrolled), on two equal
 *   databases, samples interleaved so machine load falls on both alike; the "on" row's ratio is to
 *   the "off" row.
 * PostgreSQL is Debian's, started in a temp folder by tests/helpers/postgres.ts (fsync=off there:
 * the figure is the pusher's and the ingest function's work, not this machine's disk). Without
 * PostgreSQL the two sync rows are skipped and the log says so.
 */
const PUSH_ROUNDS = 5;
const PUSH_ROWS = 10_000;
const CATCHUP_ROWS = 100_000;
const CHECKIN_RESIDENTS = 20_000;
const CHECKIN_SAMPLES = 3000;

const round = (ms: number) => Math.round(ms * 10_000) / 10_000;

function summarise(id: string, samples: number[], baseline: string | null, note?: string): Measured {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { id, n: samples.length, p50_ms: round(at(50)), p95_ms: round(at(95)), p99_ms: round(at(99)), baseline_id: baseline, ...(note ? { note } : {}) };
}

/** Residents with one closed past stay each, written straight into the tables (the triggers see them if enrolled). */
function seedResidents(db: Db, n: number, seed: number, firstIndex = 0): string[] {
  const random = seededRandom(seed);
  const now = new Date('2026-12-10T03:00:00Z');
  const insertResident = db.prepare(
    `INSERT INTO residents (card_no, name, name_initials, phone, phone_rev, sex, birth_year, origin_province, origin_city, lodging_kind,
       lodging_address, consent_version, consent_at, created_at, updated_at, last_seen_at)
     VALUES (?, ?, 'x', ?, ?, ?, ?, ?, ?, 'rental', '演示地址', '2026-1', ?, ?, ?, ?)`,
  );
  const insertStay = db.prepare('INSERT INTO stays (resident_id, arrived_at, planned_departure, departed_at, source) VALUES (?, ?, ?, ?, ?)');
  const taken = new Set(db.prepare('SELECT card_no FROM residents').pluck().all() as string[]);
  const cards: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const p = demoPerson(random, firstIndex + i, now);
      let card = generateCardNumber((max) => Math.floor(random() * max));
      while (taken.has(card)) card = generateCardNumber((max) => Math.floor(random() * max));
      taken.add(card);
      cards.push(card);
      const at = new Date(now.getTime() - (i % 900) * 86_400_000).toISOString();
      const id = Number(insertResident.run(card, p.name, p.phone, [...p.phone].reverse().join(''), p.sex, p.birthYear, p.province, p.city, at, at, at, at).lastInsertRowid);
      const arrive = new Date(Date.UTC(2025, 10, 1 + (i % 28), 2)).toISOString();
      const leave = new Date(Date.UTC(2026, 2, 1 + (i % 28), 2)).toISOString();
      insertStay.run(id, arrive, leave.slice(0, 10), leave, 'kiosk');
    }
  })();
  return cards;
}

const fakeEnrolment: Enrolment = {
  centerId: 1,
  centerName: '基准测试站点',
  pg: { host: '127.0.0.1', port: 9, database: 'none', user: 'center_1', password: 'x' },
  cityKey: '00'.repeat(32),
};

async function checkinRows(freshDb: (name: string) => Db, log: (line: string) => void): Promise<Measured[]> {
  const dbs = { off: freshDb('checkin-off.db'), on: freshDb('checkin-on.db') };
  const cards = { off: seedResidents(dbs.off, CHECKIN_RESIDENTS, 42), on: seedResidents(dbs.on, CHECKIN_RESIDENTS, 42) };
  // Enrolled: the snapshot sits in the outbox as it would before the first push.
  saveEnrolment(dbs.on, 'http://127.0.0.1:9', fakeEnrolment);
  const now = new Date('2026-12-10T03:00:00Z');
  const checkInByCard = (db: Db) =>
    db.transaction((payload: string) => {
      const r = findActiveByCard(db, parseCardCode(payload)!);
      return checkIn(db, r!.id, { now, source: 'kiosk' });
    });
  const run = { off: checkInByCard(dbs.off), on: checkInByCard(dbs.on) };
  const samples = { off: [] as number[], on: [] as number[] };
  const outboxBefore = backlog(dbs.on);
  for (let i = -100; i < CHECKIN_SAMPLES; i++) {
    // Alternate which goes first so neither always follows the other's fsync.
    const order = i % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const);
    for (const mode of order) {
      const card = cards[mode][(Math.abs(i) * 7919 + (i < 0 ? 13 : 0)) % CHECKIN_RESIDENTS]!;
      const start = process.hrtime.bigint();
      run[mode](`HNR1:${card}`);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (i >= 0) samples[mode].push(ms);
    }
  }
  const queued = backlog(dbs.on) - outboxBefore;
  // What a commit writes, independent of the machine's load: WAL pages per check-in (200 more).
  const pages: Record<string, number> = {};
  for (const mode of ['off', 'on'] as const) {
    const db = dbs[mode];
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const wal = `${db.name}-wal`;
    const before = statSync(wal).size;
    for (let i = 0; i < 200; i++) run[mode](`HNR1:${cards[mode][(i * 104_729 + 17) % CHECKIN_RESIDENTS]!}`);
    pages[mode] = (statSync(wal).size - before) / ((db.pragma('page_size', { simple: true }) as number) + 24) / 200;
  }
  log(`check-in WAL pages per commit: outbox off ${pages.off!.toFixed(2)}, on ${pages.on!.toFixed(2)} (×${(pages.on! / pages.off!).toFixed(3)})`);
  for (const db of Object.values(dbs)) db.close();
  const off = summarise('residents.checkin.card.outbox_off', samples.off, BASELINE_INSERT, 'not enrolled');
  const on = summarise('residents.checkin.card.outbox_on', samples.on, 'residents.checkin.card.outbox_off', 'enrolled; ratio = on/off, target ≤ 1.10');
  log(
    `check-in by card, ${CHECKIN_RESIDENTS} residents: outbox off p50 ${off.p50_ms.toFixed(3)} ms, on p50 ${on.p50_ms.toFixed(3)} ms ` +
      `(×${(on.p50_ms / off.p50_ms).toFixed(2)}; p95 ×${(on.p95_ms / off.p95_ms).toFixed(2)}); ${queued} outbox rows queued by ${CHECKIN_SAMPLES + 100} check-ins`,
  );
  return [off, on];
}

/** Writes `n` outbox rows the way a desk does: new residents (resident + stay rows) and check-outs. */
function writeChanges(db: Db, n: number, roundNo: number): void {
  const before = backlog(db);
  // Each new resident with a closed stay gives 2 rows; close and reopen none — keep it exact.
  seedResidents(db, Math.floor(n / 2), 1000 + roundNo, 200_000 + roundNo * n);
  const made = backlog(db) - before;
  if (made !== n) throw new Error(`expected ${n} outbox rows, got ${made}`);
}

async function syncRows(freshDb: (name: string) => Db, log: (line: string) => void): Promise<Measured[]> {
  const server = await startTestPostgres();
  const admin = new pg.Client({ connectionString: server.url });
  admin.on('error', () => {});
  try {
    await admin.connect();
    await applyCityMigrations(admin);
    const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const rows: Measured[] = [];

    // sync.push: a center with 10,000 residents already in the city, then rounds of fresh changes.
    const db = freshDb('push.db');
    seedResidents(db, 10_000, 7);
    const enrolment = await redeemEnrolmentCode(admin, await createEnrolmentCode(admin, '基准测试站点甲'), {
      host: server.host,
      port: server.port,
      database: 'postgres',
    });
    saveEnrolment(db, 'http://127.0.0.1:9', enrolment);
    const pusher = new SyncPusher({ db, idKey: null, log });
    const first = await pusher.pushOnce();
    log(`PostgreSQL ${version}; enrolment snapshot of ${first.sent} rows pushed`);
    const pushSamples: number[] = [];
    for (let r = 0; r < PUSH_ROUNDS; r++) {
      writeChanges(db, PUSH_ROWS, r);
      const t0 = performance.now();
      const result = await pusher.pushOnce();
      pushSamples.push(performance.now() - t0);
      if (result.sent !== PUSH_ROWS || backlog(db) !== 0) throw new Error(`push round ${r}: sent ${result.sent}, backlog ${backlog(db)}`);
    }
    const push = summarise('sync.push', pushSamples, null);
    const rate = Math.round(PUSH_ROWS / (push.p50_ms / 1000));
    push.note = `${rate.toLocaleString('en-US')} rows/s at p50 (${PUSH_ROWS.toLocaleString('en-US')} rows a sample; target ≥ 5,000/s)`;
    rows.push(push);
    log(`sync.push: ${PUSH_ROUNDS} rounds of ${PUSH_ROWS} rows, ${pushSamples.map((s) => Math.round(PUSH_ROWS / (s / 1000))).join(', ')} rows/s`);

    // sync.catchup: a second center offline for a week: 100,000 rows waiting, one pushOnce drains them.
    const db2 = freshDb('catchup.db');
    const enrolment2 = await redeemEnrolmentCode(admin, await createEnrolmentCode(admin, '基准测试站点乙'), {
      host: server.host,
      port: server.port,
      database: 'postgres',
    });
    saveEnrolment(db2, 'http://127.0.0.1:9', enrolment2);
    seedResidents(db2, CATCHUP_ROWS / 2, 99);
    if (backlog(db2) !== CATCHUP_ROWS) throw new Error(`catch-up backlog ${backlog(db2)}`);
    const pusher2 = new SyncPusher({ db: db2, idKey: null, log });
    const t0 = performance.now();
    const result = await pusher2.pushOnce();
    const ms = performance.now() - t0;
    if (result.sent !== CATCHUP_ROWS || backlog(db2) !== 0) throw new Error(`catch-up sent ${result.sent}, backlog ${backlog(db2)}`);
    const events = Number((await admin.query('SELECT count(*) AS n FROM city.events WHERE center_id = $1', [enrolment2.centerId])).rows[0].n);
    if (events !== CATCHUP_ROWS) throw new Error(`city holds ${events} events for the catch-up center`);
    rows.push(
      summarise(
        'sync.catchup',
        [ms],
        null,
        `${CATCHUP_ROWS.toLocaleString('en-US')} rows in ${(ms / 1000).toFixed(1)} s (${Math.round(CATCHUP_ROWS / (ms / 1000)).toLocaleString('en-US')} rows/s; target < 60 s)`,
      ),
    );
    log(`sync.catchup: ${CATCHUP_ROWS} rows in ${result.batches} batches, ${(ms / 1000).toFixed(1)} s`);
    // Bytes per row as stored (for the sizing note in README): heap + TOAST, and the indexes.
    await admin.query('VACUUM ANALYZE city.events, city.residents, city.stays');
    for (const table of ['events', 'residents', 'stays']) {
      const s = (
        await admin.query<{ n: string; heap: string; idx: string }>(
          `SELECT (SELECT count(*) FROM city.${table}) AS n, pg_table_size('city.${table}') AS heap, pg_indexes_size('city.${table}') AS idx`,
        )
      ).rows[0]!;
      const n = Number(s.n);
      log(`city.${table}: ${n} rows, ${(Number(s.heap) / n).toFixed(0)} B/row in the table, ${(Number(s.idx) / n).toFixed(0)} B/row in its indexes`);
    }
    db.close();
    db2.close();
    return rows;
  } finally {
    await admin.end().catch(() => {});
    server.destroy();
  }
}

export const syncBench: BenchSuite = {
  name: 'sync',
  async run({ freshDb, log }) {
    const rows = await checkinRows(freshDb, log);
    if (!postgresBinDir()) {
      log('sync.push and sync.catchup SKIPPED: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; Debian package postgresql)');
      return rows;
    }
    return [...rows, ...(await syncRows(freshDb, log))];
  },
};
