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
  it('registers by taps only from the home tile, checks in by a scanner, checks out holding a wheelchair (asked, undone, confirmed); the printed card resolves to that person', async () => {
    // The card printer "prints" to PDF files so the card can be checked.
    const admin = await suite.call<{ token: string }>('staff.setup', { name: '王站长', pin: '135790' });
    const cards = mkdtempSync(join(tmpdir(), 'houniao-cards-'));
    const targets = (await suite.call<Record<string, unknown>>('settings.all', {}, admin.token))['printing.targets'] as Record<string, unknown>;
    await suite.call('settings.update', { values: { 'printing.targets': { ...targets, serviceCard: { kind: 'pdf', folder: cards } } } }, admin.token);

    const page = await suite.browser.newPage({ viewport: PORTRAIT });
    const errors = watchErrors(page);
    await page.goto(`${suite.serve.url}/kiosk`);
    await page.getByTestId('tile-register').waitFor();
    await screenshot(page, 'residents-0-home');
    // The first-timer's way in is on the home screen itself (issue 12.4).
    await page.getByTestId('tile-register').click();

    // Screen 1: consent before anything is typed.
    await page.getByTestId('step-consent').waitFor();
    await page.locator('[data-testid="step-consent"] li').first().waitFor();
    expect(await page.getByTestId('step-consent').textContent()).toContain('不上传到网络');
    await screenshot(page, 'residents-2-consent');
    await page.getByTestId('agree').click();

    // Screen 2: name by the pinyin keyboard, phone and birth year by the digit pad.
    await page.getByTestId('step-basics').waitFor();
    // A tap on the pale 下一步 says what is missing, next to the fields (issue 12.5).
    await page.getByTestId('step-next').click();
    await page.locator('[data-testid="step-basics"] .field-error').first().waitFor();
    expect(await page.getByTestId('step-basics').textContent()).toContain('请填写姓名（至少 2 个字）');
    await screenshot(page, 'residents-3a-basics-silent-no-more');
    await page.getByTestId('field-name').click();
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

    // Screen 3: home place picked, lodging, planned departure — and 完成登记 right here.
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
    // The extras are optional: this resident wants to add a health note.
    await page.getByTestId('step-more-open').click();

    // Optional screen: extras.
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

    // Right after registering, a scan at 报到 says one thing and marks the chosen stay length (issue 12.3).
    await page.goto(`${suite.serve.url}/kiosk/checkin`);
    await page.getByTestId('scan-hint').waitFor();
    await scanCode(page, qr[0]!);
    await page.getByTestId('checkin-done').waitFor();
    expect(await page.getByTestId('checkin-title').textContent()).toBe('您已经报到过了，欢迎您！');
    expect(await page.getByTestId('checkin-done').textContent()).not.toContain('报到成功');
    expect(await page.locator('[data-testid="checkin-done"] [data-months="3"]').getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'residents-6a-already-in');

    // The resident borrows a wheelchair at the desk.
    const cat = await suite.call<{ id: number }>(
      'inventory.createCategory',
      { name: '轮椅', kind: 'equipment', tagPrefix: 'LY', loanMinutes: 1440, depositFen: 20000 },
      admin.token,
    );
    await suite.call('inventory.addUnits', { categoryId: cat.id, count: 1, printLabels: false }, admin.token);
    await suite.call('loans.checkout', { residentId: search[0]!.id, unitCode: 'LY-0001', depositFen: 20000, depositMethod: 'cash', print: false }, admin.token);

    // 离开登记 by phone: masked name, then the birth year on the digit pad (the host refuses a phone alone).
    await page.goto(`${suite.serve.url}/kiosk/checkout`);
    await page.getByTestId('kiosk-identify').waitFor();
    await typeDigits(page, '2395550123');
    await page.getByTestId('phone-next').click();
    expect(await page.getByTestId('field-problem').textContent()).toContain('11 位数字');
    await page.locator('[data-testid="digit-pad"] [data-key="clear"]').click();
    await typeDigits(page, '23955501234');
    await page.getByTestId('phone-next').click();
    expect(await page.getByTestId('field-problem').textContent()).toContain('13 到 19 开头');
    await screenshot(page, 'residents-7a-phone-problem');
    await page.locator('[data-testid="digit-pad"] [data-key="clear"]').click();
    await typeDigits(page, '13900001234');
    await page.getByTestId('phone-next').click();
    await page.getByTestId('confirm-name').waitFor();
    expect(await page.getByTestId('masked-name').textContent()).toBe('张*国');
    await screenshot(page, 'residents-7-checkout-confirm');
    await page.getByTestId('yes-me').click();
    await page.getByTestId('proof').waitFor();
    await typeDigits(page, '1956');
    await screenshot(page, 'residents-7b-birth-year');
    await page.getByTestId('proof-next').click();
    // Ask first, with the wheelchair named (issues 12.1, 12.2).
    await page.getByTestId('confirm-leave').waitFor();
    expect(await page.getByTestId('open-items').textContent()).toBe('您还有 轮椅 LY-0001 未归还，请到服务台归还并退押金（¥200.00）。');
    await screenshot(page, 'residents-7c-confirm-leave');
    await page.getByTestId('confirm-checkout').click();
    await page.getByTestId('checkout-done').waitFor();
    expect(await page.getByTestId('stay-days').textContent()).toContain('1 天');
    await screenshot(page, 'residents-8-checked-out');
    await page.getByTestId('undo-checkout').click();
    await page.getByTestId('checkout-undone').waitFor();
    await screenshot(page, 'residents-8a-undone');
    // Then for real, by card this time.
    await page.goto(`${suite.serve.url}/kiosk/checkout`);
    await page.getByTestId('scan-hint').waitFor();
    await scanCode(page, qr[0]!);
    await page.getByTestId('confirm-checkout').click();
    await page.getByTestId('checkout-done').waitFor();

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
    expect(done).toContain('报到成功');
    expect(done).toContain('黑龙江省 伊春市');
    expect(done).not.toContain('张建国');
    expect(done).not.toContain('13900001234');
    await screenshot(page, 'residents-9-checked-in-by-scan');
    // …and leaves again, wheelchair still out, so the staff see it.
    await page.goto(`${suite.serve.url}/kiosk/checkout`);
    await page.getByTestId('scan-hint').waitFor();
    await scanCode(page, qr[0]!);
    await page.getByTestId('confirm-checkout').click();
    await page.getByTestId('checkout-done').waitFor();

    const profile = await suite.call<{ stays: unknown[]; needs: string[]; needsNote: string; originCity: string }>('residents.get', { id: search[0]!.id }, admin.token);
    expect(profile.stays).toHaveLength(2);
    expect(profile).toMatchObject({ needs: ['wheelchair'], needsNote: '高血压', originCity: '伊春市' });
    expect(errors.filter((e) => !/40[01]|409/.test(e))).toEqual([]);
    removeDir(cards);
  }, 120_000);

  it('staff see 已离开未归还 on the dashboard and in 借出中, find the resident, see loans and stays, and correct the phone with a reason', async () => {
    const page = await suite.browser.newPage({ viewport: LANDSCAPE });
    const errors = watchErrors(page);
    await staffSignIn(page, suite.serve.url);
    await page.getByTestId('dashboard-departed-open').waitFor();
    expect(await page.getByTestId('dashboard-departed-open').textContent()).toContain('1');
    await screenshot(page, 'residents-staff-dashboard');
    await page.goto(`${suite.serve.url}/staff/loans-out`);
    await page.getByTestId('loan-departed').waitFor();
    await screenshot(page, 'residents-staff-loans-out');
    await page.getByTestId('nav-staff-residents').click();
    await page.getByTestId('residents-page').waitFor();
    await page.getByTestId('departed-open').waitFor();
    await page.getByTestId('resident-search').fill('zjg');
    await page.getByTestId('resident-search').press('Enter');
    await page.getByTestId('resident-hits').waitFor();
    expect(await page.getByTestId('resident-hits').textContent()).toContain('139****1234');
    expect(await page.getByTestId('resident-hits').textContent()).toContain('已离开');
    await screenshot(page, 'residents-staff-search');
    await page.getByTestId('resident-hits').getByRole('link', { name: '张建国' }).click();
    await page.getByTestId('resident-profile').waitFor();
    expect(await page.getByTestId('p-presence').textContent()).toBe('已离开');
    expect(await page.getByTestId('p-departed-open').textContent()).toBe('已离开未归还');
    expect(await page.getByTestId('p-loans').textContent()).toContain('轮椅 LY-0001');
    expect(await page.locator('[data-testid="p-stays"] tbody tr').count()).toBe(2);
    await screenshot(page, 'residents-staff-profile-departed');
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
    await page.goto(`${suite.serve.url}/kiosk`);
    await page.getByTestId('tile-register').waitFor();
    await onScreen('tile-register');
    await screenshot(page, 'residents-0-home-landscape');
    await page.getByTestId('tile-register').click();
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
    // 返回首页 with a name typed asks first (issue 12.4).
    await page.getByTestId('home').click();
    await page.getByTestId('leave-confirm').waitFor();
    await screenshot(page, 'residents-3b-leave-confirm-landscape');
    await page.getByTestId('leave-discard').click();
    await page.getByTestId('tile-register').waitFor();

    // 离开登记 by phone: the birth-year pad, then 确认离开 (张建国 checks in again first; he still has the wheelchair).
    await suite.call('residents.kiosk.checkIn', { phone: '13900009876', birthYear: 1956 });
    await page.goto(`${suite.serve.url}/kiosk/checkout`);
    await page.getByTestId('kiosk-identify').waitFor();
    await typeDigits(page, '13900009876');
    await page.getByTestId('phone-next').click();
    await page.getByTestId('yes-me').click();
    await page.getByTestId('proof').waitFor();
    for (const id of ['birth-year-input', 'digit-pad', 'proof-next', 'home']) await onScreen(id);
    await screenshot(page, 'residents-7b-birth-year-landscape');
    await typeDigits(page, '1956');
    await page.getByTestId('proof-next').click();
    await page.getByTestId('confirm-leave').waitFor();
    for (const id of ['open-items', 'confirm-checkout', 'home']) await onScreen(id);
    await screenshot(page, 'residents-7c-confirm-leave-landscape');

    // The same in English (the language stays while the person moves between screens).
    await page.goto(`${suite.serve.url}/kiosk`);
    await page.getByTestId('language-switch').click();
    await page.getByTestId('tile-checkout').click();
    await page.getByTestId('kiosk-identify').waitFor();
    await typeDigits(page, '13900009876');
    await page.getByTestId('phone-next').click();
    await page.getByTestId('yes-me').click();
    await page.getByTestId('proof').waitFor();
    expect(await page.getByTestId('proof').textContent()).toContain('year of birth');
    await typeDigits(page, '1956');
    await page.getByTestId('proof-next').click();
    await page.getByTestId('confirm-leave').waitFor();
    expect(await page.getByTestId('open-items').textContent()).toContain('You still have 轮椅 LY-0001');
    expect(await page.getByTestId('confirm-checkout').textContent()).toContain('Confirm check-out');
    await screenshot(page, 'residents-7c-confirm-leave-landscape-en');
    await page.getByTestId('home').click();
    await page.getByTestId('leave-confirm').waitFor();
    expect(await page.getByTestId('leave-confirm').textContent()).toContain('Discard what you have entered?');
    await page.getByTestId('leave-discard').click();
    await page.getByTestId('tile-register').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
