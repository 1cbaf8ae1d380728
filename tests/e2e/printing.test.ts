import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LANDSCAPE, launchBrowser, removeDir, screenshot, staffSignIn, startServe, watchErrors, type ServeProcess } from './harness.js';
import { deadPort, fakePrinter } from '../unit/printing/helpers.js';

let browser: Browser;
let serve: ServeProcess;
let printer: Awaited<ReturnType<typeof fakePrinter>>;

beforeAll(async () => {
  [browser, serve, printer] = await Promise.all([launchBrowser(), startServe(), fakePrinter()]);
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await printer?.close();
  if (serve) removeDir(serve.dataDir);
});

async function chooseNetworkPrinter(page: Page, port: number): Promise<void> {
  await page.getByTestId('target-ticket-kind').selectOption('escpos');
  await page.getByTestId('target-ticket-host').fill('127.0.0.1');
  await page.getByTestId('target-ticket-port').fill(String(port));
  await page.getByTestId('target-ticket-width').selectOption('58');
}

describe('打印设置 and 打印记录 in Chromium', () => {
  it('prints the test page on a network printer, saves the choice, and shows a dead printer’s failure in 打印记录 with 重试', async () => {
    const page = await browser.newPage({ viewport: LANDSCAPE });
    const errors = watchErrors(page);
    await staffSignIn(page, serve.url);
    await page.getByTestId('nav-staff-print-settings').click();
    await page.getByTestId('print-settings-page').waitFor();

    await chooseNetworkPrinter(page, printer.port);
    await page.getByTestId('test-page-ticket').click();
    const result = page.getByTestId('test-result-ticket');
    await expect.poll(() => result.getAttribute('data-ok'), { timeout: 15_000 }).toBe('true');
    expect(await result.textContent()).toContain(`测试页已发送到 网络打印机 127.0.0.1:${printer.port}（58mm）`);
    await expect.poll(() => printer.bytes().includes(Buffer.from([0x1d, 0x56, 0x42, 0x03]))).toBe(true);
    await page.getByTestId('print-settings-save').click();
    await page.getByTestId('print-settings-saved').waitFor();
    await screenshot(page, 'print-settings-ok');

    // The printer goes dead: the test page says so, in Chinese, within the timeout.
    const dead = await deadPort();
    await chooseNetworkPrinter(page, dead);
    await page.getByTestId('test-page-ticket').click();
    await expect.poll(() => result.getAttribute('data-ok'), { timeout: 15_000 }).toBe('false');
    expect(await result.textContent()).toContain(`无法连接打印机 127.0.0.1:${dead}，请检查打印机电源和网线。`);
    await screenshot(page, 'print-settings-failed');

    await page.getByTestId('nav-staff-print-jobs').click();
    await page.getByTestId('print-jobs-page').waitFor();
    const failedRow = page.locator('tr[data-status="failed"]').first();
    await failedRow.waitFor();
    expect(await failedRow.getByTestId('print-job-reason').textContent()).toContain('无法连接打印机');
    expect(await failedRow.getByTestId('print-job-retry').isVisible()).toBe(true);
    expect(await page.locator('tr[data-status="done"]').count()).toBe(1);
    await screenshot(page, 'print-jobs');

    // 改用其他打印机: send the failed job to the working printer.
    await failedRow.getByTestId('print-job-reprint').click();
    await page.getByTestId('reprint-kind').selectOption('escpos');
    await page.getByTestId('reprint-host').fill('127.0.0.1');
    await page.getByTestId('reprint-port').fill(String(printer.port));
    await page.getByTestId('print-job-reprint-go').click();
    await expect.poll(() => page.locator('tr[data-status="done"]').count(), { timeout: 15_000 }).toBe(2);

    // Preview of the test page layout.
    await page.getByTestId('layout-preview-test.card').click();
    const frame = page.frameLocator('[data-testid="print-preview"] iframe');
    await expect.poll(() => frame.locator('body').textContent()).toContain('服务热线');
    await screenshot(page, 'print-preview-card');
    await page.getByTestId('print-preview-close').click();

    // 保存为 PDF downloads a real PDF.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('layout-pdf-test').click()]);
    expect(download.suggestedFilename()).toBe('test.pdf');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a staff member (not the manager) opens 打印记录 with no 403 and the previews there; 服务卡 to PDF asks no receipt width (issue 12.14)', { timeout: 60_000 }, async () => {
    const admin = await browser.newPage({ viewport: LANDSCAPE });
    await staffSignIn(admin, serve.url);
    await admin.getByTestId('nav-staff-print-settings').click();
    await admin.getByTestId('target-serviceCard-kind').selectOption('pdf');
    expect(await admin.getByTestId('target-serviceCard-width').count()).toBe(0);
    await admin.getByTestId('target-serviceCard-paper').filter({ hasText: 'CR80' }).waitFor();
    await admin.getByTestId('test-page-serviceCard').click();
    const result = admin.getByTestId('test-result-serviceCard');
    await expect.poll(() => result.getAttribute('data-ok'), { timeout: 30_000 }).toBe('true');
    expect(await result.textContent()).toContain('PDF');
    expect(await result.textContent()).not.toContain('出纸');
    await screenshot(admin, 'print-settings-card-pdf');
    await admin.close();

    // The manager adds a clerk; the clerk signs in on another browser and opens 打印记录.
    const login = await fetch(`${serve.url}/api/call/staff.login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ staffId: 1, pin: '135790' }),
    }).then((r) => r.json() as Promise<{ data: { token: string } }>);
    await fetch(`${serve.url}/api/call/staff.create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${login.data.token}` },
      body: JSON.stringify({ name: '小李', pin: '246810', role: 'staff' }),
    });
    const clerk = await browser.newPage({ viewport: LANDSCAPE });
    const refused: string[] = [];
    clerk.on('response', (r) => {
      if (r.status() === 403 || r.status() === 401) refused.push(`${r.status()} ${r.url()}`);
    });
    await clerk.goto(`${serve.url}/staff`);
    await clerk.getByTestId('pin-gate').waitFor();
    await clerk.getByText('小李').click();
    await clerk.getByTestId('pin-input').fill('246810');
    await clerk.getByTestId('pin-submit').click();
    await clerk.getByTestId('dashboard').waitFor();
    await clerk.getByTestId('nav-staff-print-jobs').click();
    await clerk.getByTestId('print-jobs-page').waitFor();
    await clerk.getByTestId('layout-preview-serviceCard').click();
    const frame = clerk.frameLocator('[data-testid="print-preview"] iframe');
    await expect.poll(() => frame.locator('body').textContent()).toContain('服务热线');
    await screenshot(clerk, 'print-jobs-as-staff');
    expect(refused).toEqual([]);
    await clerk.close();
  });
});
