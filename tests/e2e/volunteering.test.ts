import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openDatabase } from '../../db/connection.js';
import { cardQrPayload, generateCardNumber } from '../../db/residents/cards.js';
import { creditActivityHours } from '../../db/volunteering/credit.js';
import { LANDSCAPE, PORTRAIT, screenshot, scanCode, seriousViolations, staffSignIn, watchErrors, e2eSuite } from './harness.js';

const suite = e2eSuite();
/** The machine is shared and busy: wait for the state, generously, rather than for a time. */
const WAIT = { timeout: 15_000 };

const dbFile = () => join(suite.serve.dataDir, 'houniao.db');

/** A resident as the residents module would have registered one (written straight into the served file). */
function addResident(name: string, sex: 'M' | 'F', phone: string, interests: string[], partyMember = false): { id: number; qr: string } {
  const db = openDatabase(dbFile());
  try {
    const cardNo = generateCardNumber();
    const at = new Date().toISOString();
    const r = db
      .prepare(
        `INSERT INTO residents (card_no, name, phone, sex, birth_year, interests, party_member, party_branch, created_at, updated_at, last_seen_at)
         VALUES (?, ?, ?, ?, 1957, ?, ?, ?, ?, ?, ?)`,
      )
      .run(cardNo, name, phone, sex, JSON.stringify(interests), partyMember ? 1 : 0, partyMember ? '鹤岗市向阳区某社区党支部' : null, at, at, at);
    return { id: Number(r.lastInsertRowid), qr: cardQrPayload(cardNo) };
  } finally {
    db.close();
  }
}

/** The activities module's hook, called as it would be when attendance in the role 志愿者 is recorded. */
function attendAsVolunteer(residentId: number, attendanceId: number, minutes: number): void {
  const db = openDatabase(dbFile());
  try {
    db.transaction(() => creditActivityHours(db, { attendanceId, residentId, activityId: 1, minutes, at: new Date() }))();
  } finally {
    db.close();
  }
}

/** The figures straight from the database file, summed the way the ledger defines them. */
function databaseFigures(): { minutes: number; volunteers: number; issued: number; redeemed: number } {
  const db = openDatabase(dbFile());
  try {
    const h = db.prepare("SELECT COALESCE(SUM(minutes), 0) AS m, COUNT(DISTINCT resident_id) AS v FROM vol_hours WHERE status = 'approved'").get() as { m: number; v: number };
    const side = (kind: string) =>
      (
        db
          .prepare(
            `SELECT COALESCE(SUM(e.amount), 0) AS n FROM ledger_entries e JOIN ledger_postings p ON p.txn_id = e.txn_id
             JOIN ledger_transactions t ON t.id = e.txn_id JOIN ledger_accounts a ON a.id = e.account_id WHERE a.kind = 'resident' AND t.kind = ?`,
          )
          .get(kind) as { n: number }
      ).n;
    return { minutes: h.m, volunteers: h.v, issued: side('credit'), redeemed: -side('redemption') };
  } finally {
    db.close();
  }
}

async function focusOn(page: Page, testId: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), WAIT).toBe(testId);
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

describe('时间银行 in Chromium', () => {
  it('hours credit points, the kiosk shows them by card, the desk redeems with a receipt, the statement and the dashboard agree', async () => {
    const volunteer = addResident('王秀英', 'F', '13900002222', ['volunteer', 'health', 'choir'], true);
    const printed = join(suite.serve.dataDir, 'printed');
    mkdirSync(printed, { recursive: true });

    // bypassCSP lets the test inject axe-core; the app's own pages keep their CSP.
    const staff = await (await suite.browser.newContext({ viewport: LANDSCAPE, acceptDownloads: true, bypassCSP: true })).newPage();
    const errors = watchErrors(staff);
    await staffSignIn(staff, suite.serve.url);
    await staff.getByTestId('recovery-done').click(); // the first sign-in's recovery code, noted
    const { token } = await suite.call('staff.login', { staffId: 1, pin: '135790' });
    // The desk's receipt printer (打印设置 → 借用凭条) writes PDFs into a folder here.
    const targets = (await suite.call('settings.all', {}, token))['printing.targets'];
    await suite.call('settings.update', { values: { 'printing.targets': { ...targets, loanSlip: { kind: 'pdf', folder: printed, receiptWidth: 58 } } } }, token);

    // 志愿者: find her by card, skills from her interests.
    await staff.getByTestId('nav-staff-time-bank').click();
    await staff.getByTestId('time-bank').waitFor();
    await staff.getByTestId('tb-tab-volunteers').click();
    await staff.getByTestId('tb-vol-find').focus();
    await focusOn(staff, 'tb-vol-find');
    await scanCode(staff, volunteer.qr);
    await staff.getByTestId('tb-vol-form').waitFor();
    expect(await staff.getByTestId('tb-vol-form').locator('input[type=checkbox][data-testid^=tb-skill-]').count()).toBe(3);
    await staff.getByTestId('tb-skill-health').check();
    await staff.getByTestId('tb-vol-save').click();
    await expect.poll(() => staff.getByTestId('tb-vol-notice').textContent(), WAIT).toContain('王秀英');
    await staff.getByTestId(`tb-vol-${volunteer.id}`).waitFor();

    // 工时: a manual credit of 3 h with a reason, then the manager approves it → 30 points.
    await staff.getByTestId('tb-tab-hours').click();
    await staff.getByTestId('tb-credit-who').selectOption(String(volunteer.id));
    await staff.getByTestId('tb-credit-hours').fill('3');
    expect(await staff.getByTestId('tb-credit-submit').isDisabled()).toBe(true); // no reason yet: said next to the button
    await staff.getByTestId('tb-credit-reason').fill('协助义诊量血压');
    await staff.getByTestId('tb-credit-submit').click();
    await expect.poll(() => staff.getByTestId('tb-hours-notice').textContent(), WAIT).toContain('等待管理员审批');
    await screenshot(staff, 'volunteering-hours-pending');
    await staff.getByTestId('tb-approve').click();
    await expect.poll(() => staff.getByTestId('tb-hours-notice').textContent(), WAIT).toContain('发放 30 分');
    // Attendance as 志愿者 at an activity (the activities module's call): 2 h → 20 points; again → nothing new.
    attendAsVolunteer(volunteer.id, 4001, 120);
    attendAsVolunteer(volunteer.id, 4001, 120);

    // 兑换物品 (manager): rice with a stock of 2, a meal without stock.
    await staff.getByTestId('tb-tab-items').click();
    for (const [name, kind, price, stock] of [
      ['大米5斤', 'goods', '30', '2'],
      ['爱心午餐', 'meal', '15', ''],
    ] as const) {
      await staff.getByTestId('tb-item-name').fill(name);
      await staff.getByTestId('tb-item-kind').selectOption(kind);
      await staff.getByTestId('tb-item-price').fill(price);
      if (stock) await staff.getByTestId('tb-item-stock').fill(stock);
      await staff.getByTestId('tb-item-save').click();
      await expect.poll(() => staff.getByTestId('tb-items-notice').textContent(), WAIT).toContain(name);
    }

    // The kiosk, portrait: 时间银行 → scan the card → balance 50, 5 hours, in large type, nothing editable.
    const kiosk = await (await suite.browser.newContext({ viewport: PORTRAIT, bypassCSP: true })).newPage();
    const kioskErrors = watchErrors(kiosk);
    await kiosk.goto(`${suite.serve.url}/kiosk`);
    await kiosk.getByTestId('tile-points').click();
    await kiosk.getByTestId('kiosk-identify').waitFor();
    await screenshot(kiosk, 'volunteering-kiosk-scan-portrait');
    await scanCode(kiosk, volunteer.qr);
    await kiosk.getByTestId('kiosk-points').waitFor();
    expect(await kiosk.getByTestId('points-balance').textContent()).toBe('50');
    expect(await kiosk.getByTestId('points-hours').textContent()).toBe('5 小时');
    expect(await kiosk.getByTestId('points-name').textContent()).toBe('王*英');
    expect(await kiosk.getByTestId('points-history').locator('li').count()).toBe(2);
    expect(await kiosk.getByTestId('kiosk-points').locator('input, textarea, select').count()).toBe(0);
    const balanceSize = await kiosk.getByTestId('points-balance').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(balanceSize).toBeGreaterThanOrEqual(96);
    await screenshot(kiosk, 'volunteering-kiosk-account-portrait');
    expect(await seriousViolations(kiosk)).toEqual([]);
    await kiosk.setViewportSize(LANDSCAPE);
    await screenshot(kiosk, 'volunteering-kiosk-account-landscape');
    // English as the second language: the same account, every label in English (the memo lines are data).
    await kiosk.getByTestId('language-switch').click();
    await expect.poll(() => kiosk.getByTestId('kiosk-points').locator('h1').textContent(), WAIT).toBe('Time bank · My points');
    expect(await kiosk.getByTestId('points-next').textContent()).toContain('15 more hours to become a 1-star volunteer');
    await screenshot(kiosk, 'volunteering-kiosk-account-english');
    await kiosk.getByTestId('language-switch').click();

    // The desk: scan the card, choose items; too much is refused with the reason; then redeem → receipt.
    await staff.getByTestId('tb-tab-desk').click();
    await staff.getByTestId('tb-card').focus();
    await focusOn(staff, 'tb-card');
    await scanCode(staff, volunteer.qr);
    await staff.getByTestId('tb-resident').waitFor();
    expect(await staff.getByTestId('tb-balance').textContent()).toBe('50 分');
    await staff.getByTestId('tb-item-大米5斤').getByTestId('tb-plus').click();
    await staff.getByTestId('tb-item-爱心午餐').getByTestId('tb-plus').click();
    await staff.getByTestId('tb-item-爱心午餐').getByTestId('tb-plus').click();
    expect(await staff.getByTestId('tb-blocked').textContent()).toBe('积分不够：需要 60 分，余额只有 50 分。');
    expect(await staff.getByTestId('tb-redeem').isDisabled()).toBe(true);
    await screenshot(staff, 'volunteering-desk-short');
    await staff.getByTestId('tb-item-爱心午餐').getByTestId('tb-minus').click();
    expect(await staff.getByTestId('tb-total').textContent()).toBe('合计：45 分，兑换后剩余 5 分');
    await staff.getByTestId('tb-redeem').click();
    await expect.poll(() => staff.getByTestId('tb-notice').textContent(), WAIT).toContain('剩余 5 分');
    await expect.poll(() => staff.getByTestId('tb-balance').textContent(), WAIT).toBe('5 分');
    await expect.poll(() => staff.getByTestId('tb-item-大米5斤').textContent(), WAIT).toContain('库存 1');
    await screenshot(staff, 'volunteering-desk-done');
    expect(await seriousViolations(staff)).toEqual([]);
    await expect.poll(() => (existsSync(printed) ? readdirSync(printed).filter((f) => f.endsWith('.pdf')).length : 0), { timeout: 30_000 }).toBe(1);
    const receipt = pdfText(
      join(
        printed,
        readdirSync(printed).find((f) => f.endsWith('.pdf'))!,
      ),
    );
    for (const words of ['积分兑换凭条', '王*英', '大米5斤 ×1', '爱心午餐 ×1', '45 分', '剩余积分', '5 分']) expect(receipt, words).toContain(words);
    expect(receipt).not.toContain('王秀英');

    // The statement (A4 PDF) she can take to another center.
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByTestId('tb-statement-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^时间银行对账单-王秀英-\d{4}-\d{2}-\d{2}\.pdf$/);
    const statement = pdfText((await download.path())!);
    for (const words of [
      '时间银行对账单',
      '候鸟驿站服务中心',
      '王秀英',
      '5 小时',
      '5 分',
      '50 分 / 45 分',
      '活动签到',
      '补记（已审批）',
      '兑换 大米5斤×1、爱心午餐×1',
      '主题党日参加记录',
    ])
      expect(statement, words).toContain(words);

    // 统计报表 → 时间银行 (today): the figures on screen are the database's.
    const db = databaseFigures();
    expect(db).toEqual({ minutes: 300, volunteers: 1, issued: 50, redeemed: 45 });
    await staff.getByTestId('nav-staff-reports').click();
    await staff.getByTestId('reports-page').waitFor();
    await staff.getByTestId('reports-period').selectOption('today');
    await staff.getByTestId('reports-tab-volunteering').click();
    const fig = (key: string) => staff.getByTestId(`figure-volunteering.perDay-${key}`).locator('dd');
    await expect.poll(() => fig('hours').textContent(), WAIT).toBe(String(db.minutes / 60));
    expect(await fig('activeVolunteers').textContent()).toBe(String(db.volunteers));
    expect(await fig('pointsIssued').textContent()).toBe(String(db.issued));
    expect(await fig('pointsRedeemed').textContent()).toBe(String(db.redeemed));
    await screenshot(staff, 'volunteering-dashboard');

    // The hall TV's 光荣榜: off by default; the manager turns it on; surname + 女士, no phone.
    const tv = await suite.browser.newPage({ viewport: LANDSCAPE });
    const tvErrors = watchErrors(tv);
    await tv.goto(`${suite.serve.url}/display`);
    await tv.getByTestId('display').waitFor();
    if (await tv.getByTestId('display-unlock').isVisible()) await tv.getByTestId('display-unlock').click();
    expect(await tv.getByTestId('display-honour-roll').count()).toBe(0);
    await staff.getByTestId('nav-staff-time-bank').click();
    await staff.getByTestId('tb-tab-settings').click();
    await staff.getByTestId('tb-set-roll').check();
    await staff.getByTestId('tb-set-save').click();
    await expect.poll(() => staff.getByTestId('tb-settings-notice').textContent(), WAIT).toContain('已保存');
    await screenshot(staff, 'volunteering-settings');
    await tv.reload();
    await tv.getByTestId('display-honour-roll').waitFor();
    if (await tv.getByTestId('display-unlock').isVisible()) await tv.getByTestId('display-unlock').click();
    const roll = await tv.getByTestId('display-honour-roll').textContent();
    expect(roll).toContain('王女士');
    expect(roll).toContain('5 小时');
    expect(roll).not.toContain('2222');
    await screenshot(tv, 'volunteering-display-landscape');
    await tv.setViewportSize(PORTRAIT);
    await screenshot(tv, 'volunteering-display-portrait');

    expect(errors).toEqual([]);
    expect(kioskErrors).toEqual([]);
    expect(tvErrors).toEqual([]);
  }, 240_000);
});
