import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LANDSCAPE, PORTRAIT, e2eSuite, screenshot } from './harness.js';

/**
 * English mode shows no Chinese the app could show in English (issue 12.22): the main screens are
 * walked in English in both orientations, and every visible text node is checked for CJK characters.
 * Data that is Chinese by nature — a resident's or staff member's name, the center's name, a
 * lodging's name, an address — is marked `data-i18n-exempt` on screen and left out of the check.
 */
const suite = e2eSuite({ demo: true });

/** Visible text containing CJK characters, outside elements marked data-i18n-exempt, with where it is. */
async function chineseOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cjk = /[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]/;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!cjk.test(text)) continue;
      const el = node.parentElement;
      if (!el || el.closest('[data-i18n-exempt], script, style')) continue;
      // An <option> counts when its <select> is on screen; other text when its element is.
      const host = el.closest('select') ?? el;
      if (!host.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const where = el.closest('[data-testid]')?.getAttribute('data-testid') ?? el.tagName.toLowerCase();
      found.push(`${where}: ${text.trim()}`);
    }
    return found;
  });
}

async function openEnglish(viewport: { width: number; height: number }): Promise<Page> {
  const context = await suite.browser.newContext({ viewport });
  await context.addInitScript(() => localStorage.setItem('houniao.locale', 'en'));
  return context.newPage();
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(150);
}

/** The demo's services keep office hours; open them all day so 取号 works whenever the test runs. */
async function openAllDay(): Promise<void> {
  const accounts = (await suite.call<{ accounts: Array<{ id: number; name: string }> }>('staff.status')).accounts;
  const { token } = await suite.call<{ token: string }>('staff.login', { staffId: accounts.find((a) => a.name === '王站长')!.id, pin: '123456' });
  const { services } = await suite.call<{ services: Array<Record<string, unknown> & { id: number }> }>('queue.config', {}, token);
  for (const { counterIds, ...s } of services) await suite.call('queue.saveService', { ...s, counterIds, opensAt: '00:00', closesAt: '24:00' }, token);
}

async function typeDigits(page: Page, digits: string): Promise<void> {
  for (const d of digits) await page.locator(`[data-testid="digit-pad"] [data-key="${d}"]`).click();
}

for (const [label, viewport] of [
  ['1080×1920', PORTRAIT],
  ['1920×1080', LANDSCAPE],
] as const) {
  describe(`English mode shows no Chinese the app could say in English (${label})`, () => {
    it('kiosk: home, 取号 with a demo service, the registration place step, 可借物资, and the hall display', async () => {
      await openAllDay();
      const page = await openEnglish(viewport);
      const found: string[] = [];
      const check = async (step: string) => {
        for (const f of await chineseOnScreen(page)) found.push(`${step} → ${f}`);
      };

      await page.goto(`${suite.serve.url}/kiosk`);
      await page.getByTestId('tile-register').waitFor();
      await settle(page);
      await check('kiosk home');

      await page.goto(`${suite.serve.url}/kiosk/ticket`);
      await page.getByTestId('service-A').waitFor();
      await settle(page);
      expect(await page.getByTestId('service-A').textContent()).toContain('Government errands');
      await check('取号 services');
      await page.getByTestId('service-A').click();
      await page.getByTestId('ticket-result').waitFor();
      await settle(page);
      expect(await page.getByTestId('ticket-result').textContent()).toContain('Government errands');
      await screenshot(page, `english-ticket-${label}`);
      await check('取号 result');

      await page.goto(`${suite.serve.url}/kiosk/register`);
      await page.getByTestId('agree').click();
      await page.getByTestId('step-basics').waitFor();
      // The name is typed by pinyin and stays Chinese; the steps around it are English.
      await page.getByTestId('field-phone').click();
      await typeDigits(page, '13900001234');
      await page.getByTestId('field-birthYear').click();
      await typeDigits(page, '1956');
      await page.getByTestId('field-name').click();
      for (const l of 'wang') await page.locator(`[data-testid="pinyin-keyboard"] [data-key="${l}"]`).click();
      await page.locator('[data-testid="candidates"] [data-cand="王"]').click();
      for (const l of 'li') await page.locator(`[data-testid="pinyin-keyboard"] [data-key="${l}"]`).click();
      await page.locator('[data-testid="candidates"] [data-cand="丽"]').click();
      await page.getByTestId('step-next').click();
      await page.getByTestId('step-place').waitFor();
      await settle(page);
      expect(await page.locator('[data-province="四川省"]').textContent()).toContain('Sichuan');
      await check('register: provinces');
      await page.getByTestId('field-placeQuery').click();
      for (const l of 'yichun') await page.locator(`[data-testid="pinyin-keyboard"] [data-key="${l}"]`).click();
      expect(await page.getByTestId('place-matches').textContent()).toContain('Yichun, Jiangxi');
      await check('register: place search');
      for (let i = 0; i < 'yichun'.length; i++) await page.locator('[data-testid="pinyin-keyboard"] [data-key="backspace"]').click();
      await page.locator('[data-province="四川省"]').click();
      const picked = (await page.getByTestId('step-place').textContent()) ?? '';
      expect(picked).toContain('Province: Sichuan');
      expect(picked).toContain('Panzhihua');
      expect(picked).toContain('1 month');
      expect(picked).not.toContain('1 months');
      await screenshot(page, `english-register-place-${label}`);
      await check('register: cities of Sichuan');

      await page.goto(`${suite.serve.url}/kiosk/request`);
      await page.locator('[data-category="临时保洁"]').waitFor();
      await settle(page);
      expect(await page.getByTestId('request-categories').textContent()).toContain('Cleaning');
      await check('我要反映 categories');
      await page.locator('[data-category="临时保洁"]').click();
      await page.getByTestId('request-phrases').waitFor();
      await check('我要反映 describe');
      await page.goto(`${suite.serve.url}/kiosk/request/status`);
      await page.getByTestId('scan-hint').waitFor();
      await check('我要反映 status');

      await page.goto(`${suite.serve.url}/kiosk/available`);
      await page.getByTestId('available-轮椅').waitFor();
      await settle(page);
      expect(await page.getByTestId('available-轮椅').textContent()).toContain('Wheelchair');
      await check('可借物资');

      // 金点子 and 好差评 (issue 17): the form, the adopted list (demo ideas), the ticket-scan rating screen.
      for (const [path, id] of [
        ['/kiosk/suggestion', 'kiosk-suggestion'],
        ['/kiosk/suggestions', 'kiosk-adopted'],
        ['/kiosk/rate', 'kiosk-rate'],
      ] as const) {
        await page.goto(`${suite.serve.url}${path}`);
        await page.getByTestId(id).waitFor();
        await settle(page);
        await check(path);
      }
      await screenshot(page, `english-kiosk-rate-${label}`);

      await page.goto(`${suite.serve.url}/display`);
      await settle(page);
      await screenshot(page, `english-display-${label}`);
      await check('display');

      await page.context().close();
      expect(found).toEqual([]);
    });

    it('staff: the PIN screen (with its language switch), residents list and profile, the counter page, inventory', async () => {
      const page = await openEnglish(viewport);
      const found: string[] = [];
      const check = async (step: string) => {
        for (const f of await chineseOnScreen(page)) found.push(`${step} → ${f}`);
      };
      await page.goto(`${suite.serve.url}/staff`);
      await page.getByTestId('pin-gate').waitFor();
      await settle(page);
      // The PIN screen has the switch, and it goes both ways.
      expect((await page.getByTestId('language-switch').textContent())?.trim()).toBe('中文');
      await check('PIN screen');
      await page.getByTestId('language-switch').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await page.getByTestId('language-switch').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');

      await page.getByText('王站长').click();
      await page.getByTestId('pin-input').fill('123456');
      await page.getByTestId('pin-submit').click();
      await page.getByTestId('dashboard').waitFor();
      await settle(page);
      await check('dashboard');

      await page.goto(`${suite.serve.url}/staff/residents`);
      await settle(page);
      await screenshot(page, `english-residents-${label}`);
      await check('residents list');

      await page.goto(`${suite.serve.url}/staff/residents/1`);
      await settle(page);
      await check('resident profile');

      await page.goto(`${suite.serve.url}/staff/queue`);
      await settle(page);
      await page.getByTestId('counter-1').click();
      await settle(page);
      expect(await page.getByTestId('counter-1').textContent()).toContain('Counter 1');
      await screenshot(page, `english-counter-${label}`);
      await check('counter page');

      await page.goto(`${suite.serve.url}/staff/requests`);
      await page.getByTestId('requests-counts').waitFor();
      await settle(page);
      await check('requests inbox');
      await page.goto(`${suite.serve.url}/staff/requests/3`);
      await page.getByTestId('case-timeline').waitFor();
      await settle(page);
      await screenshot(page, `english-request-case-${label}`);
      await check('request case');

      await page.goto(`${suite.serve.url}/staff/inventory`);
      await settle(page);
      await check('inventory');

      await page.context().close();
      expect(found).toEqual([]);
    });
  });
}
