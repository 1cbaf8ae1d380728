import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { LANDSCAPE, screenshot, watchErrors, e2eSuite } from './harness.js';
import { MONTHLY_SHEETS } from '../helpers/monthlySheets.js';

const suite = e2eSuite({ demo: true });

describe('统计报表 in Chromium', () => {
  it('the manager opens the demo season dashboard, reads it as tables, and downloads the monthly pack', async () => {
    const page = await suite.browser.newPage({ viewport: LANDSCAPE, acceptDownloads: true });
    const errors = watchErrors(page);
    await page.goto(`${suite.serve.url}/staff`);
    await page.getByTestId('pin-gate').waitFor();
    await page.getByText('王站长').click();
    await page.getByTestId('pin-input').fill('123456');
    await page.getByTestId('pin-submit').click();
    // The manager's home is the dashboard, with today's cards on top of it (issue 15 point 1).
    await page.getByTestId('reports-page').waitFor();
    await page.getByTestId('dashboard').waitFor();
    expect(new URL(page.url()).pathname).toBe('/staff/reports');
    await expect.poll(() => page.getByTestId('dashboard-inTown').textContent()).toMatch(/\d/);
    // This season (default): from the season start setting (10-01) to today.
    await expect.poll(() => page.getByTestId('reports-range').textContent()).toMatch(/^\d{4}-10-01 至 \d{4}-\d{2}-\d{2}$/);
    // Charts are SVG and have a real size.
    const inTown = page.getByTestId('series-residents.inTown');
    await inTown.locator('svg').first().waitFor();
    const box = await inTown.locator('.chart-box').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(200);
    await screenshot(page, 'reports-dashboard');

    // A chart in a tab that was hidden when the page loaded draws at full width once shown.
    await page.getByTestId('reports-tab-loans').click();
    const perWeek = page.getByTestId('series-loans.perWeek');
    await perWeek.locator('svg').first().waitFor();
    await expect.poll(async () => (await perWeek.locator('svg').first().boundingBox())?.width ?? 0).toBeGreaterThan(300);
    await screenshot(page, 'reports-loans-tab');

    // Table view: the same figures as the host computed, every series a table.
    await page.getByTestId('reports-tab-residents').click();
    await page.getByTestId('reports-view-table').click();
    const section = page.getByTestId('reports-section-residents');
    await section.getByTestId('report-table').first().waitFor();
    expect(await section.locator('svg').count()).toBe(0);
    const login = await suite.call('staff.login', { staffId: 1, pin: '123456' });
    const view = await suite.call('reports.dashboard', { period: { kind: 'season' } }, login.token);
    const province = view.sections[0].series.find((s: { id: string }) => s.id === 'residents.province');
    const firstRow = section.getByTestId('series-residents.province').locator('tbody tr').first();
    expect((await firstRow.locator('td').allTextContents()).map((s) => s.trim())).toEqual([province.table.rows[0].province, String(province.table.rows[0].count)]);
    // While the manager reads, a newcomer from the top province registers and checks in at the desk:
    // the next opening counts them (the kept figures are brought up to date for that one resident).
    const top = province.table.rows[0] as { province: string; count: number };
    const inTownDays = view.sections[0].series.find((s: { id: string }) => s.id === 'residents.inTown').table.rows as Array<{ inTown: number }>;
    await suite.call(
      'residents.register',
      {
        consent: { version: '2026-1', accepted: true },
        resident: {
          name: '刚到的居民',
          phone: '13900007777',
          birthYear: 1956,
          originProvince: top.province,
          originCity: province.drill[top.province].rows[0].city,
          lodgingKind: 'other',
        },
        checkIn: true,
      },
      login.token,
    );
    await page.getByTestId('reports-period').selectOption('7d');
    await page.getByTestId('reports-period').selectOption('season');
    await expect.poll(() => firstRow.locator('td').allTextContents()).toEqual([top.province, String(top.count + 1)]);
    const again = await suite.call('reports.dashboard', { period: { kind: 'season' } }, login.token);
    const inTownNow = again.sections[0].series.find((s: { id: string }) => s.id === 'residents.inTown').table.rows as Array<{ inTown: number }>;
    expect(inTownNow.at(-1)!.inTown).toBe(inTownDays.at(-1)!.inTown + 1);
    // Cities of that province, from the click-through picker.
    await page.getByTestId('drill-residents.province').selectOption(province.table.rows[0].province);
    await section.getByTestId('drill-table').waitFor();
    await screenshot(page, 'reports-tables');

    // 今天 has days without figures: those say 暂无数据 rather than drawing nothing.
    await page.getByTestId('reports-period').selectOption('today');
    await expect.poll(() => page.getByTestId('reports-range').textContent()).toMatch(/^(\d{4}-\d{2}-\d{2}) 至 \1$/);

    // 月度报表: the Excel pack downloads with every sheet.
    await page.getByTestId('reports-page-monthly').click();
    const month = view.period.from.slice(0, 7);
    await page.getByTestId('monthly-month').fill(month);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('monthly-xlsx').click()]);
    expect(download.suggestedFilename()).toBe(`月度报表-${month}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    expect(wb.worksheets.map((w) => w.name)).toEqual(MONTHLY_SHEETS);
    expect(String(wb.getWorksheet('汇总')!.getCell('A1').value)).toContain('攀枝花市东区炳草岗街道党群服务中心');
    await page.getByTestId('monthly-done').waitFor();
    await screenshot(page, 'reports-monthly');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
