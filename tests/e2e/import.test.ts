import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANDSCAPE, e2eSuite, removeDir, screenshot, staffSignIn, watchErrors } from './harness.js';
import { BAD_ID, csvGbk } from '../unit/import/files.js';

const suite = e2eSuite();

/**
 * The manager imports a GBK-encoded roster with three bad rows and one person already registered,
 * sees each bad row named with its problem, merges the registered one, imports under paper consent,
 * downloads the rows not imported, then finds the import in 操作日志 and on the resident's profile.
 */
describe('roster import and audit log (Chromium, staff console)', () => {
  it('imports a roster with three bad rows and sees them named', async () => {
    const admin = await suite.call<{ token: string }>('staff.setup', { name: '王站长', pin: '135790' });
    await suite.call('residents.saveLodging', { name: '阳光酒店', kind: 'hotel', address: null }, admin.token);
    const zhou = await suite.call<{ id: number }>(
      'residents.register',
      {
        consent: { version: '2026-1', accepted: true },
        resident: { name: '周建华', phone: '13900006666', birthYear: 1957, originProvince: '山东省', originCity: '济南市', lodgingKind: 'other' },
        checkIn: false,
      },
      admin.token,
    );
    const dir = mkdtempSync(join(tmpdir(), 'houniao-import-e2e-'));
    const file = join(dir, '冬季名单.csv');
    writeFileSync(file, csvGbk());

    const page = await suite.browser.newPage({ viewport: LANDSCAPE, acceptDownloads: true });
    const errors = watchErrors(page);
    try {
      await staffSignIn(page, suite.serve.url);
      await page.locator('a[href="/staff/import"]').click();
      await page.getByTestId('import-page').waitFor();
      await screenshot(page, 'import-1-choose');

      await page.getByTestId('import-file').setInputFiles(file);
      await page.getByTestId('import-mapping').waitFor();
      expect(await page.getByTestId('import-file-read').textContent()).toContain('7 行数据（CSV，GBK 编码）');
      expect(await page.locator('select[data-field="name"] option:checked').textContent()).toBe('第 1 列：姓名');
      expect(await page.locator('select[data-field="origin"] option:checked').textContent()).toBe('第 4 列：来源地');
      await screenshot(page, 'import-2-mapping');

      await page.getByTestId('import-check').click();
      await page.getByTestId('import-dry-run').waitFor();
      expect(await page.getByTestId('import-counts').textContent()).toBe('共 7 行：可新建 3 位，已登记 1 位，有问题 3 行。');
      // The import button says why it waits.
      expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
      expect(await page.getByTestId('import-why').textContent()).toBe('请先勾选已收到纸质知情同意书。');

      await page.locator('[data-filter="rejected"]').click();
      const bad = page.locator('[data-testid="import-rows"] tbody tr');
      expect(await bad.count()).toBe(3);
      const named = (row: number) => page.locator(`[data-testid="import-rows"] tr[data-row="${row}"]`).innerText();
      expect(await named(4)).toContain('王大明');
      expect(await named(4)).toContain('手机号“1390000333”不是 11 位手机号');
      expect(await named(5)).toContain('赵丽');
      expect(await named(5)).toContain(`身份证号“220***********${BAD_ID.slice(-4)}”校验不通过`);
      expect(await named(5)).not.toContain(BAD_ID);
      expect(await named(6)).toContain('孙强');
      expect(await named(6)).toContain('来源地“火星”不是已知的省份和城市');
      await screenshot(page, 'import-3-problems');

      await page.locator('[data-filter="duplicate"]').click();
      const dup = page.locator('[data-testid="import-rows"] tr[data-status="duplicate"]');
      expect(await dup.innerText()).toContain('已登记：周建华');
      expect(await dup.getByTestId('import-differences').innerText()).toContain('来源地：档案为“山东省 济南市”，文件为“山东省 青岛市”');
      await dup.getByTestId('import-action').selectOption('merge');
      await page.getByTestId('import-consent').check();
      expect(await page.getByTestId('import-apply').textContent()).toContain('新建 3 位，更新或合并 1 位');
      await screenshot(page, 'import-4-ready');
      await page.getByTestId('import-apply').click();
      await page.getByTestId('import-result').waitFor();
      expect(await page.getByTestId('import-result').textContent()).toContain('导入完成：新建 3 位，更新 0 位，合并 1 位，跳过 0 位；未导入 3 行。');
      await screenshot(page, 'import-5-done');

      // The rows not imported come back as .xlsx, each with what to correct.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-download-rejected').click()]);
      expect(download.suggestedFilename()).toBe('冬季名单-未导入.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.rowCount).toBe(4);
      expect([2, 3, 4].map((r) => ws.getRow(r).getCell(2).value)).toEqual(['王大明', '赵丽', '孙强']);
      expect(String(ws.getRow(2).getCell(10).value)).toContain('不是 11 位手机号');

      // The registered person was merged: the desk's 济南 stays, the profile says who changed it.
      const found = await suite.call<Array<{ name: string }>>('residents.search', { q: '13900001234' }, admin.token);
      expect(found.map((r) => r.name)).toEqual(['张建国']);
      await page.goto(`${suite.serve.url}/staff/residents/${zhou.id}`);
      await page.getByTestId('resident-profile').waitFor();
      await page.getByTestId('profile-audit').locator('summary').click();
      await page.locator('[data-testid="profile-audit"] tr[data-action="residents.view"]').first().waitFor();
      const panel = await page.getByTestId('profile-audit').innerText();
      expect(panel).toContain('修改档案');
      expect(panel).toContain('查看档案');
      expect(panel).toContain('王站长');
      await screenshot(page, 'import-6-profile-audit');

      // 操作日志: the import is there, filterable, and the export is logged in turn.
      await page.locator('a[href="/staff/audit"]').click();
      await page.getByTestId('audit-page').waitFor();
      await page.locator('[data-testid="audit-rows"] tr[data-action="import.roster"]').waitFor();
      await page.getByTestId('audit-action').selectOption('import.roster');
      await page.getByTestId('audit-search').click();
      await page.getByTestId('audit-total').filter({ hasText: '共 1 条' }).waitFor();
      expect(await page.getByTestId('audit-rows').innerText()).toContain('名单导入');
      await screenshot(page, 'import-7-audit');
      const [logFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
      expect(logFile.suggestedFilename()).toMatch(/^操作日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const log = new ExcelJS.Workbook();
      await log.xlsx.load(readFileSync((await logFile.path())!) as unknown as ArrayBuffer);
      expect(log.worksheets[0]!.getRow(3).getCell(3).value).toBe('名单导入');
      await page.getByTestId('audit-notice').waitFor();
      await page.getByTestId('audit-action').selectOption('audit.export');
      await page.getByTestId('audit-search').click();
      await page.getByTestId('audit-total').filter({ hasText: '共 1 条' }).waitFor();

      // An entry about a resident opens that resident.
      await page.getByTestId('audit-action').selectOption('residents.update');
      await page.getByTestId('audit-search').click();
      await page.locator('[data-testid="audit-rows"] tr[data-action="residents.update"]').first().waitFor();
      await page.locator(`[data-testid="audit-rows"] [data-testid="audit-open"]:text-is("resident:${zhou.id}")`).click();
      await page.getByTestId('resident-profile').waitFor();
      expect(page.url()).toContain(`/staff/residents/${zhou.id}`);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      removeDir(dir);
    }
  }, 180_000);
});
