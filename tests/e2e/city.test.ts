import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCityAccount, ensureAccountsTable } from '../../db/city/accounts.js';
import { createEnrolmentCode } from '../../db/city/enrol.js';
import { mask } from '../../db/city/figures.js';
import { resolvePeriod } from '../../db/reports/period.js';
import { requestFigures } from '../../db/requests/report.js';
import { applyCityMigrations } from '../../db/city/migrate.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { LANDSCAPE, e2eSuite, screenshot, seriousViolations, watchErrors } from './harness.js';

/**
 * The city view walked end to end: a demo center enrols in 系统设置 with the city's code, the city's
 * staff see it at /city; the city's database goes away, the center keeps working; it comes back and
 * the backlog drains by itself.
 */
const suite = e2eSuite({ demo: true });
let pgServer: TestPostgres;
let hub: ChildProcess;
let hubUrl = '';
let admin: pg.Client;

beforeAll(async () => {
  pgServer = await startTestPostgres();
  admin = new pg.Client({ connectionString: pgServer.url });
  admin.on('error', () => {});
  await admin.connect();
  await applyCityMigrations(admin);
  await ensureAccountsTable(admin);
  hub = spawn(process.execPath, ['dist/electron/hub.js', '--pg', pgServer.url, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  hubUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start: ${out.join('')}`)), 30_000);
    hub.stdout!.on('data', (c: Buffer) => {
      out.push(c.toString());
      const m = /Listening on (http:\/\/\S+)/.exec(out.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    hub.stderr!.on('data', (c: Buffer) => out.push(c.toString()));
  });
}, 120_000);

afterAll(async () => {
  hub?.kill('SIGTERM');
  await admin?.end().catch(() => {});
  pgServer?.destroy();
});

/** 诉求受理 this month and last month at the center, as its own report counts them. */
function requestsAtCenter(): { month: number; lastMonth: number } {
  const db = new Database(join(suite.serve.dataDir, 'houniao.db'), { readonly: true, fileMustExist: true });
  try {
    const now = new Date();
    return {
      month: requestFigures(db, resolvePeriod(db, { kind: 'month' }, now)).submitted,
      lastMonth: requestFigures(db, resolvePeriod(db, { kind: 'lastMonth' }, now)).submitted,
    };
  } finally {
    db.close();
  }
}

function inTownAtCenter(): number {
  const db = new Database(join(suite.serve.dataDir, 'houniao.db'), { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare("SELECT count(DISTINCT s.resident_id) AS n FROM stays s JOIN residents r ON r.id = s.resident_id WHERE s.departed_at IS NULL AND r.status = 'active'").get() as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

describe('the city view', () => {
  it('a center enrols with a code and shows up at /city; the center keeps working while the city is away; the backlog drains', async () => {
    const code = await createEnrolmentCode(admin, '攀枝花市东区炳草岗街道党群服务中心');
    const password = await addCityAccount(admin, '市民政局', 'viewer', null);

    const staff = await suite.browser.newPage({ viewport: LANDSCAPE });
    const errors = watchErrors(staff);
    await staff.goto(`${suite.serve.url}/staff`);
    await staff.getByTestId('pin-gate').waitFor();
    await staff.getByText('王站长').click();
    await staff.getByTestId('pin-input').fill('123456');
    await staff.getByTestId('pin-submit').click();
    await staff.getByTestId('dashboard').waitFor();
    await staff.goto(`${suite.serve.url}/staff/settings`);
    await staff.getByTestId('sync-hub').fill(hubUrl);
    await staff.getByTestId('sync-code').fill(code);
    await staff.getByTestId('sync-enrol').click();
    await expect.poll(() => staff.getByTestId('sync-center').textContent(), { timeout: 15_000 }).toContain('炳草岗');
    await expect.poll(() => staff.getByTestId('sync-backlog').textContent(), { timeout: 30_000, interval: 1_000 }).toMatch(/^0\s*条$/);
    await screenshot(staff, 'sync-settings-enrolled');

    const city = await (await suite.browser.newContext({ viewport: LANDSCAPE, bypassCSP: true })).newPage();
    await city.goto(`${hubUrl}/city`);
    await city.getByTestId('city-name').fill('市民政局');
    await city.getByTestId('city-password').fill(password);
    await city.getByTestId('city-signin').click();
    const expected = inTownAtCenter();
    expect(expected).toBeGreaterThan(5);
    await expect.poll(() => city.getByTestId('city-total-in-town').textContent()).toBe(String(expected));
    await city.locator('svg').first().waitFor();
    await screenshot(city, 'city-dashboard');
    await city.getByTestId('city-view-table').click();
    await expect.poll(() => city.locator('table').filter({ hasText: '黑龙江省' }).count()).toBeGreaterThan(0);
    await screenshot(city, 'city-dashboard-tables');
    await city.getByTestId('city-view-chart').click();
    // 接诉即办 and activities: the month's requests as the center counts them ("<5" when small).
    const requests = requestsAtCenter();
    await expect.poll(() => city.getByTestId('city-total-requests').textContent()).toBe(String(mask(requests.month, false)));
    await city.getByTestId('city-last-month').click();
    await expect.poll(() => city.getByTestId('city-total-requests').textContent()).toBe(String(mask(requests.lastMonth, false)));
    await city.getByTestId('city-domains').scrollIntoViewIfNeeded();
    await screenshot(city, 'city-dashboard-requests-activities');
    expect(await seriousViolations(city)).toEqual([]);

    // A departure at the center reaches the city within seconds.
    const accounts = (await suite.call<{ accounts: Array<{ id: number; name: string }> }>('staff.status')).accounts;
    const token = (await suite.call<{ token: string }>('staff.login', { staffId: accounts.find((a) => a.name === '王站长')!.id, pin: '123456' })).token;
    const db = new Database(join(suite.serve.dataDir, 'houniao.db'), { readonly: true });
    const someone = (
      db.prepare("SELECT r.id FROM residents r JOIN stays s ON s.resident_id = r.id AND s.departed_at IS NULL WHERE r.status = 'active' LIMIT 1").get() as { id: number }
    ).id;
    db.close();
    await suite.call('residents.checkOut', { id: someone }, token);
    await expect
      .poll(
        async () => {
          await city.reload();
          return city.getByTestId('city-total-in-town').textContent();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(String(expected - 1));

    // The city's database goes away: the center goes on working and says what is wrong.
    pgServer.stop('fast');
    await suite.call('residents.checkIn', { id: someone }, token);
    await staff.reload();
    await expect.poll(() => staff.getByTestId('sync-last-error').textContent(), { timeout: 30_000, interval: 1_000 }).toMatch(/连接|中断|重启|超时/);
    expect(Number((await staff.getByTestId('sync-backlog').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(0);
    await screenshot(staff, 'sync-settings-offline');

    // It comes back: the backlog drains by itself.
    pgServer.start();
    await expect
      .poll(
        async () => {
          await staff.reload();
          return staff.getByTestId('sync-backlog').textContent();
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toMatch(/^0\s*条$/);
    await expect
      .poll(
        async () => {
          await city.reload();
          return city.getByTestId('city-total-in-town').textContent();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(String(expected));
    expect(errors).toEqual([]);
  }, 240_000);
});
