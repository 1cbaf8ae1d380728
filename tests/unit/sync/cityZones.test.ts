import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCityMigrations } from '../../../db/city/migrate.js';
import { createEnrolmentCode, redeemEnrolmentCode } from '../../../db/city/enrol.js';
import { cityFigures } from '../../../db/city/figures.js';
import type { Db } from '../../../db/connection.js';
import { writeSettings } from '../../../db/settings.js';
import { SyncPusher } from '../../../db/sync/pusher.js';
import { saveEnrolment, type Enrolment } from '../../../db/sync/state.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { tempDb } from '../../helpers/tempDb.js';

/**
 * Issue 16: the city cuts days on each center's own zone. Two centers, one on Asia/Shanghai and one
 * on Asia/Urumqi (two hours behind), record arrivals at the same instants around midnight; the city
 * counts each on its center's local day, and "this week" on the center's own calendar.
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

const localDay = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function center(name: string, timeZone: string): Promise<{ db: Db; enrolment: Enrolment; pusher: SyncPusher }> {
  const { db } = tempDb();
  writeSettings(db, { 'queue.timezone': timeZone });
  const enrolment = await redeemEnrolmentCode(admin, await createEnrolmentCode(admin, name), { host: server.host, port: server.port, database: 'postgres' });
  saveEnrolment(db, 'http://127.0.0.1:9', enrolment);
  return { db, enrolment, pusher: new SyncPusher({ db, idKey: null, log: () => {} }) };
}

function arrive(db: Db, n: number, at: string): void {
  const r = db
    .prepare("INSERT INTO residents (card_no, name, birth_year, created_at, updated_at, last_seen_at) VALUES (?, '某', 1955, ?, ?, ?)")
    .run(`Z${String(n).padStart(7, '0')}`, at, at, at);
  db.prepare("INSERT INTO stays (resident_id, arrived_at, source) VALUES (?, ?, 'kiosk')").run(r.lastInsertRowid, at);
}

describe('city day boundaries', () => {
  it("each center's arrivals fall on its own local day and week, whatever the city's server zone", async () => {
    const a = await center('上海时区站', 'Asia/Shanghai');
    const b = await center('乌鲁木齐时区站', 'Asia/Urumqi');
    // 15:30Z is 23:30 / 21:30 on the 10th in Shanghai / Urumqi; 16:30Z is 00:30 on the 11th / 22:30 on the 10th; 18:00Z is midnight in Urumqi.
    const instants = ['2026-03-10T15:30:00.000Z', '2026-03-10T16:30:00.000Z', '2026-03-10T17:59:00.000Z', '2026-03-10T18:00:00.000Z'];
    // And one near midnight of the last week's edge, seen from now.
    const now = new Date();
    const edgeUrumqi = new Date(Date.parse(`${addDays(localDay(now.toISOString(), 'Asia/Urumqi'), -6)}T00:00:00+06:00`) - 30 * 60_000).toISOString();
    let n = 0;
    for (const c of [a, b]) {
      for (const at of [...instants, edgeUrumqi]) arrive(c.db, n++, at);
      await c.pusher.pushOnce();
    }
    const zones = (await admin.query('SELECT id, time_zone FROM city.centers WHERE id = ANY($1) ORDER BY id', [[a.enrolment.centerId, b.enrolment.centerId]])).rows;
    expect(zones.map((z) => z.time_zone)).toEqual(['Asia/Shanghai', 'Asia/Urumqi']);

    await admin.query('SET TIME ZONE UTC');
    const days = async (id: number) =>
      Object.fromEntries(
        (
          await admin.query(
            "SELECT to_char(day, 'YYYY-MM-DD') AS day, arrivals FROM city.v_arrivals WHERE center_id = $1 AND day BETWEEN '2026-03-09' AND '2026-03-12' ORDER BY day",
            [id],
          )
        ).rows.map((r) => [r.day, r.arrivals]),
      );
    const expected = (tz: string) => {
      const m: Record<string, number> = {};
      for (const at of instants) m[localDay(at, tz)] = (m[localDay(at, tz)] ?? 0) + 1;
      return m;
    };
    expect(await days(a.enrolment.centerId)).toEqual(expected('Asia/Shanghai'));
    expect(await days(b.enrolment.centerId)).toEqual(expected('Asia/Urumqi'));
    expect(expected('Asia/Shanghai')).toEqual({ '2026-03-10': 1, '2026-03-11': 3 });
    expect(expected('Asia/Urumqi')).toEqual({ '2026-03-10': 3, '2026-03-11': 1 });

    // This week (the last 7 local days including today) on each center's calendar; the server's own zone does not matter.
    for (const serverZone of ['UTC', 'America/New_York']) {
      await admin.query(`SET TIME ZONE '${serverZone}'`);
      const figures = await cityFigures(admin, { role: 'viewer', centerId: null });
      for (const [c, tz] of [
        [a, 'Asia/Shanghai'],
        [b, 'Asia/Urumqi'],
      ] as const) {
        const today = localDay(new Date().toISOString(), tz);
        const inWeek = [...instants, edgeUrumqi].filter((at) => localDay(at, tz) > addDays(today, -7)).length;
        const got = figures.centers.find((x) => x.id === c.enrolment.centerId)!.arrivalsWeek;
        expect(got, `${tz} with the server on ${serverZone}`).toBe(inWeek === 0 ? 0 : inWeek < 5 ? '<5' : inWeek);
        // March 2026 is long past; the edge arrival is 23:30 on Urumqi's 7th day back: outside its week.
        if (tz === 'Asia/Urumqi') expect(inWeek).toBe(0);
      }
    }
    // Urumqi's 23:30 on the edge day is outside its week; the same instant is 01:30 next day in Shanghai, inside.
    expect(localDay(edgeUrumqi, 'Asia/Urumqi')).toBe(addDays(localDay(now.toISOString(), 'Asia/Urumqi'), -7));

    // A center may set only its own zone, and only a real one.
    const login = new pg.Client({ user: a.enrolment.pg.user, password: a.enrolment.pg.password, host: server.host, port: server.port, database: 'postgres' });
    login.on('error', () => {});
    await login.connect();
    await expect(login.query("SELECT city.set_time_zone('Mars/Olympus')")).rejects.toMatchObject({ code: '22023' });
    await login.query("SELECT city.set_time_zone('Asia/Kolkata')");
    await login.end();
    const after = (await admin.query('SELECT id, time_zone FROM city.centers WHERE id = ANY($1) ORDER BY id', [[a.enrolment.centerId, b.enrolment.centerId]])).rows;
    expect(after.map((z) => z.time_zone)).toEqual(['Asia/Kolkata', 'Asia/Urumqi']);
    // The next round puts the center's own setting back.
    await a.pusher.pushOnce();
    expect((await admin.query('SELECT time_zone FROM city.centers WHERE id = $1', [a.enrolment.centerId])).rows[0].time_zone).toBe('Asia/Shanghai');
  }, 120_000);
});
