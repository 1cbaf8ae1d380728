import { describe, expect, it } from 'vitest';
import { LANDSCAPE, PORTRAIT, removeDir, screenshot, staffSignIn, startServe, watchErrors, e2eSuite } from './harness.js';

const suite = e2eSuite();

describe('the kiosk home screen', () => {
  for (const [label, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    it(`shows the center, four large tiles and the centre's other services in Chinese, ${label} ${viewport.width}×${viewport.height}, with no console errors`, async () => {
      const page = await suite.browser.newPage({ viewport });
      const errors = watchErrors(page);
      await page.goto(`${suite.serve.url}/kiosk`);
      await expect.poll(() => page.getByTestId('center-name').textContent()).toBe('候鸟驿站服务中心');
      const titles = await page.locator('.tile-title').allTextContents();
      expect(titles).toEqual(['报到登记', '离开登记', '取号', '补打服务卡']);
      expect(await page.locator('.more-title').allTextContents()).toEqual(['我要反映', '活动报名', '时间银行', '金点子']);
      for (const id of ['checkin', 'checkout', 'ticket', 'card', 'request', 'activities', 'points', 'suggestion']) {
        const box = (await page.getByTestId(`tile-${id}`).boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(64);
        expect(box.width).toBeGreaterThanOrEqual(64);
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      }
      // The whole home fits without scrolling, down to 可借物资.
      const last = (await page.getByTestId('kiosk-available-link').boundingBox())!;
      expect(last.y + last.height).toBeLessThanOrEqual(viewport.height);
      const bodyPx = await page.locator('.kiosk').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(bodyPx).toBeGreaterThanOrEqual(24);
      const switchBox = (await page.getByTestId('language-switch').boundingBox())!;
      expect(switchBox.height).toBeGreaterThanOrEqual(64);
      await screenshot(page, `kiosk-home-${label}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('switches every text to English and back', async () => {
    const page = await suite.browser.newPage({ viewport: PORTRAIT });
    await page.goto(`${suite.serve.url}/kiosk`);
    await page.getByTestId('language-switch').click();
    expect(await page.locator('.tile-title').allTextContents()).toEqual(['Check in', 'Check out', 'Take a number', 'Reprint my card']);
    expect(await page.locator('.more-title').allTextContents()).toEqual(['Report a problem', 'Activities', 'Time bank', 'Suggestions']);
    await page.getByTestId('language-switch').click();
    expect(await page.locator('.tile-title').first().textContent()).toBe('报到登记');
    await page.close();
  });
});

describe('the staff console', () => {
  it('asks for a manager PIN on first run, then changes the center name — an open kiosk shows it within a second', async () => {
    const kiosk = await suite.browser.newPage({ viewport: PORTRAIT });
    const kioskErrors = watchErrors(kiosk);
    await kiosk.goto(`${suite.serve.url}/kiosk`);
    await expect.poll(() => kiosk.getByTestId('center-name').textContent()).toBe('候鸟驿站服务中心');

    const staff = await suite.browser.newPage({ viewport: LANDSCAPE });
    const staffErrors = watchErrors(staff);
    await staffSignIn(staff, suite.serve.url);
    await screenshot(staff, 'staff-dashboard');
    await staff.getByTestId('nav-staff-settings').click();
    await staff.getByTestId('setting-center-name').fill('泸州市江阳区邻里中心');
    await staff.getByTestId('setting-hotline').fill('0830-000 5678');
    const savedAt = Date.now();
    await staff.getByTestId('settings-save').click();
    await staff.getByTestId('settings-saved').waitFor();
    await kiosk.getByTestId('center-name').filter({ hasText: '泸州市江阳区邻里中心' }).waitFor({ timeout: 1000 });
    expect(Date.now() - savedAt).toBeLessThan(1000);
    expect(await kiosk.getByTestId('center-hotline').textContent()).toBe('0830-000 5678');
    await screenshot(staff, 'staff-settings');
    expect(kioskErrors).toEqual([]);
    expect(staffErrors).toEqual([]);
    await kiosk.close();
    await staff.close();
  });

  it('shows a bad hotline as a Chinese message under the field and keeps the old value', async () => {
    const staff = await suite.browser.newPage({ viewport: LANDSCAPE });
    await staffSignIn(staff, suite.serve.url);
    await staff.getByTestId('nav-staff-settings').click();
    await staff.getByTestId('setting-hotline').fill('打电话');
    await staff.getByTestId('settings-save').click();
    await staff.locator('.field-error').filter({ hasText: '服务热线应为 5 到 20 位数字' }).waitFor();
    const pub = await (await fetch(`${suite.serve.url}/api/call/settings.public`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json();
    expect(pub.data['center.hotline']).toBe('0830-000 5678');
    await staff.close();
  });

  it('tells a person who mistypes the PIN how many tries are left', async () => {
    const staff = await suite.browser.newPage({ viewport: LANDSCAPE });
    await staff.goto(`${suite.serve.url}/staff`);
    await staff.getByTestId('pin-input').fill('000000');
    await staff.getByTestId('pin-submit').click();
    await staff.getByText('密码不正确，还可以再试 4 次。').waitFor();
    await staff.close();
  });
});

describe('idle reset', () => {
  it('returns the kiosk to its home screen after the idle time set by the manager, warning first', async () => {
    const staff = await suite.browser.newPage({ viewport: LANDSCAPE });
    await staffSignIn(staff, suite.serve.url);
    await staff.getByTestId('nav-staff-settings').click();
    await staff.getByTestId('setting-idle').fill('15');
    await staff.getByTestId('settings-save').click();
    await staff.getByTestId('settings-saved').waitFor();
    await staff.close();

    const kiosk = await suite.browser.newPage({ viewport: PORTRAIT });
    await kiosk.goto(`${suite.serve.url}/kiosk`);
    await kiosk.getByTestId('tile-ticket').click();
    await kiosk.getByTestId('ticket-pick').waitFor(); // 取号 is a self-service flow since issue 5
    await kiosk.getByTestId('language-switch').click();
    await kiosk.getByTestId('idle-warning').waitFor({ timeout: 30_000 });
    await kiosk.getByTestId('tile-checkin').waitFor({ timeout: 30_000 });
    expect(new URL(kiosk.url()).pathname).toBe('/kiosk');
    // The next resident starts in Chinese.
    expect(await kiosk.locator('.tile-title').first().textContent()).toBe('报到登记');
    await kiosk.close();
  });
});

describe('serve --demo', () => {
  it('starts with a realistic demo center whose manager signs in with the documented demo PIN', async () => {
    const demo = await startServe({ demo: true });
    try {
      const page = await suite.browser.newPage({ viewport: LANDSCAPE });
      await page.goto(`${demo.url}/kiosk`);
      await expect.poll(() => page.getByTestId('center-name').textContent()).toContain('党群服务中心');
      await page.goto(`${demo.url}/staff`);
      await page.getByTestId('pin-gate').waitFor();
      await page.getByText('王站长').click();
      await page.getByTestId('pin-input').fill('123456');
      await page.getByTestId('pin-submit').click();
      await page.getByTestId('dashboard').waitFor();
      await page.close();
    } finally {
      await demo.stop();
      removeDir(demo.dataDir);
    }
  });
});
