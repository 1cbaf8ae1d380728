import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LANDSCAPE, PORTRAIT, staffSignIn, removeDir, screenshot, scanCode, watchErrors, e2eSuite } from './harness.js';
import { inspectPdf } from '../unit/printing/helpers.js';

const suite = e2eSuite();

/** Taps pinyin letters, then the candidate character: the way a resident types a name. */
async function typeHanzi(page: Page, syllable: string, char: string): Promise<void> {
  for (const l of syllable) await page.locator(`[data-testid="pinyin-keyboard"] [data-key="${l}"]`).click();
  await page.locator(`[data-testid="candidates"] [data-cand="${char}"]`).click();
}
async function typeDigits(page: Page, digits: string): Promise<void> {
  for (const d of digits) await page.locator(`[data-testid="digit-pad"] [data-key="${d}"]`).click();
}

describe('seasonal residents at the kiosk (Chromium, 1080×1920)', () => {
  it('registers by taps only, checks in again by a scanner, checks out; the printed card resolves to that person', async () => {
    // The card printer "prints" to PDF files so the card can be checked.
    const admin = await suite.call<{ token: string }>('staff.setup', { name: '王站长', pin: '135790' });
    const cards = mkdtempSync(join(tmpdir(), 'houniao-cards-'));
    const targets = (await suite.call<Record<string, unknown>>('settings.all', {}, admin.token))['printing.targets'] as Record<string, unknown>;
    await suite.call('settings.update', { values: { 'printing.targets': { ...targets, serviceCard: { kind: 'pdf', folder: cards } } } }, admin.token);

    const page = await suite.browser.newPage({ viewport: PORTRAIT });
    const errors = watchErrors(page);
    await page.goto(`${suite.serve.url}/kiosk`);
    await page.getByTestId('tile-checkin').click();
    await page.getByTestId('kiosk-identify').waitFor();
    await screenshot(page, 'residents-1-checkin-start');
    await page.getByTestId('first-time').click();

    // Screen 1: consent before anything is typed.
    await page.getByTestId('step-consent').waitFor();
    await page.locator('[data-testid="step-consent"] li').first().waitFor();
    expect(await page.getByTestId('step-consent').textContent()).toContain('不上传到网络');
    await screenshot(page, 'residents-2-consent');
    await page.getByTestId('agree').click();

    // Screen 2: name by the pinyin keyboard, phone and birth year by the digit pad.
    await page.getByTestId('step-basics').waitFor();
    await typeHanzi(page, 'zhang', '张');
    await typeHanzi(page, 'jian', '建');
    await typeHanzi(page, 'guo', '国');
    expect(await page.getByTestId('field-name').inputValue()).toBe('张建国');
    await page.getByTestId('field-phone').click();
    await typeDigits(page, '13900001234');
    await page.getByTestId('field-birthYear').click();
    await typeDigits(page, '1956');
    await screenshot(page, 'residents-3-basics');
    await page.getByTestId('step-next').click();

    // Screen 3: home place picked, lodging, planned departure.
    await page.getByTestId('step-place').waitFor();
    await screenshot(page, 'residents-4-place');
    // The home city found by pinyin on the on-screen letters: yichun is 伊春 (黑龙江) or 宜春 (江西).
    await page.getByTestId('field-placeQuery').click();
    for (const l of 'yichun') await page.locator(`[data-testid="pinyin-keyboard"] [data-key="${l}"]`).click();
    expect(await page.getByTestId('place-matches').textContent()).toContain('宜春市 · 江西');
    await screenshot(page, 'residents-4a-place-search');
    await page.locator('[data-place="伊春市"]').click();
    expect(await page.locator('[data-city="伊春市"]').getAttribute('class')).toContain('on');
    await page.locator('[data-lodging-kind="other"]').click();
    await page.locator('[data-months="3"]').click();
    await screenshot(page, 'residents-4b-place-filled');
    await page.getByTestId('step-next').click();

    // Screen 4: optional extras.
    await page.getByTestId('step-more').waitFor();
    await page.locator('[data-need="wheelchair"]').click();
    await page.getByTestId('field-needsNote').click();
    await typeHanzi(page, 'gao', '高');
    await typeHanzi(page, 'xue', '血');
    await typeHanzi(page, 'ya', '压');
    expect(await page.getByTestId('field-needsNote').inputValue()).toBe('高血压');
    await page.locator('[data-interest="calligraphy"]').click();
    await screenshot(page, 'residents-5-more');
    await page.getByTestId('submit').click();
    await page.getByTestId('register-done').waitFor();
    const cardNo = (await page.getByTestId('card-no').textContent())!.trim();
    expect(cardNo).toMatch(/^[2-9A-HJ-NP-Z]{4} [2-9A-HJ-NP-Z]{4}$/);
    // The card printed (to PDF here): the screen says where to take it.
    await page.locator('[data-testid="print-status"][data-status="done"]').waitFor();
    expect(await page.getByTestId('print-status').textContent()).toContain('请从打印口取走您的服务卡');
    await screenshot(page, 'residents-6-registered');

    // The printed card: its QR decodes to a payload the app resolves to this resident.
    const search = await suite.call<Array<{ id: number; name: string }>>('residents.search', { q: 'zjg' }, admin.token);
    expect(search.map((s) => s.name)).toEqual(['张建国']);
    const jobs = await suite.call<Array<{ id: number; layoutId: string; status: string }>>('printing.jobs', {}, admin.token);
    const job = jobs.find((j) => j.layoutId === 'serviceCard');
    expect(job).toBeDefined();
    const pdf = await suite.call<{ base64: string }>('printing.pdf', { jobId: job!.id }, admin.token);
    const { qr, text } = inspectPdf(Buffer.from(pdf.base64, 'base64'), cards, 'card');
    expect(text).toContain('张建国');
    expect(qr).toEqual([`HNR1:${cardNo.replace(' ', '')}`]);
    const who = await suite.call<{ maskedName: string }>('residents.kiosk.lookup', { card: qr[0] });
    expect(who.maskedName).toBe('张*国');

    // 离开登记 by phone + masked-name confirmation.
    await page.goto(`${suite.serve.url}/kiosk/checkout`);
    await page.getByTestId('kiosk-identify').waitFor();
    await typeDigits(page, '13900001234');
    await page.getByTestId('phone-next').click();
    await page.getByTestId('confirm-name').waitFor();
    expect(await page.getByTestId('masked-name').textContent()).toBe('张*国');
    await screenshot(page, 'residents-7-checkout-confirm');
    await page.getByTestId('yes-me').click();
    await page.getByTestId('checkout-done').waitFor();
    expect(await page.getByTestId('stay-days').textContent()).toContain('1 天');
    await screenshot(page, 'residents-8-checked-out');

    // Next visit: 报到登记 with the card in a USB scanner (fast keystrokes + Enter).
    const started = Date.now();
    await page.goto(`${suite.serve.url}/kiosk/checkin`);
    await page.getByTestId('scan-hint').waitFor();
    // The kiosk is busy and handles each key 350 ms late: still one scan, by the keys' own times.
    await scanCode(page, qr[0]!, { deliveredLateMs: 350 });
    await page.getByTestId('checkin-done').waitFor();
    expect(Date.now() - started).toBeLessThan(15_000);
    const done = (await page.getByTestId('checkin-done').textContent())!;
    expect(done).toContain('张*国');
    expect(done).toContain('黑龙江省 伊春市');
    expect(done).not.toContain('张建国');
    expect(done).not.toContain('13900001234');
    await screenshot(page, 'residents-9-checked-in-by-scan');

    const profile = await suite.call<{ stays: unknown[]; needs: string[]; needsNote: string; originCity: string }>('residents.get', { id: search[0]!.id }, admin.token);
    expect(profile.stays).toHaveLength(2);
    expect(profile).toMatchObject({ needs: ['wheelchair'], needsNote: '高血压', originCity: '伊春市' });
    expect(errors).toEqual([]);
    removeDir(cards);
  }, 90_000);

  it('staff find the resident by pinyin initials, see the stays, and correct the phone with a reason', async () => {
    const page = await suite.browser.newPage({ viewport: LANDSCAPE });
    const errors = watchErrors(page);
    await staffSignIn(page, suite.serve.url);
    expect(await page.getByTestId('dashboard-inTown').textContent()).toContain('1');
    await page.getByTestId('nav-staff-residents').click();
    await page.getByTestId('residents-page').waitFor();
    await page.getByTestId('resident-search').fill('zjg');
    await page.getByTestId('resident-search').press('Enter');
    await page.getByTestId('resident-hits').waitFor();
    expect(await page.getByTestId('resident-hits').textContent()).toContain('139****1234');
    await screenshot(page, 'residents-staff-search');
    await page.getByTestId('resident-hits').getByRole('link', { name: '张建国' }).click();
    await page.getByTestId('resident-profile').waitFor();
    expect(await page.locator('[data-testid="p-stays"] tbody tr').count()).toBe(2);
    await page.getByTestId('p-edit').click();
    await page.getByTestId('f-phone').fill('13900009876');
    await page.getByTestId('p-save').click();
    await page.getByTestId('p-reason-error').waitFor();
    expect(await page.getByTestId('p-reason-error').textContent()).toContain('修改原因');
    await page.getByTestId('p-reason').fill('本人换了手机号');
    await page.getByTestId('p-save').click();
    await page.getByTestId('p-edit').waitFor();
    expect(await page.getByTestId('resident-profile').textContent()).toContain('13900009876');
    await screenshot(page, 'residents-staff-profile');
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
  }, 60_000);

  it('on a landscape 1920×1080 screen nothing needs scrolling: the digit pad and the keyboards sit beside the form', async () => {
    const page = await suite.browser.newPage({ viewport: LANDSCAPE });
    const errors = watchErrors(page);
    const onScreen = async (testId: string) => {
      const box = (await page.getByTestId(testId).boundingBox())!;
      expect(box.y + box.height, testId).toBeLessThanOrEqual(LANDSCAPE.height);
    };
    await page.goto(`${suite.serve.url}/kiosk`);
    await page.getByTestId('tile-checkin').click();
    // Scan or phone: the pad, 下一步, 第一次来 and 返回首页 all in view.
    await page.getByTestId('kiosk-identify').waitFor();
    for (const id of ['phone-input', 'digit-pad', 'phone-next', 'first-time', 'home']) await onScreen(id);
    await screenshot(page, 'residents-1-checkin-start-landscape');
    await page.getByTestId('first-time').click();
    await page.getByTestId('agree').click();
    await page.getByTestId('step-basics').waitFor();
    await typeHanzi(page, 'li', '李');
    const field = (await page.getByTestId('field-name').boundingBox())!;
    const keys = page.locator('[data-testid="pinyin-keyboard"] [data-key]');
    const next = (await page.getByTestId('step-next').boundingBox())!;
    expect(next.x).toBeGreaterThan(field.x + field.width); // beside, not under
    for (const key of ['q', 'p', 'z', 'm']) {
      const box = (await page.locator(`[data-testid="pinyin-keyboard"] [data-key="${key}"]`).boundingBox())!;
      expect(box.x).toBeGreaterThan(field.x + field.width);
      expect(box.x + box.width).toBeLessThanOrEqual(LANDSCAPE.width);
      expect(box.y + box.height).toBeLessThanOrEqual(LANDSCAPE.height);
      expect(box.width).toBeGreaterThanOrEqual(64); // still a finger-sized target
    }
    expect(await keys.count()).toBeGreaterThanOrEqual(26);
    // The header (the center's name) stays in view while typing.
    expect(await page.locator('header').first().isVisible()).toBe(true);
    expect((await page.locator('header').first().boundingBox())!.y).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'residents-3-basics-landscape');
    expect(errors).toEqual([]);
    await page.close();
  });
});
