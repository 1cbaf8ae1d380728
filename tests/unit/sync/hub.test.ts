import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCityAccount } from '../../../db/city/accounts.js';
import { createEnrolmentCode } from '../../../db/city/enrol.js';
import { mask } from '../../../db/city/figures.js';
import { seedDemo } from '../../../db/demo/index.js';
import { SyncPusher } from '../../../db/sync/pusher.js';
import { startHub, type Hub } from '../../../electron/hub/server.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { tempApi } from '../../helpers/tempDb.js';
import { keyFileProvider } from '../../../db/residents/idNumbers.js';

/** The hub over a real PostgreSQL: a center enrols through its own API with the city's code, pushes, and the city signs in and reads figures. */
let pgServer: TestPostgres;
let hub: Hub;
let admin: pg.Client;

beforeAll(async () => {
  pgServer = await startTestPostgres();
  hub = await startHub({ pgUrl: pgServer.url, port: 0, publicDatabase: { host: pgServer.host, port: pgServer.port, database: 'postgres' } });
  admin = new pg.Client({ connectionString: pgServer.url });
  admin.on('error', () => {});
  await admin.connect();
}, 120_000);

afterAll(async () => {
  await admin?.end();
  await hub?.close();
  pgServer?.destroy();
});

async function signInManager(api: ReturnType<typeof tempApi>['api']): Promise<string> {
  const status = await api.call('staff.status', {});
  const manager = status.ok ? (status.data as { accounts: Array<{ id: number; name: string }> }).accounts.find((a) => a.name === '王站长') : undefined;
  const login = await api.call('staff.login', { staffId: manager!.id, pin: '123456' });
  if (!login.ok) throw new Error(JSON.stringify(login.error));
  return (login.data as { token: string }).token;
}

describe('the city hub', () => {
  it('enrols a center with a one-time code; the center pushes; the city reads its figures, small ones masked', async () => {
    const { api, db, dir } = tempApi();
    seedDemo(db, new Date('2026-12-01T02:00:00Z'));
    const token = await signInManager(api);
    const code = await createEnrolmentCode(admin, '攀枝花市东区炳草岗街道党群服务中心');

    const bad = await api.call('sync.enrol', { hubUrl: hub.url, code: 'AAAA-BBBB-CCCC-DDDD' }, { token });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('SYNC_CODE_REFUSED');
    const unreachable = await api.call('sync.enrol', { hubUrl: 'http://127.0.0.1:9', code }, { token });
    expect(!unreachable.ok && unreachable.error.code).toBe('SYNC_HUB_UNREACHABLE');
    const malformed = await api.call('sync.enrol', { hubUrl: 'javascript:alert(1)', code }, { token });
    expect(!malformed.ok && malformed.error.code).toBe('VALIDATION_FAILED');

    const enrolled = await api.call('sync.enrol', { hubUrl: hub.url, code }, { token });
    expect(enrolled.ok).toBe(true);
    const status = enrolled.ok ? (enrolled.data as { enrolled: boolean; backlog: number }) : null;
    expect(status?.enrolled).toBe(true);
    expect(status?.backlog).toBeGreaterThan(300);
    const again = await api.call('sync.enrol', { hubUrl: hub.url, code }, { token });
    expect(!again.ok && again.error.code).toBe('SYNC_ALREADY_ENROLLED');

    const pusher = new SyncPusher({ db, idKey: keyFileProvider(dir) });
    const pushed = await pusher.pushOnce();
    expect(pushed.sent).toBe(status!.backlog);
    const after = await api.call('sync.status', {}, { token });
    expect(after.ok && (after.data as { backlog: number; lastSuccessAt: string | null }).backlog).toBe(0);

    const password = await addCityAccount(admin, '市民政局张科长', 'viewer', null);
    const wrong = await fetch(`${hub.url}/api/city/signin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: '市民政局张科长', password: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain('密码不正确');
    const noToken = await fetch(`${hub.url}/api/city/figures`);
    expect(noToken.status).toBe(401);
    const signin = (await (
      await fetch(`${hub.url}/api/city/signin`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: '市民政局张科长', password }) })
    ).json()) as { data: { token: string } };
    const figures = (await (await fetch(`${hub.url}/api/city/figures`, { headers: { Authorization: `Bearer ${signin.data.token}` } })).json()) as {
      data: { centers: Array<{ inTown: number | string }>; total: { inTown: number | string }; provinces: Array<{ province: string; residents: number | string }> };
    };
    const inTown = (
      db.prepare("SELECT count(DISTINCT s.resident_id) AS n FROM stays s JOIN residents r ON r.id = s.resident_id WHERE s.departed_at IS NULL AND r.status = 'active'").get() as {
        n: number;
      }
    ).n;
    expect(figures.data.centers).toHaveLength(1);
    expect(figures.data.total.inTown).toBe(mask(inTown, false));
    const local = db.prepare("SELECT origin_province AS p, count(*) AS n FROM residents WHERE status = 'active' GROUP BY 1").all() as { p: string; n: number }[];
    for (const row of local) expect(figures.data.provinces.find((p) => p.province === row.p)?.residents).toBe(mask(row.n, false));
    const xlsx = await fetch(`${hub.url}/api/city/export`, { headers: { Authorization: `Bearer ${signin.data.token}` } });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['各站点', '来源地', '年龄结构', '居住时长', '各站点（诉求与活动）', '接诉即办', '活动', '窗口评价']);
    expect(wb.getWorksheet('各站点')!.getRow(3).getCell(2).value).toBe(figures.data.centers[0]!.inTown);
    expect((await fetch(`${hub.url}/api/city/export`)).status).toBe(401);
    // Requests and activities by month: a bad month is refused, a good one is the month counted.
    const auth = { headers: { Authorization: `Bearer ${signin.data.token}` } };
    expect((await fetch(`${hub.url}/api/city/figures?month=2026-13`, auth)).status).toBe(400);
    const november = (await (await fetch(`${hub.url}/api/city/figures?month=2026-11`, auth)).json()) as { data: { domains: { month: string; centers: unknown[] } } };
    expect(november.data.domains.month).toBe('2026-11');
    expect(november.data.domains.centers).toHaveLength(1);
    expect(figures.data.provinces.some((p) => p.residents === '<5') || local.every((r) => r.n >= 5)).toBe(true);
  }, 120_000);

  it('tells a second center that a resident stayed at another center, as a count of seasons', async () => {
    const b = tempApi();
    seedDemo(b.db, new Date('2026-12-01T02:00:00Z'));
    const token = await signInManager(b.api);
    const code = await createEnrolmentCode(admin, '攀枝花市仁和区候鸟驿站');
    expect((await b.api.call('sync.enrol', { hubUrl: hub.url, code }, { token })).ok).toBe(true);
    const before = await b.api.call('sync.recognise', { residentId: 1 }, { token });
    expect(before.ok && (before.data as { seasons: number | null }).seasons).toBeGreaterThanOrEqual(1);
    const data = before.ok ? (before.data as Record<string, unknown>) : {};
    expect(Object.keys(data)).toEqual(['seasons']);
    // Not enrolled: nothing to say, and no waiting.
    const c = tempApi();
    seedDemo(c.db, new Date('2026-12-01T02:00:00Z'));
    const tokenC = await signInManager(c.api);
    const none = await c.api.call('sync.recognise', { residentId: 1 }, { token: tokenC });
    expect(none.ok && (none.data as { seasons: number | null }).seasons).toBeNull();
  });

  it('reads the figures as houniao_dashboard, which sees the views and no table of people', async () => {
    await admin.query('BEGIN');
    try {
      await admin.query('SET LOCAL ROLE houniao_dashboard');
      expect((await admin.query('SELECT count(*) AS n FROM city.v_centers')).rows[0].n).toBeDefined();
      await expect(admin.query('SELECT * FROM city.residents')).rejects.toThrow(/permission/);
    } finally {
      await admin.query('ROLLBACK');
    }
  });

  it('answers malformed and unknown requests with a typed error and stays up', async () => {
    const notJson = await fetch(`${hub.url}/api/enrol`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    const unknown = await fetch(`${hub.url}/api/whatever`);
    expect(unknown.status).toBe(404);
    const guesses = await Promise.all(
      Array.from({ length: 15 }, () =>
        fetch(`${hub.url}/api/enrol`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }) }),
      ),
    );
    expect(guesses.some((r) => r.status === 429)).toBe(true);
    expect((await fetch(`${hub.url}/api/health`)).status).toBe(200);
  });
});
