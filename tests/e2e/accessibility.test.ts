import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LANDSCAPE, PORTRAIT, e2eSuite, screenshot, seriousViolations } from './harness.js';

/**
 * Every route of the three screens, in Chinese and in English, checked with axe-core: no serious or
 * critical violation anywhere. The language is chosen the way a person's last choice is kept (the
 * remembered locale), so this also proves that a reload keeps the language.
 */
const suite = e2eSuite({ demo: true });

const kioskRoutes = [
  '/kiosk',
  '/kiosk/ticket',
  '/kiosk/available',
  '/kiosk/checkin',
  '/kiosk/checkout',
  '/kiosk/card',
  '/kiosk/register',
  '/kiosk/desk/checkin',
  '/kiosk/suggestion',
  '/kiosk/suggestions',
  '/kiosk/rate',
  '/kiosk/points',
  '/kiosk/request',
  '/kiosk/request/status',
  '/kiosk/activities',
];
const staffRoutes = [
  '/staff/dashboard',
  '/staff/residents',
  '/staff/residents/1',
  '/staff/residents/new',
  '/staff/residents/lodgings',
  '/staff/queue',
  '/staff/ratings',
  '/staff/suggestions',
  '/staff/queue-settings',
  '/staff/terminals',
  '/staff/loans',
  '/staff/loans-out',
  '/staff/inventory',
  '/staff/settings',
  '/staff/print-jobs',
  '/staff/print-settings',
  '/staff/accounts',
  '/staff/import',
  '/staff/audit',
  '/staff/reports',
  '/staff/time-bank',
  '/staff/requests',
  '/staff/requests/3',
  '/staff/requests/settings',
  '/staff/activities',
  '/staff/activities/checkin',
  '/staff/rooms',
];

async function openIn(locale: 'zh-CN' | 'en', viewport: { width: number; height: number }): Promise<Page> {
  // bypassCSP lets the test inject axe-core; the app's own pages keep their CSP.
  const context = await suite.browser.newContext({ viewport, bypassCSP: true });
  await context.addInitScript((l) => localStorage.setItem('houniao.locale', l), locale);
  return context.newPage();
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${suite.serve.url}/staff`);
  await page.getByTestId('pin-gate').waitFor();
  await page.getByText('王站长').click();
  await page.getByTestId('pin-input').fill('123456');
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

/** Waits until the route has rendered and its first data is in (no loading line left). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(150);
}

describe('accessibility (axe-core): no serious or critical violation on any route, in both languages', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`the kiosk and the hall display, ${locale}`, async () => {
      const page = await openIn(locale, PORTRAIT);
      const found: string[] = [];
      for (const route of [...kioskRoutes, '/display']) {
        await page.goto(`${suite.serve.url}${route}`);
        await settle(page);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        for (const v of await seriousViolations(page)) found.push(`${route}: ${v}`);
      }
      await screenshot(page, `a11y-kiosk-${locale}`);
      await page.context().close();
      expect(found).toEqual([]);
    });

    it(`the staff console, the PIN screen included, ${locale}`, async () => {
      const page = await openIn(locale, LANDSCAPE);
      const found: string[] = [];
      await page.goto(`${suite.serve.url}/staff`);
      await page.getByTestId('pin-gate').waitFor();
      for (const v of await seriousViolations(page)) found.push(`/staff (PIN): ${v}`);
      await signIn(page);
      for (const route of staffRoutes) {
        await page.goto(`${suite.serve.url}${route}`);
        await settle(page);
        for (const v of await seriousViolations(page)) found.push(`${route}: ${v}`);
      }
      await page.context().close();
      expect(found).toEqual([]);
    });
  }

  it('keeps the chosen language across a reload, and the switch is named by what it shows', async () => {
    const context = await suite.browser.newContext({ viewport: PORTRAIT });
    const page = await context.newPage();
    await page.goto(`${suite.serve.url}/kiosk`);
    const button = page.getByTestId('language-switch');
    await button.click();
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    const name = await button.evaluate((el) => el.getAttribute('aria-label') ?? el.textContent?.trim());
    expect(name).toBe((await button.textContent())?.trim());
    await context.close();
  });

  it('allows pinch-zoom on the staff console and the display, not on the public kiosk, which has 大字 instead', async () => {
    const context = await suite.browser.newContext({ viewport: PORTRAIT });
    const page = await context.newPage();
    const viewportMeta = () => page.evaluate(() => document.querySelector('meta[name="viewport"]')?.getAttribute('content') ?? '');
    await page.goto(`${suite.serve.url}/display`);
    expect(await viewportMeta()).not.toContain('user-scalable=no');
    await page.goto(`${suite.serve.url}/kiosk`);
    await page.getByTestId('large-text-switch').waitFor();
    expect(await viewportMeta()).toContain('user-scalable=no');
    const title = page.locator('.tile-title').first();
    const before = (await title.boundingBox())!;
    await page.getByTestId('large-text-switch').click();
    expect(await page.getByTestId('large-text-switch').getAttribute('aria-pressed')).toBe('true');
    const after = (await title.boundingBox())!;
    expect(after.height).toBeGreaterThan(before.height * 1.1);
    await screenshot(page, 'kiosk-large-text');
    await context.close();
  });
});
