import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCityMigrations } from '../../../db/city/migrate.js';
import { createEnrolmentCode, redeemEnrolmentCode } from '../../../db/city/enrol.js';
import type { Db } from '../../../db/connection.js';
import { writeSettings } from '../../../db/settings.js';
import { SyncPusher } from '../../../db/sync/pusher.js';
import { otherCenterSeasons } from '../../../db/sync/recognise.js';
import { saveEnrolment, type Enrolment } from '../../../db/sync/state.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { tempDb } from '../../helpers/tempDb.js';

/**
 * Issue 16, point 4: "本市其他站点曾登记（N 个季度）" counts seasons on each center's own calendar (city
 * migration 7) — its season start and its zone — not a fixed UTC cut.
 */
let server: TestPostgres;
let admin: pg.Client;

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

const PHONE = '13912345678';

async function center(name: string, settings: Record<string, unknown>): Promise<{ db: Db; enrolment: Enrolment; pusher: SyncPusher; residentId: number }> {
  const { db } = tempDb();
  writeSettings(db, settings);
  const enrolment = await redeemEnrolmentCode(admin, await createEnrolmentCode(admin, name), { host: server.host, port: server.port, database: 'postgres' });
  saveEnrolment(db, 'http://127.0.0.1:9', enrolment);
  const at = '2025-01-01T00:00:00.000Z';
  const residentId = Number(
    db
      .prepare("INSERT INTO residents (card_no, name, phone, phone_rev, birth_year, created_at, updated_at, last_seen_at) VALUES ('S0000001', '某', ?, ?, 1955, ?, ?, ?)")
      .run(PHONE, [...PHONE].reverse().join(''), at, at, at).lastInsertRowid,
  );
  return { db, enrolment, pusher: new SyncPusher({ db, idKey: null, log: () => {} }), residentId };
}

const stay = (db: Db, residentId: number, arrived: string, departed: string) =>
  db.prepare("INSERT INTO stays (resident_id, arrived_at, departed_at, source) VALUES (?, ?, ?, 'staff')").run(residentId, arrived, departed);

describe('seasons at other centers', () => {
  it("are counted on each center's season start and local day", async () => {
    // A summer center (伊春: 06-01 to 09-30): two stays in one summer, on either side of 1 July.
    const summer = await center('伊春候鸟驿站', { 'queue.timezone': 'Asia/Shanghai', 'reports.season': { start: '06-01', end: '09-30' } });
    stay(summer.db, summer.residentId, '2025-06-10T02:00:00.000Z', '2025-06-25T02:00:00.000Z');
    stay(summer.db, summer.residentId, '2025-07-20T02:00:00.000Z', '2025-08-30T02:00:00.000Z');
    // A winter center (10-01 to 04-30): arrived 01:00 on 1 October local time (still 30 September in UTC), back after New Year.
    const winter = await center('三亚候鸟驿站', { 'queue.timezone': 'Asia/Shanghai' });
    stay(winter.db, winter.residentId, '2025-09-30T17:00:00.000Z', '2025-12-01T02:00:00.000Z');
    stay(winter.db, winter.residentId, '2026-02-01T02:00:00.000Z', '2026-03-01T02:00:00.000Z');
    for (const c of [summer, winter]) await c.pusher.pushOnce();
    const starts = (await admin.query('SELECT season_start FROM city.centers WHERE id = ANY($1) ORDER BY id', [[summer.enrolment.centerId, winter.enrolment.centerId]])).rows;
    expect(starts.map((r) => r.season_start)).toEqual(['06-01', '10-01']);

    // A third center asks about the same person: one summer at 伊春 and one winter at 三亚.
    const asking = await center('攀枝花候鸟驿站', { 'queue.timezone': 'Asia/Shanghai' });
    await asking.pusher.pushOnce();
    expect(await otherCenterSeasons(asking.db, asking.residentId, null)).toBe(2);
    // The summer center sees only the winter one, and the other way round.
    expect(await otherCenterSeasons(summer.db, summer.residentId, null)).toBe(1);
    expect(await otherCenterSeasons(winter.db, winter.residentId, null)).toBe(1);

    // Another summer at 伊春 is another season.
    stay(summer.db, summer.residentId, '2026-06-15T02:00:00.000Z', '2026-09-01T02:00:00.000Z');
    await summer.pusher.pushOnce();
    expect(await otherCenterSeasons(asking.db, asking.residentId, null)).toBe(3);

    // A center may set only its own season start, and only a month-day; the next round puts its setting back.
    const login = new pg.Client({ user: summer.enrolment.pg.user, password: summer.enrolment.pg.password, host: server.host, port: server.port, database: 'postgres' });
    login.on('error', () => {});
    await login.connect();
    await expect(login.query("SELECT city.set_season_start('13-01')")).rejects.toMatchObject({ code: '22023' });
    await expect(login.query("SELECT city.set_season_start('06-01; DROP TABLE city.events')")).rejects.toMatchObject({ code: '22023' });
    await login.query("SELECT city.set_season_start('01-01')");
    await expect(login.query('UPDATE city.centers SET season_start = $1', ['03-01'])).rejects.toMatchObject({ code: '42501' });
    await login.end();
    expect((await admin.query('SELECT season_start FROM city.centers WHERE id = $1', [winter.enrolment.centerId])).rows[0].season_start).toBe('10-01');
    await summer.pusher.pushOnce();
    expect((await admin.query('SELECT season_start FROM city.centers WHERE id = $1', [summer.enrolment.centerId])).rows[0].season_start).toBe('06-01');
  }, 120_000);
});
