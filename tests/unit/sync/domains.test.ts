import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesDashboard, activitiesSummary } from '../../../db/activities/report.js';
import { activityTypeLabels } from '../../../db/activities/types.js';
import { applyCityMigrations } from '../../../db/city/migrate.js';
import { cityMigrations } from '../../../db/city/migrations.js';
import { cityFigures } from '../../../db/city/figures.js';
import { cityFiguresWorkbook } from '../../../db/city/exportXlsx.js';
import { createEnrolmentCode, redeemEnrolmentCode } from '../../../db/city/enrol.js';
import { openDatabase, type Db } from '../../../db/connection.js';
import { seedDemo } from '../../../db/demo/index.js';
import { applyMigrations } from '../../../db/migrate.js';
import { migrations } from '../../../db/migrations/index.js';
import { resolvePeriod, type ResolvedPeriod } from '../../../db/reports/period.js';
import { requestFigures } from '../../../db/requests/report.js';
import { ratingsDashboard } from '../../../db/requests/ratingsReport.js';
import { rateRequest, recordResult, submitRequest, triageRequest } from '../../../db/requests/requests.js';
import { keyFileProvider } from '../../../db/residents/idNumbers.js';
import { anonymiseResident } from '../../../db/residents/residents.js';
import { SyncPusher } from '../../../db/sync/pusher.js';
import { saveEnrolment } from '../../../db/sync/state.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import ExcelJS from 'exceljs';

/**
 * 接诉即办, activities, sign-ups, attendance and counter ratings reach the city (issue 16 with issues
 * 17 and 18): two centers push into a real PostgreSQL; the city's figures for a month equal what each
 * center's own report modules say; no free text reaches the city; small counts are "<5" for a city
 * viewer; a center reads only its own rows.
 */
let pgServer: TestPostgres;
let admin: pg.Client;
const dirs: string[] = [];
const HOUR = 3_600_000;
const SECRET_TEXT = '楼道里的下水道堵了三天特征文本甲';
const SECRET_REASON = '办事员态度冷淡特征文本乙';
const SECRET_TITLE = '特征活动标题丙';
const SECRET_NOTES = '请带上老花镜特征备注丁';
const CALLBACK = '13987654321';

interface Center {
  db: Db;
  dir: string;
  id: number;
  pusher: SyncPusher;
  login: { user: string; password: string };
}
const centers: Center[] = [];
const now = new Date();

/** Activities of last month written as the activities domain writes them (rows, then triggers). */
function addHeldActivities(db: Db, p: ResolvedPeriod, people: number): void {
  const residents = (db.prepare("SELECT id FROM residents WHERE status = 'active' ORDER BY id LIMIT ?").all(people + 3) as Array<{ id: number }>).map((r) => r.id);
  const room = (db.prepare('SELECT id FROM activity_rooms ORDER BY id LIMIT 1').get() as { id: number }).id;
  const insert = db.prepare(
    `INSERT INTO activities (title, type, room_id, place, starts_at, ends_at, capacity, notes, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const signup = db.prepare("INSERT INTO activity_signups (activity_id, resident_id, status, source, created_at, confirmed_at) VALUES (?, ?, ?, 'staff', ?, ?)");
  const attend = db.prepare('INSERT INTO activity_attendance (activity_id, resident_id, signup_id, role, walk_in, checked_in_at) VALUES (?, ?, ?, ?, 0, ?)');
  const base = Date.parse(p.start) + 3 * 24 * HOUR + 2 * HOUR;
  const specs: Array<[string, string, number | null]> = [
    ['course', 'open', room],
    ['culture_sports', 'open', null],
    ['health_talk', 'cancelled', room],
    ['course', 'open', room],
  ];
  specs.forEach(([type, status, roomId], k) => {
    const s = new Date(base + k * 24 * HOUR).toISOString();
    const e = new Date(base + k * 24 * HOUR + 2 * HOUR).toISOString();
    const id = Number(insert.run(SECRET_TITLE, type, roomId, roomId ? null : '江边广场', s, e, people, SECRET_NOTES, status, s, s).lastInsertRowid);
    residents.slice(0, people + 2).forEach((r, i) => {
      const st = i < people ? 'confirmed' : 'waitlisted';
      const sid = Number(signup.run(id, r, st, s, st === 'confirmed' ? s : null).lastInsertRowid);
      // Two of every three with a place came; the first of the waitlist came as a volunteer.
      if (st === 'confirmed' && i % 3 !== 2) attend.run(id, r, sid, 'participant', s);
    });
    attend.run(id, residents[people + 2]!, null, 'volunteer', s);
  });
}

/** A few requests of this month with the free text the city must never get. */
function addRequests(db: Db): void {
  const resident = (db.prepare("SELECT id FROM residents WHERE status = 'active' ORDER BY id LIMIT 1").get() as { id: number }).id;
  const staffId = (db.prepare('SELECT id FROM staff ORDER BY id LIMIT 1').get() as { id: number }).id;
  const t0 = new Date(now.getTime() - 5 * 60_000);
  const cat = (db.prepare("SELECT id FROM request_categories WHERE name = '临时保洁'").get() as { id: number }).id;
  const r = submitRequest(db, { residentId: resident, categoryId: cat, description: SECRET_TEXT, callbackPhone: CALLBACK, source: 'kiosk' }, t0);
  triageRequest(db, r.id, 'green', { staffId }, new Date(t0.getTime() + 60_000));
  recordResult(db, r.id, SECRET_TEXT + '的答复', { staffId }, new Date(t0.getTime() + 120_000));
  rateRequest(db, r.id, 1, SECRET_REASON, new Date(t0.getTime() + 180_000));
}

/** Counter ratings (好差评) of last month's tickets, with a typed reason the city must never get. */
function addCounterRatings(db: Db, p: ResolvedPeriod): void {
  const tickets = db
    .prepare(
      'SELECT id, service_id AS service, counter_id AS counter FROM queue_tickets WHERE day >= ? AND day <= ? AND counter_id IS NOT NULL AND id NOT IN (SELECT ticket_id FROM service_ratings) ORDER BY id LIMIT 7',
    )
    .all(p.from, p.to) as Array<{ id: number; service: number; counter: number }>;
  expect(tickets).toHaveLength(7);
  const insert = db.prepare(
    `INSERT INTO service_ratings (ticket_id, service_id, counter_id, level, reasons, reason_text, source, rated_at, follow_up) VALUES (?, ?, ?, ?, '[]', ?, 'kiosk:host', ?, ?)`,
  );
  [5, 4, 3, 3, 2, 5, 1].forEach((level, i) =>
    insert.run(tickets[i]!.id, tickets[i]!.service, tickets[i]!.counter, level, level <= 2 ? SECRET_REASON : null, now.toISOString(), level <= 2 ? 'open' : null),
  );
}

async function makeCenter(name: string, people: number): Promise<Center> {
  const dir = mkdtempSync(join(tmpdir(), 'houniao-domains-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'houniao.db'));
  seedDemo(db, now);
  // The demo's own activities would hide the small counts this test masks: only this test's activities stay.
  db.exec('DELETE FROM activity_attendance; DELETE FROM activity_signups; DELETE FROM activity_room_slots WHERE activity_id IS NOT NULL; DELETE FROM activities;');
  addHeldActivities(db, resolvePeriod(db, { kind: 'lastMonth' }, now), people);
  const code = await createEnrolmentCode(admin, name);
  const enrolment = await redeemEnrolmentCode(admin, code, { host: pgServer.host, port: pgServer.port, database: 'postgres' });
  saveEnrolment(db, 'http://hub.example', enrolment);
  // Changes after enrolment go through the triggers.
  addRequests(db);
  addCounterRatings(db, resolvePeriod(db, { kind: 'lastMonth' }, now));
  const pusher = new SyncPusher({ db, idKey: keyFileProvider(dir), batchSize: 500 });
  return { db, dir, id: enrolment.centerId, pusher, login: { user: enrolment.pg.user, password: enrolment.pg.password } };
}

beforeAll(async () => {
  pgServer = await startTestPostgres();
  admin = new pg.Client({ connectionString: pgServer.url });
  admin.on('error', () => {});
  await admin.connect();
  await applyCityMigrations(admin);
  centers.push(await makeCenter('攀枝花市东区炳草岗街道党群服务中心', 9), await makeCenter('攀枝花市仁和区候鸟驿站', 2));
  for (const c of centers) await c.pusher.pushOnce();
}, 180_000);

afterAll(async () => {
  for (const c of centers) c.db.close();
  await admin?.end();
  pgServer?.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('city sync of requests and activities', () => {
  it('queues the new domains in the snapshot and by trigger, and the city keeps every event once', async () => {
    for (const c of centers) {
      const kinds = (c.db.prepare('SELECT DISTINCT entity FROM sync_outbox').all() as Array<{ entity: string }>).map((r) => r.entity);
      expect(kinds).toEqual(expect.arrayContaining(['request', 'activity', 'signup', 'attendance']));
      const top = c.db.prepare('SELECT max(seq) FROM sync_outbox').pluck().get() as number;
      const city = (await admin.query('SELECT count(*)::int AS n, max(seq)::int AS top FROM city.events WHERE center_id = $1', [c.id])).rows[0];
      expect(city).toEqual({ n: top, top });
      const requests = (c.db.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n;
      expect((await admin.query('SELECT count(*)::int AS n FROM city.requests WHERE center_id = $1 AND NOT deleted', [c.id])).rows[0].n).toBe(requests);
      const signups = (c.db.prepare('SELECT count(*) AS n FROM activity_signups').get() as { n: number }).n;
      expect((await admin.query('SELECT count(*)::int AS n FROM city.signups WHERE center_id = $1', [c.id])).rows[0].n).toBe(signups);
    }
  });

  it("gives the same figures as the center's own reports, this month and last month", async () => {
    for (const c of centers) {
      for (const kind of ['month', 'lastMonth'] as const) {
        const p = resolvePeriod(c.db, { kind }, now);
        const f = (await cityFigures(admin, { role: 'center_admin', centerId: c.id }, { month: p.from.slice(0, 7) })).domains;
        const mine = f.centers.find((x) => x.centerId === c.id)!;
        const local = requestFigures(c.db, p);
        expect(
          {
            requests: mine.requests,
            results: mine.results,
            onTimeRate: mine.onTimeRate,
            closeHoursP50: mine.closeHoursP50,
            ratings: mine.ratings,
            satisfactionRate: mine.satisfactionRate,
          },
          `${kind} requests`,
        ).toEqual({
          requests: local.submitted,
          results: local.resulted,
          onTimeRate: local.onTimeRate,
          closeHoursP50: local.closeHoursP50,
          ratings: local.rated,
          satisfactionRate: local.satisfactionRate,
        });
        const byLevel = { green: 0, yellow: 0, red: 0, none: 0 };
        for (const r of f.requestsByCategory) for (const l of ['green', 'yellow', 'red', 'none'] as const) byLevel[l] += r[l] as number;
        expect(byLevel).toEqual(local.byLevel);
        const summary = Object.fromEntries(activitiesSummary(c.db, p).map((s) => [s.key, s.value]));
        expect({ held: mine.activities, signups: mine.signups, attendanceRate: mine.attendanceRate }, `${kind} activities`).toEqual({
          held: summary.held,
          signups: summary.signups,
          attendanceRate: summary.attendanceRate,
        });
        const byType = activitiesDashboard(c.db, p)
          .find((s) => s.id === 'activities.byType')!
          .table.rows.filter((r) => (r.activities as number) > 0);
        expect(
          f.activitiesByType.map((r) => ({
            type: r.label.zh,
            activities: r.activities,
            signups: r.signups,
            confirmed: r.confirmed,
            attended: r.attended,
            noShows: r.noShows,
            attendanceRate: r.attendanceRate,
          })),
        ).toEqual(byType);
        if (kind === 'lastMonth') expect(summary.held).toBe(3);
        const counter = ratingsDashboard(c.db, p).find((s) => s.id === 'ratings.levels')!.figures!;
        expect({ ratings: mine.counterRatings, satisfied: mine.counterSatisfactionRate }, `${kind} counter ratings`).toEqual({
          ratings: counter.find((x) => x.key === 'ratings')!.value,
          satisfied: counter.find((x) => x.key === 'satisfied')!.value,
        });
        if (kind === 'lastMonth') expect(mine.counterRatings).toBeGreaterThanOrEqual(7); // the test's 7 and the demo's
      }
    }
    // The demo's history gives last month real request figures, not zeros.
    const p = resolvePeriod(centers[0]!.db, { kind: 'lastMonth' }, now);
    expect(requestFigures(centers[0]!.db, p).resulted).toBeGreaterThan(5);
  });

  it('shows a city viewer "<5" for small counts of people and no rate resting on fewer than 5', async () => {
    const [a, b] = centers as [Center, Center];
    const p = resolvePeriod(a.db, { kind: 'lastMonth' }, now);
    const f = (await cityFigures(admin, { role: 'viewer', centerId: null }, { month: p.from.slice(0, 7) })).domains;
    const fa = f.centers.find((x) => x.centerId === a.id)!;
    const fb = f.centers.find((x) => x.centerId === b.id)!;
    // A: 3 held × (9 with a place + 2 waiting) sign-ups; B: 3 × (2 + 2) = 12 sign-ups but 6 with a place, 3 came.
    expect(fa.signups).toBe(33);
    expect(fb.signups).toBe(12);
    expect(fb.attended).toBe(6);
    expect(f.total.signups).toBe(45);
    const culture = f.activitiesByType.find((r) => r.type === 'culture_sports')!;
    // One culture activity a center: A's 6 and B's 2 attended make 8 city-wide; B alone would be "<5".
    expect(culture.attended).toBe(8);
    const own = (await cityFigures(admin, { role: 'center_admin', centerId: b.id }, { month: p.from.slice(0, 7) })).domains;
    expect(own.activitiesByType.find((r) => r.type === 'culture_sports')!.attended).toBe(2);
    // This month: each center has one rated request of its own (the one added above) — a count of 1 is "<5".
    const thisMonth = (await cityFigures(admin, { role: 'viewer', centerId: null })).domains;
    for (const c of thisMonth.centers) {
      const local = requestFigures(centers.find((x) => x.id === c.centerId)!.db, resolvePeriod(a.db, { kind: 'month' }, now));
      if (local.rated > 0 && local.rated < 5) {
        expect(c.ratings).toBe('<5');
        expect(c.satisfactionRate).toBeNull();
      }
      if (local.submitted > 0 && local.submitted < 5) expect(c.requests).toBe('<5');
    }
    for (const r of thisMonth.requestRatings) expect(r.ratings === 0 || r.ratings === '<5' || (r.ratings as number) >= 5).toBe(true);
    // The export carries the same figures.
    const wb = new ExcelJS.Workbook();
    const full = await cityFigures(admin, { role: 'viewer', centerId: null }, { month: p.from.slice(0, 7) });
    await wb.xlsx.load((await cityFiguresWorkbook(full, '市级候鸟人群统计')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['接诉即办', '活动', '各站点（诉求与活动）']));
    const sheet = wb.getWorksheet('活动')!;
    const row = sheet.getRows(3, sheet.rowCount - 2)!.find((r) => r.getCell(1).value === activityTypeLabels.culture_sports.zh)!;
    expect(row.getCell(5).value).toBe(8);
  });

  it('lets no free text, name or phone reach PostgreSQL', async () => {
    const tables = (await admin.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'city' AND table_type = 'BASE TABLE'")).rows.map(
      (r) => r.table_name as string,
    );
    expect(tables).toEqual(expect.arrayContaining(['requests', 'activities', 'signups', 'attendance', 'ratings']));
    let dump = '';
    for (const t of tables) {
      if (t === 'secrets') continue;
      dump += (await admin.query(`SELECT row_to_json(x)::text AS j FROM city.${t} x`)).rows.map((r) => r.j).join('\n') + '\n';
    }
    expect(dump).toContain('"entity":"request"');
    for (const s of [SECRET_TEXT, SECRET_REASON, SECRET_TITLE, SECRET_NOTES, CALLBACK, '江边广场']) expect(dump.includes(s), s).toBe(false);
    expect(dump).not.toMatch(/(?<![\da-f])1[3-9]\d{9}(?![\da-f])/);
    for (const c of centers) {
      const descriptions = (c.db.prepare('SELECT description FROM requests WHERE description IS NOT NULL').all() as Array<{ description: string }>).map((r) => r.description);
      expect(descriptions.length).toBeGreaterThan(10);
      for (const d of descriptions) expect(dump.includes(d), d).toBe(false);
      const names = (c.db.prepare('SELECT DISTINCT name FROM residents WHERE name IS NOT NULL').all() as { name: string }[]).map((r) => r.name);
      for (const n of names) expect(dump.includes(n), n).toBe(false);
      const texts = c.db
        .prepare(
          `SELECT title AS t FROM activities UNION SELECT notes FROM activities WHERE notes <> '' UNION SELECT answer FROM requests WHERE answer IS NOT NULL
           UNION SELECT rating_reason FROM requests WHERE rating_reason IS NOT NULL UNION SELECT text FROM suggestions WHERE text IS NOT NULL
           UNION SELECT reason_text FROM service_ratings WHERE reason_text IS NOT NULL UNION SELECT callback_phone FROM requests WHERE callback_phone IS NOT NULL`,
        )
        .all() as { t: string }[];
      expect(texts.length).toBeGreaterThan(10);
      for (const { t } of texts) expect(dump.includes(t), t).toBe(false);
    }
  });

  it('detaches an erased resident from their requests at the city too', async () => {
    const a = centers[0]!;
    const r = a.db.prepare("SELECT q.id, q.resident_id FROM requests q JOIN residents p ON p.id = q.resident_id WHERE p.status = 'active' ORDER BY q.id LIMIT 1").get() as {
      id: number;
      resident_id: number;
    };
    anonymiseResident(a.db, r.resident_id, 'anonymised', new Date());
    await a.pusher.pushOnce();
    const city = (await admin.query('SELECT resident_local_id, erased FROM city.requests WHERE center_id = $1 AND local_id = $2', [a.id, r.id])).rows[0];
    expect(city).toEqual({ resident_local_id: null, erased: true });
  });

  it("keeps a center out of another center's rows", async () => {
    const [a, b] = centers as [Center, Center];
    const asB = new pg.Client({ host: pgServer.host, port: pgServer.port, database: 'postgres', user: b.login.user, password: b.login.password });
    await asB.connect();
    try {
      for (const t of ['requests', 'activities', 'signups', 'attendance', 'ratings']) {
        expect(Number((await asB.query(`SELECT count(*) AS n FROM city.${t} WHERE center_id = $1`, [a.id])).rows[0].n), t).toBe(0);
      }
      expect(Number((await asB.query('SELECT count(*) AS n FROM city.requests')).rows[0].n)).toBeGreaterThan(0);
      await expect(asB.query("INSERT INTO city.signups (center_id, local_id, status, seq) VALUES ($1, 999999, 'confirmed', 1)", [a.id])).rejects.toThrow(
        /row-level security|permission/,
      );
      await expect(asB.query('UPDATE city.requests SET rating = 5 WHERE center_id = $1', [a.id])).resolves.toMatchObject({ rowCount: 0 });
      await expect(asB.query('SELECT * FROM city.v_requests_month')).rejects.toThrow(/permission/);
    } finally {
      await asB.end();
    }
    // The dashboard role reads the new views and no table.
    await admin.query('BEGIN');
    try {
      await admin.query('SET LOCAL ROLE houniao_dashboard');
      expect((await admin.query('SELECT count(*) AS n FROM city.v_activities_month')).rows[0].n).toBeDefined();
      await expect(admin.query('SELECT * FROM city.requests')).rejects.toThrow(/permission/);
    } finally {
      await admin.query('ROLLBACK');
    }
  });
});

describe('city migration 6 on a city that already has events', () => {
  it('builds the new projections from events pushed before the hub was upgraded', async () => {
    await admin.query('CREATE DATABASE upgrade_test');
    const url = new URL(pgServer.url);
    url.pathname = '/upgrade_test';
    const old = new pg.Client({ connectionString: url.toString() });
    await old.connect();
    try {
      await applyCityMigrations(old, cityMigrations.slice(0, 3));
      const center = (await old.query("INSERT INTO city.centers (name, role_name) VALUES ('旧站', 'center_old_test') RETURNING id")).rows[0].id as number;
      const event = (seq: number, entity: string, id: number, payload: object) =>
        old.query("INSERT INTO city.events (center_id, seq, entity, entity_id, op, payload) VALUES ($1, $2, $3, $4, 'upsert', $5)", [
          center,
          seq,
          entity,
          id,
          JSON.stringify(payload),
        ]);
      await event(1, 'request', 7, { category: '用餐', level: 'green', state: 'new', submitted_at: '2026-11-03T02:00:00Z', history: [['2026-11-03T02:00:00Z', '用餐', null]] });
      await event(2, 'request', 7, { category: '用餐', level: 'red', state: 'triaged', submitted_at: '2026-11-03T02:00:00Z', history: [['2026-11-03T02:00:00Z', '用餐', 'red']] });
      await event(3, 'activity', 2, { type: 'course', starts_at: '2026-11-04T02:00:00Z', ends_at: '2026-11-04T04:00:00Z', capacity: 10, room: '书画室', status: 'open' });
      expect(await applyCityMigrations(old)).toBe(cityMigrations.at(-1)!.version);
      expect((await old.query('SELECT local_id::int, level, seq::int FROM city.requests')).rows).toEqual([{ local_id: 7, level: 'red', seq: 2 }]);
      expect((await old.query('SELECT local_id::int, type FROM city.activities')).rows).toEqual([{ local_id: 2, type: 'course' }]);
    } finally {
      await old.end();
    }
  });
});

describe('outbox rebuild (migration 18)', () => {
  it('keeps every row and the AUTOINCREMENT sequence, and accepts the new entities', () => {
    const dir = mkdtempSync(join(tmpdir(), 'houniao-outbox-'));
    dirs.push(dir);
    const raw = new Database(join(dir, 'old.db'));
    raw.pragma('foreign_keys = ON');
    applyMigrations(
      raw,
      migrations.filter((m) => m.version <= 15),
    );
    const upTo18 = migrations.filter((m) => m.version <= 18);
    raw.prepare('UPDATE sync_state SET enabled = 1 WHERE id = 1').run();
    raw
      .prepare(
        "INSERT INTO residents (card_no, name, status, created_at, updated_at, last_seen_at) VALUES ('C1', '测试', 'active', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
      )
      .run();
    for (let i = 0; i < 5; i++) raw.prepare('UPDATE residents SET birth_year = ? WHERE id = 1').run(1950 + i);
    const before = raw.prepare('SELECT * FROM sync_outbox ORDER BY seq').all() as Array<{ seq: number }>;
    // The top rows were confirmed and pruned: their seq must never come back.
    raw.prepare('DELETE FROM sync_outbox WHERE seq > ?').run(before[2]!.seq);
    const top = (raw.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'").get() as { seq: number }).seq;
    expect(top).toBe(before.at(-1)!.seq);
    applyMigrations(raw, upTo18);
    expect(raw.prepare('SELECT * FROM sync_outbox ORDER BY seq').all()).toEqual(before.slice(0, 3));
    expect((raw.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'").get() as { seq: number }).seq).toBe(top);
    raw.prepare('UPDATE residents SET birth_year = 1960 WHERE id = 1').run();
    const next = raw.prepare('SELECT seq, entity FROM sync_outbox ORDER BY seq DESC LIMIT 1').get() as { seq: number; entity: string };
    expect(next).toEqual({ seq: top + 1, entity: 'resident' });
    expect(() => raw.prepare("INSERT INTO sync_outbox (entity, entity_id, op, payload) VALUES ('signup', 1, 'upsert', '{}')").run()).not.toThrow();
    expect(() => raw.prepare("INSERT INTO sync_outbox (entity, entity_id, op, payload) VALUES ('nope', 1, 'upsert', '{}')").run()).toThrow(/CHECK/);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });
});
