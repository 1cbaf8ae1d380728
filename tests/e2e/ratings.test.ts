import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LANDSCAPE, PORTRAIT, scanCode, screenshot, staffSignIn, watchErrors, e2eSuite } from './harness.js';

/** 好差评 on a paired 评价器 and 金点子 at the kiosk (issue 17, points 5 and 6), the way people do it. */
const TABLET = { width: 800, height: 1280 };
const suite = e2eSuite();
let staffId: number;

beforeAll(async () => {
  const { token } = await suite.call<{ token: string }>('staff.setup', { name: '王站长', pin: '135790' });
  const a = await suite.call<{ id: number }>('queue.saveService', { name: '政务代办', prefix: 'A', opensAt: '00:00', closesAt: '24:00' }, token);
  await suite.call('queue.saveCounter', { number: 3, name: '3号窗口', serviceIds: [a.id] }, token);
  staffId = (await suite.call<{ id: number }>('staff.create', { name: '李娟', pin: '246810', role: 'staff' }, token)).id;
});

/** Signs a named staff account in at the PIN screen (several accounts: pick one first). */
async function signInAs(page: Page, id: number, pin: string): Promise<void> {
  await page.goto(`${suite.serve.url}/staff`);
  await page.getByTestId(`account-${id}`).click();
  await page.getByTestId('pin-input').fill(pin);
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

/** Types pinyin on the on-screen keyboard and taps the candidate character. */
async function typePinyin(page: Page, pinyin: string, char: string): Promise<void> {
  for (const k of pinyin) await page.locator(`[data-key="${k}"]`).click();
  await page.locator(`[data-cand="${char}"]`).first().click();
}

describe('好差评 on a paired 评价器', () => {
  it(
    'pairs a 评价器 for counter 3, shows the ticket finished there, takes 不满意 with a reason, the follow-up appears, a second rating is refused',
    { timeout: 150_000 },
    async () => {
      // The manager creates a 评价器 code bound to 3号窗口 on 终端配对.
      const manager = await suite.browser.newPage({ viewport: LANDSCAPE });
      const managerErrors = watchErrors(manager);
      await staffSignIn(manager, suite.serve.url);
      await manager.getByTestId('nav-staff-terminals').click();
      await manager.getByTestId('terminals-page').waitFor();
      await manager.getByTestId('terminal-role').selectOption('rater');
      await manager.getByTestId('terminal-name').fill('3号窗口评价器');
      await manager.getByTestId('terminal-create').click();
      await manager.getByTestId('terminal-counter-problem').waitFor(); // no counter chosen yet: it says so
      await manager.getByTestId('terminal-counter').selectOption({ label: '3号窗口' });
      await manager.getByTestId('terminal-create').click();
      const code = (await manager.getByTestId('terminal-code').textContent())!.trim();
      expect(code).toMatch(/^\d{6}$/);
      await screenshot(manager, 'ratings-terminals-rater');

      // The tablet at counter 3: a LAN client (marked remote, as the queue test does) pairs on the real pairing page.
      const tablet = await suite.browser.newContext({ viewport: TABLET, extraHTTPHeaders: { 'X-Houniao-Remote': '1' } });
      const rater = await tablet.newPage();
      const raterErrors = watchErrors(rater);
      await rater.goto(`${suite.serve.url}/rating`);
      await rater.getByTestId('pairing-page').waitFor();
      await rater.getByTestId('pairing-code').fill(code);
      await rater.getByTestId('pairing-submit').click();
      await rater.getByTestId('rater-waiting').waitFor();
      // Before pairing the host refused it (401 TERMINAL_NOT_PAIRED, the event socket too): expected; from here on nothing may fail.
      raterErrors.length = 0;
      expect(await rater.getByTestId('rater-counter').textContent()).toBe('3号窗口');
      await rater.goto(`${suite.serve.url}/staff`);
      await rater.getByTestId('rater-waiting').waitFor(); // a 评价器 is sent back to its screen
      await screenshot(rater, 'ratings-rater-waiting-800x1280');

      // A resident takes a number; 李娟 calls and finishes it at counter 3 on the counter page.
      const lines = await suite.call<Array<{ id: number }>>('queue.lines');
      const ticket = await suite.call<{ id: number; code: string }>('queue.take', { serviceId: lines[0]!.id });
      const counter = await suite.browser.newPage({ viewport: LANDSCAPE });
      const counterErrors = watchErrors(counter);
      await signInAs(counter, staffId, '246810');
      await counter.getByTestId('nav-staff-queue').click();
      await counter.getByTestId('counter-3').click();
      await counter.getByTestId('counter-call').click();
      await counter.getByTestId('counter-current').filter({ hasText: ticket.code }).waitFor();
      await counter.getByTestId('counter-finish').click();

      // The 评价器 shows it at once; the resident taps 不满意, picks a reason and writes a word.
      await rater.getByTestId('rating-panel').waitFor({ timeout: 10_000 });
      expect(await rater.getByTestId('rating-ticket').textContent()).toContain(ticket.code);
      for (const l of [5, 4, 3, 2, 1]) {
        const box = (await rater.getByTestId(`rate-${l}`).boundingBox())!;
        expect(box.height, `rate-${l}`).toBeGreaterThanOrEqual(100);
        expect(box.y + box.height, `rate-${l}`).toBeLessThanOrEqual(TABLET.height);
      }
      await screenshot(rater, 'ratings-rater-buttons-800x1280');
      await rater.getByTestId('rate-2').click();
      await rater.getByTestId('rating-submit').click();
      await rater.getByTestId('rating-problem').waitFor(); // no reason yet: it says what is missing
      await rater.getByTestId('reason-wait').click();
      await rater.getByTestId('rating-text').click();
      await typePinyin(rater, 'man', '慢');
      expect(await rater.getByTestId('rating-text').inputValue()).toBe('慢');
      await screenshot(rater, 'ratings-rater-reason-800x1280');
      await rater.getByTestId('rating-submit').click();
      await rater.getByTestId('rater-thanks').waitFor();
      await screenshot(rater, 'ratings-rater-thanks-800x1280');

      // 李娟 sees the follow-up on 好差评 and marks it done with a note.
      await counter.getByTestId('nav-staff-ratings').click();
      await counter.getByTestId('ratings-page').waitFor();
      const row = counter.getByTestId(`rating-${ticket.code}`);
      await row.waitFor();
      expect(await row.textContent()).toMatch(/不满意[\s\S]*等候太久[\s\S]*慢/);
      expect(await row.textContent()).toContain('李娟');
      await screenshot(counter, 'ratings-staff-followup');
      await counter.getByTestId(`followup-note-${ticket.code}`).fill('已当面致歉，午间增开窗口');
      await counter.getByTestId(`followup-done-${ticket.code}`).click();
      await counter.getByTestId('ratings-empty').waitFor(); // 待回访 is empty now
      await counter.getByTestId('ratings-show').selectOption('done');
      expect(await counter.getByTestId(`followup-state-${ticket.code}`).textContent()).toContain('已当面致歉');

      // A second rating of the same ticket: refused at the 评价器's transport and at the kiosk (ticket QR on the home screen).
      const again = await rater.evaluate(async (ticketId) => {
        const res = await fetch('/api/call/ratings.submit', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Terminal-Token': localStorage.getItem('houniao.terminalToken') ?? '' },
          body: JSON.stringify({ ticketId, level: 5 }),
        });
        return (await res.json()).error as { code: string; message: string };
      }, ticket.id);
      expect(again.code).toBe('RATING_ALREADY');
      const kiosk = await suite.browser.newPage({ viewport: PORTRAIT });
      const kioskErrors = watchErrors(kiosk);
      await kiosk.goto(`${suite.serve.url}/kiosk`);
      await kiosk.getByTestId('tile-ticket').waitFor();
      await scanCode(kiosk, `HOUNIAO-TICKET:${ticket.id}`);
      await kiosk.getByTestId('kiosk-rate').waitFor();
      await kiosk.getByText('已经评价过了').waitFor();
      expect(await kiosk.getByTestId('rating-panel').count()).toBe(0);
      await screenshot(kiosk, 'ratings-kiosk-already');
      const rows = await suite.call<{ ratings: unknown[] }>(
        'ratings.list',
        { show: 'all' },
        (await suite.call<{ token: string }>('staff.login', { staffId, pin: '246810' })).token,
      );
      expect(rows.ratings).toHaveLength(1);

      // The dashboard's 好差评 section carries it.
      await manager.getByTestId('nav-staff-reports').click();
      await manager.getByTestId('reports-tab-ratings').click();
      await manager.getByTestId('reports-section-ratings').getByText('好差评：各工作人员').first().waitFor();
      await screenshot(manager, 'ratings-dashboard');

      for (const errors of [managerErrors, raterErrors, counterErrors]) expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
      // The kiosk's refused rating is a 409 the browser logs; nothing else may be.
      expect(kioskErrors.filter((e) => !/status of 409/.test(e))).toEqual([]);
      await tablet.close();
    },
  );
});

describe('金点子 at the kiosk', () => {
  it('a suggestion typed at the kiosk is adopted with an answer and shown on the kiosk’s adopted list (and the hall display when on)', { timeout: 120_000 }, async () => {
    const kiosk = await suite.browser.newPage({ viewport: PORTRAIT });
    const errors = watchErrors(kiosk);
    await kiosk.goto(`${suite.serve.url}/kiosk`);
    await kiosk.getByTestId('tile-suggestion').click();
    await kiosk.getByTestId('kiosk-suggestion').waitFor();
    await kiosk.getByTestId('suggestion-submit').click();
    expect(await kiosk.getByTestId('suggestion-problem').textContent()).toBe('请先写下您的建议，再提交。');
    await kiosk.getByTestId('suggestion-text').click();
    await typePinyin(kiosk, 'shu', '书');
    await typePinyin(kiosk, 'jia', '架');
    await screenshot(kiosk, 'suggestions-kiosk-form');
    await kiosk.getByTestId('suggestion-submit').click();
    await kiosk.getByTestId('suggestion-thanks').waitFor();
    const id = Number(/\d+/.exec((await kiosk.getByTestId('suggestion-number').textContent())!)![0]);
    await screenshot(kiosk, 'suggestions-kiosk-thanks');

    // The manager adopts it and publishes the answer.
    const manager = await suite.browser.newPage({ viewport: LANDSCAPE });
    const managerErrors = watchErrors(manager);
    await staffSignIn(manager, suite.serve.url);
    await manager.getByTestId('nav-staff-suggestions').click();
    await manager.getByTestId(`suggestion-open-${id}`).click();
    expect(await manager.getByTestId('suggestion-detail-text').textContent()).toContain('书架');
    await manager.getByTestId('suggestion-move-adopted').click();
    await manager.getByTestId('suggestion-state-adopted').waitFor();
    await manager.getByTestId('suggestion-public-text').fill('阅览区增加一个书架');
    await manager.getByTestId('suggestion-answer').fill('已采纳，下周一在阅览区安装新书架。');
    await manager.getByTestId('suggestion-publish').click();
    await manager.getByTestId('suggestion-published').waitFor();
    await manager.getByTestId('suggestions-on-display').check();
    await screenshot(manager, 'suggestions-staff');

    // The kiosk's public list shows it, in portrait and landscape.
    await kiosk.getByTestId('suggestion-adopted-link').click();
    await kiosk.getByTestId(`adopted-${id}`).waitFor();
    expect(await kiosk.getByTestId(`adopted-${id}`).textContent()).toMatch(/已采纳[\s\S]*阅览区增加一个书架[\s\S]*下周一在阅览区安装新书架/);
    await screenshot(kiosk, 'suggestions-kiosk-adopted');
    await kiosk.setViewportSize(LANDSCAPE);
    await kiosk.getByTestId(`adopted-${id}`).waitFor();
    await screenshot(kiosk, 'suggestions-kiosk-adopted-landscape');

    // The hall display, now that the manager turned it on.
    const tv = await suite.browser.newPage({ viewport: LANDSCAPE });
    await tv.goto(`${suite.serve.url}/display`);
    await tv.getByTestId('display-suggestions').filter({ hasText: '阅览区增加一个书架' }).waitFor();
    if (await tv.getByTestId('display-unlock').count()) await tv.getByTestId('display-unlock').click();
    const size = await tv.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
    expect(size).toEqual({ h: LANDSCAPE.height, w: LANDSCAPE.width });
    await screenshot(tv, 'suggestions-display');
    expect(errors).toEqual([]);
    expect(managerErrors).toEqual([]);
  });
});
