import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDatabase } from '../../db/connection.js';
import { localDate, startOfLocalDay } from '../../db/wallClock.js';
import { LANDSCAPE, PORTRAIT, scanCode, screenshot, staffSignIn, watchErrors, e2eSuite } from './harness.js';
import { inspectPdf } from '../unit/printing/helpers.js';

/**
 * 接诉即办 the way people do it (issue 17, first check): a resident reports 临时保洁 at the kiosk by
 * scanning the card; the receipt PDF's QR decodes to a payload the app resolves; staff triage it 红
 * and assign an outside handler (派单单 PDF); 48 h pass and the inbox shows it overdue; the result is
 * recorded; the resident rates 不满意 with a reason and a 回访 appears; the dashboard and the monthly
 * sheet show the same figures as the database.
 */
const suite = e2eSuite();

async function typeHanzi(page: Page, syllable: string, char: string): Promise<void> {
  for (const l of syllable) await page.locator(`[data-testid="pinyin-keyboard"] [data-key="${l}"]`).click();
  await page.locator(`[data-testid="candidates"] [data-cand="${char}"]`).click();
}
async function typeDigits(page: Page, digits: string): Promise<void> {
  for (const d of digits) await page.locator(`[data-testid="digit-pad"] [data-key="${d}"]`).click();
}

/**
 * The test clock: the host has no clock switch, so "48 hours pass" moves every time of this case 48 h
 * into the past, in the database the running server reads — for the case, exactly as if the wall
 * clock had moved on (its deadline, events and submission all keep their distances to each other).
 */
function passHours(dataDir: string, requestId: number, hours: number): void {
  const db = openDatabase(join(dataDir, 'houniao.db'));
  try {
    const shift = (col: string) => `${col} = CASE WHEN ${col} IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', ${col}, '-${hours} hours') END`;
    db.transaction(() => {
      db.prepare(
        `UPDATE requests SET ${['submitted_at', 'clock_start', 'deadline_at', 'paused_at', 'result_at', 'rated_at', 'closed_at', 'updated_at'].map(shift).join(', ')} WHERE id = ?`,
      ).run(requestId);
      db.prepare(`UPDATE request_events SET ${shift('at')} WHERE request_id = ?`).run(requestId);
    })();
  } finally {
    db.close();
  }
}

describe('接诉即办 in Chromium: kiosk → staff → handler → rating → 回访 → reports', () => {
  it('the whole closed loop', { timeout: 240_000 }, async () => {
    const admin = await suite.call<{ token: string }>('staff.setup', { name: '王站长', pin: '135790' });
    const prints = mkdtempSync(join(tmpdir(), 'houniao-requests-prints-'));
    const targets = (await suite.call<Record<string, unknown>>('settings.all', {}, admin.token))['printing.targets'] as Record<string, unknown>;
    await suite.call(
      'settings.update',
      { values: { 'printing.targets': { ...targets, ticket: { kind: 'pdf', folder: prints }, report: { kind: 'pdf', folder: prints } }, 'display.requestsBoard': true } },
      admin.token,
    );
    const reg = await suite.call<{ qrPayload: string }>('residents.kiosk.register', {
      consent: { version: '2026-1', accepted: true },
      resident: {
        name: '张建国',
        phone: '13900001234',
        birthYear: 1956,
        originProvince: '黑龙江省',
        originCity: '伊春市',
        lodgingKind: 'rental',
        lodgingAddress: '阳光小区 3 栋 501',
      },
    });
    const handler = await suite.call<{ id: number }>('requests.saveHandler', { kind: 'property', name: '阳光小区物业', phone: '08120002222' }, admin.token);

    // ── The resident at the kiosk (portrait 1080×1920) ──
    const kiosk = await suite.browser.newPage({ viewport: PORTRAIT });
    const kioskErrors = watchErrors(kiosk);
    await kiosk.goto(`${suite.serve.url}/kiosk`);
    await kiosk.getByTestId('tile-request').waitFor();
    await screenshot(kiosk, 'requests-0-home');
    await kiosk.getByTestId('tile-request').click();
    await kiosk.locator('[data-category="临时保洁"]').waitFor();
    expect(await kiosk.locator('[data-testid="request-categories"] .category').count()).toBe(8);
    await screenshot(kiosk, 'requests-1-categories');
    await kiosk.locator('[data-category="临时保洁"]').click();
    // 下一步 with nothing written says what is missing.
    await kiosk.getByTestId('request-next').click();
    expect(await kiosk.getByTestId('field-problem').textContent()).toContain('请先点一条常用语');
    await kiosk.locator('[data-phrase="楼道有垃圾"]').click();
    await typeHanzi(kiosk, 'qing', '请');
    await typeHanzi(kiosk, 'lai', '来');
    await kiosk.locator('[data-phrase="垃圾没有清运"]').click();
    const description = '楼道有垃圾请来，垃圾没有清运';
    expect(await kiosk.getByTestId('request-text').inputValue()).toBe(description);
    await screenshot(kiosk, 'requests-2-describe');
    await kiosk.getByTestId('request-next').click();
    await kiosk.getByTestId('scan-hint').waitFor();
    await screenshot(kiosk, 'requests-3-identify');
    await scanCode(kiosk, reg.qrPayload);
    await kiosk.getByTestId('callback-input').waitFor();
    expect(await kiosk.getByTestId('request-who').textContent()).toBe('张*国');
    await typeDigits(kiosk, '13700001111');
    await screenshot(kiosk, 'requests-4-callback');
    await kiosk.getByTestId('request-submit').click();
    await kiosk.getByTestId('request-done').waitFor();
    const number = (await kiosk.getByTestId('request-number').textContent())!.trim();
    expect(number).toMatch(/^J-\d{8}-001$/);
    await kiosk.locator('[data-testid="print-status"][data-status="done"]').waitFor();
    await screenshot(kiosk, 'requests-5-receipt');

    // The receipt on paper: its QR decodes (zbarimg) to a payload the app resolves, not to the number.
    const jobs = await suite.call<Array<{ id: number; layoutId: string }>>('printing.jobs', {}, admin.token);
    const receiptJob = jobs.find((j) => j.layoutId === 'requestReceipt')!;
    const receiptPdf = await suite.call<{ base64: string }>('printing.pdf', { jobId: receiptJob.id }, admin.token);
    const receipt = inspectPdf(Buffer.from(receiptPdf.base64, 'base64'), prints, 'request-receipt');
    expect(receipt.text).toContain(number);
    expect(receipt.text).not.toContain('楼道');
    expect(receipt.qr).toHaveLength(1);
    const receiptQr = receipt.qr[0]!;
    expect(receiptQr).toMatch(/^HNQ1:[A-Za-z0-9_-]{20,}$/);
    expect(receiptQr).not.toContain(number.slice(2));
    const resolved = await suite.call<Array<{ number: string; stage: string }>>('requests.kiosk.status', { code: receiptQr });
    expect(resolved).toEqual([expect.objectContaining({ number, stage: 'received' })]);

    // ── Staff: inbox → case → 红 → outside handler → 派单单 (landscape 1920×1080) ──
    const staff = await suite.browser.newPage({ viewport: LANDSCAPE });
    const staffErrors = watchErrors(staff);
    await staffSignIn(staff, suite.serve.url);
    await staff.goto(`${suite.serve.url}/staff/requests`);
    const row = staff.getByTestId(`request-row-${number}`);
    await row.waitFor();
    expect(await row.getAttribute('data-timing')).toBe('onTime');
    expect(await row.textContent()).toContain('NEW');
    await screenshot(staff, 'requests-6-inbox-new');
    await row.locator('a.number').click();
    await staff.getByTestId('request-case').waitFor();
    expect(await staff.getByTestId('case-description').textContent()).toBe(description);
    await staff.getByTestId('triage-red').click();
    await staff.locator('[data-testid="case-level"][data-level="red"]').waitFor();
    await staff.getByTestId('assign-select').selectOption(`outside:${handler.id}`);
    await staff.getByTestId('assign-btn').click();
    await staff.getByTestId('case-handler').filter({ hasText: '阳光小区物业' }).waitFor();
    await staff.getByTestId('print-dispatch-a4').click();
    await staff.locator('[data-testid="print-status"][data-status="done"]').waitFor();
    await screenshot(staff, 'requests-7-case-assigned');
    const caseId = Number(new URL(staff.url()).pathname.split('/').pop());

    const dispatchJob = (await suite.call<Array<{ id: number; layoutId: string }>>('printing.jobs', {}, admin.token)).find((j) => j.layoutId === 'requestDispatch')!;
    const dispatchPdf = await suite.call<{ base64: string }>('printing.pdf', { jobId: dispatchJob.id }, admin.token);
    const dispatch = inspectPdf(Buffer.from(dispatchPdf.base64, 'base64'), prints, 'request-dispatch');
    const flat = dispatch.text.replace(/\s+/g, '');
    for (const s of [number, '派单单', '临时保洁', '阳光小区物业', '13700001111', description.replace(/\s+/g, ''), '红·街道吹哨/部门']) expect(flat).toContain(s);
    expect(dispatch.qr).toHaveLength(1);
    expect(dispatch.qr[0]).toMatch(/^HND1:/);
    expect(await suite.call('requests.byCode', { code: dispatch.qr[0] }, admin.token)).toEqual({ id: caseId });

    // ── 48 hours pass: the inbox shows it overdue ──
    passHours(suite.serve.dataDir, caseId, 48.5);
    await staff.goto(`${suite.serve.url}/staff/requests`);
    await staff.locator(`[data-testid="request-row-${number}"][data-timing="overdue"]`).waitFor();
    expect(await staff.getByTestId(`request-row-${number}`).getByTestId('request-timing').textContent()).toBe('已超时');
    expect(await staff.getByTestId('requests-counts').textContent()).toContain('已超时 1 件');
    await screenshot(staff, 'requests-8-inbox-overdue');

    // The handler brings the 派单单 back: the desk scans it and records the result.
    await scanCode(staff, dispatch.qr[0]!);
    await staff.getByTestId('request-case').waitFor();
    await staff.getByTestId('result-input').fill('物业已清运楼道垃圾，并安排每天保洁。');
    await staff.getByTestId('result-btn').click();
    await staff.locator('[data-testid="case-state"]').filter({ hasText: '已办结待评价' }).waitFor();

    // ── The resident scans the receipt and rates 不满意 with a reason ──
    await kiosk.goto(`${suite.serve.url}/kiosk/request/status`);
    await kiosk.getByTestId('scan-hint').waitFor();
    await scanCode(kiosk, receiptQr);
    const card = kiosk.locator(`[data-testid="request-card"][data-number="${number}"]`);
    await card.waitFor();
    expect(await card.getByTestId('request-answer').textContent()).toBe('物业已清运楼道垃圾，并安排每天保洁。');
    const shown = await card.textContent();
    for (const secret of ['阳光小区物业', '王站长', '楼道有垃圾请来', '13700001111']) expect(shown).not.toContain(secret);
    await screenshot(kiosk, 'requests-9-status');
    await card.locator('[data-rating="2"]').click();
    await card.getByTestId('rating-send').click();
    expect(await card.getByTestId('field-problem').textContent()).toContain('至少 2 个字');
    await typeHanzi(kiosk, 'mei', '没');
    await typeHanzi(kiosk, 'ren', '人');
    await typeHanzi(kiosk, 'lai', '来');
    await screenshot(kiosk, 'requests-10-rate-bad');
    await card.getByTestId('rating-send').click();
    await kiosk.getByTestId('rating-thanks').waitFor();
    expect(await kiosk.getByTestId('rating-thanks').textContent()).toContain('回访');
    expect(await card.getByTestId('request-stage').textContent()).toBe('回访中');
    await screenshot(kiosk, 'requests-11-thanks');
    // The same screen in landscape.
    await kiosk.setViewportSize(LANDSCAPE);
    await screenshot(kiosk, 'requests-11-thanks-landscape');
    await kiosk.goto(`${suite.serve.url}/kiosk/request`);
    await kiosk.locator('[data-category="临时保洁"]').waitFor();
    await screenshot(kiosk, 'requests-1-categories-landscape');
    await kiosk.locator('[data-category="邻里纠纷"]').click();
    await kiosk.getByTestId('request-phrases').waitFor();
    await screenshot(kiosk, 'requests-2-describe-landscape');

    // A 回访 task appears in the inbox, with its own deadline (on time again).
    await staff.goto(`${suite.serve.url}/staff/requests`);
    const revisit = staff.locator(`[data-testid="request-row-${number}"][data-timing="onTime"]`);
    await revisit.waitFor();
    expect(await revisit.textContent()).toContain('回访中');
    expect(await staff.getByTestId('requests-counts').textContent()).toContain('回访 1 件');
    await screenshot(staff, 'requests-12-inbox-revisit');
    await staff.goto(`${suite.serve.url}/staff/requests/${caseId}`);
    await staff.getByTestId('case-timeline').waitFor();
    const kinds = await staff.locator('[data-testid="case-timeline"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['submitted', 'triaged', 'assigned', 'dispatchPrinted', 'resulted', 'rated', 'reopened']);
    expect(await staff.getByTestId('case-rating').textContent()).toContain('不满意 · 没人来');
    await screenshot(staff, 'requests-13-case-revisit');

    // ── Reports: the dashboard and the monthly sheet agree with the database ──
    // The case began 48 h ago: on the 1st or 2nd of a month it began in the month before, so each
    // month's sheet is checked against the database for that month's own local days.
    const zone = 'Asia/Shanghai';
    const db = openDatabase(join(suite.serve.dataDir, 'houniao.db'));
    const truthBetween = (start: string, end: string) => {
      const q = (sql: string) => db.prepare(sql).pluck().get(start, end) as number | null;
      return {
        submitted: q("SELECT COUNT(*) FROM request_events WHERE kind = 'submitted' AND at >= ? AND at < ?")!,
        resulted: q("SELECT COUNT(*) FROM request_events WHERE kind = 'resulted' AND at >= ? AND at < ?")!,
        onTime: q("SELECT AVG(json_extract(detail, '$.onTime')) FROM request_events WHERE kind = 'resulted' AND at >= ? AND at < ?"),
        rated: q("SELECT COUNT(*) FROM request_events WHERE kind = 'rated' AND at >= ? AND at < ?")!,
        satisfied: q("SELECT AVG(json_extract(detail, '$.rating') >= 3) FROM request_events WHERE kind = 'rated' AND at >= ? AND at < ?"),
      };
    };
    const submittedAt = db.prepare("SELECT at FROM request_events WHERE kind = 'submitted'").pluck().get() as string;
    const all = truthBetween('2000-01-01', '2100-01-01');
    expect(all).toEqual({ submitted: 1, resulted: 1, onTime: 0, rated: 1, satisfied: 0 });
    const from = localDate(new Date(submittedAt), zone);
    const today = localDate(new Date(), zone);
    const dash = await suite.call('reports.dashboard', { period: { kind: 'custom', from, to: today } }, admin.token);
    const section = dash.sections.find((s: { id: string }) => s.id === 'requests');
    const fig = (series: string, key: string) => section.series.find((s: { id: string }) => s.id === series).figures.find((f: { key: string }) => f.key === key).value;
    expect(fig('requests.byCategory', 'submitted')).toBe(all.submitted);
    expect(fig('requests.byCategory', 'red')).toBe(1);
    expect(fig('requests.timeliness', 'onTimeRate')).toBe(all.onTime);
    expect(fig('requests.satisfaction', 'rated')).toBe(all.rated);
    expect(fig('requests.satisfaction', 'satisfactionRate')).toBe(all.satisfied);
    const byCat = section.series.find((s: { id: string }) => s.id === 'requests.byCategory').table.rows.find((r: { category: string }) => r.category === '临时保洁');
    expect(byCat).toMatchObject({ submitted: 1, red: 1 });
    // Shown on the staff dashboard page.
    await staff.goto(`${suite.serve.url}/staff/reports`);
    await staff.getByTestId('reports-tab-requests').click();
    await staff.getByTestId('reports-section-requests').getByText('诉求受理（按类别和分级）').waitFor();
    await screenshot(staff, 'requests-14-dashboard');

    const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
    for (const month of [...new Set([from.slice(0, 7), today.slice(0, 7)])]) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      const truth = truthBetween(startOfLocalDay(`${month}-01`, zone).toISOString(), startOfLocalDay(`${next}-01`, zone).toISOString());
      const xlsx = await suite.call<{ base64: string }>('reports.export.monthly', { month }, admin.token);
      const file = join(prints, `monthly-${month}.xlsx`);
      writeFileSync(file, Buffer.from(xlsx.base64, 'base64'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const sheet = wb.getWorksheet('接诉即办')!;
      expect(sheet, month).toBeDefined();
      const cells = new Map<string, unknown>();
      sheet.eachRow((r) => {
        const v = r.values as unknown[];
        if (typeof v[1] === 'string') cells.set(v[1], v[2]);
      });
      expect({
        month,
        submitted: cells.get('受理（件）'),
        resulted: cells.get('记录结果（件）'),
        onTime: cells.get('按时办结率'),
        rated: cells.get('评价（件）'),
        satisfied: cells.get('满意率'),
      }).toEqual({
        month,
        submitted: String(truth.submitted),
        resulted: String(truth.resulted),
        onTime: pct(truth.onTime),
        rated: String(truth.rated),
        satisfied: pct(truth.satisfied),
      });
      expect(JSON.stringify(sheet.getSheetValues())).not.toContain('楼道有垃圾');
    }
    db.close();

    // ── The hall display: number, category, stage — no text, no names ──
    const tv = await suite.browser.newPage({ viewport: LANDSCAPE });
    const tvErrors = watchErrors(tv);
    await tv.goto(`${suite.serve.url}/display`);
    const boardEl = tv.getByTestId('display-requests-board');
    await boardEl.waitFor();
    const board = await boardEl.textContent();
    expect(board).toContain(number);
    expect(board).toContain('临时保洁');
    expect(board).toContain('回访中');
    for (const secret of ['楼道', '张', '阳光小区物业']) expect(board).not.toContain(secret);
    if (await tv.getByTestId('display-unlock').isVisible()) await tv.getByTestId('display-unlock').click();
    await screenshot(tv, 'requests-15-display-board');
    await tv.setViewportSize(PORTRAIT);
    await screenshot(tv, 'requests-15-display-board-portrait');

    expect(kioskErrors).toEqual([]);
    expect(staffErrors).toEqual([]);
    expect(tvErrors).toEqual([]);
  });

  it('by phone and birth year, with no receipt printer: the screen is the receipt, and its QR resolves', { timeout: 120_000 }, async () => {
    const admin = await suite.call<{ token: string }>('staff.login', { staffId: 1, pin: '135790' });
    const targets = (await suite.call<Record<string, unknown>>('settings.all', {}, admin.token))['printing.targets'] as Record<string, unknown>;
    await suite.call('settings.update', { values: { 'printing.targets': { ...targets, ticket: { kind: 'none' } } } }, admin.token);
    const page = await suite.browser.newPage({ viewport: PORTRAIT });
    const errors = watchErrors(page);
    await page.goto(`${suite.serve.url}/kiosk/request`);
    await page.locator('[data-category="用餐"]').click();
    await page.locator('[data-phrase="想订老年餐"]').click();
    await page.getByTestId('request-next').click();
    await typeDigits(page, '13900001234');
    await page.getByTestId('phone-next').click();
    await page.getByTestId('confirm-name').waitFor();
    expect(await page.getByTestId('masked-name').textContent()).toBe('张*国');
    await page.getByTestId('yes-me').click();
    await typeDigits(page, '1956');
    await page.getByTestId('proof-next').click();
    await page.getByTestId('submit-no-phone').click();
    await page.getByTestId('request-no-printer').waitFor();
    const number = (await page.getByTestId('request-number').textContent())!.trim();
    await screenshot(page, 'requests-16-no-printer');
    // The QR on the screen, photographed as a resident would: zbarimg reads it back.
    const dir = mkdtempSync(join(tmpdir(), 'houniao-requests-screen-'));
    const shot = join(dir, 'qr.png');
    await page.getByTestId('qr-picture').screenshot({ path: shot });
    const decoded = execFileSync('zbarimg', ['--quiet', '--raw', shot]).toString().trim();
    expect(decoded).toMatch(/^HNQ1:/);
    const [seen] = await suite.call<Array<{ number: string; categoryName: string }>>('requests.kiosk.status', { code: decoded });
    expect(seen).toMatchObject({ number, categoryName: '用餐' });
    expect(errors).toEqual([]);
  });
});
