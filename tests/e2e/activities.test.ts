import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LANDSCAPE, PORTRAIT, e2eSuite, removeDir, scanCode, screenshot, staffSignIn, watchErrors, recordSpeech } from './harness.js';
import { inspectPdf } from '../unit/printing/helpers.js';

const suite = e2eSuite();
const TZ = 'Asia/Shanghai';

/** The center's wall clock now, and a start time 10 minutes ago on a 5-minute mark (the activity is under way, so the door is open). */
function activityTimes(): { day: string; from: string; to: string; closes: string; year: number } {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const parts = (d: Date) => Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
  let start = new Date(Math.floor((Date.now() - 10 * 60_000) / 300_000) * 300_000);
  const today = parts(new Date());
  // Just after midnight the start would fall on yesterday: start at today's 00:00 instead.
  if (parts(start).day !== today.day) start = new Date(Date.now() - (Number(today.hour) * 60 + Number(today.minute)) * 60_000 - (Date.now() % 60_000));
  const s = parts(start);
  const endMs = start.getTime() + 120 * 60_000;
  const e = parts(new Date(endMs));
  const day = `${s.year}-${s.month}-${s.day}`;
  // Past midnight the activity ends at 24:00 of its day (the test then has under two hours, plenty).
  const to = `${e.year}-${e.month}-${e.day}` === day ? `${e.hour}:${e.minute}` : '24:00';
  return { day, from: `${s.hour}:${s.minute}`, to, closes: `${day}T${to === '24:00' ? '23:59' : to}`, year: Number(s.year) };
}

describe('活动报名 in Chromium: room → 65+ health check → kiosk sign-ups, waitlist, cancel, attendance, dashboard', () => {
  it('runs the whole season of one activity the way people use it', { timeout: 240_000 }, async () => {
    const admin = await suite.call<{ token: string }>('staff.setup', { name: '王站长', pin: '135790' });
    const slips = mkdtempSync(join(tmpdir(), 'houniao-slips-'));
    const targets = (await suite.call<Record<string, unknown>>('settings.all', {}, admin.token))['printing.targets'] as Record<string, unknown>;
    await suite.call('settings.update', { values: { 'printing.targets': { ...targets, ticket: { kind: 'pdf', folder: slips } }, 'activities.displayBoard': true } }, admin.token);
    const when = activityTimes();
    const register = (name: string, phone: string, birthYear: number) =>
      suite.call<{ qrPayload: string }>('residents.kiosk.register', {
        consent: { version: '2026-1', accepted: true },
        resident: { name, phone, birthYear, originProvince: '吉林省', originCity: '长春市', lodgingKind: 'other' },
      });
    const young = await register('孙立新', '13900008064', when.year - 64);
    const old = await register('张建国', '13900008066', when.year - 66);
    const others: Array<{ qrPayload: string }> = [];
    const surnames = '赵钱周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕';
    for (let i = 0; i < 20; i++) others.push(await register(`${surnames[i]}秀英`, `139000081${String(i).padStart(2, '0')}`, when.year - 70 - (i % 10)));

    // The manager creates the room and the activity in the staff console.
    const staff = await suite.browser.newPage({ viewport: LANDSCAPE });
    const staffErrors = watchErrors(staff);
    await staffSignIn(staff, suite.serve.url);
    await staff.getByTestId('nav-staff-rooms').click();
    await staff.getByTestId('rooms-setup').waitFor();
    await staff.getByTestId('room-new').click();
    await staff.getByTestId('room-name').fill('健康小屋');
    await staff.getByTestId('room-capacity').fill('30');
    await staff.getByTestId('room-type-health_check').check();
    await staff.getByTestId('room-type-health_talk').check();
    for (const d of ['0', '1', '2', '3', '4', '5', '6']) await staff.getByTestId(`room-hours-${d}`).fill('00:00-24:00');
    await staff.getByTestId('room-save').click();
    await staff.getByTestId('room-row').filter({ hasText: '健康小屋' }).waitFor();
    await screenshot(staff, 'activities-staff-rooms');

    await staff.getByTestId('nav-staff-activities').click();
    await staff.getByTestId('activity-new').click();
    await staff.getByTestId('af-title').fill('65 岁以上免费健康体检');
    await staff.getByTestId('af-type').selectOption('health_check');
    await staff.getByTestId('af-day').fill(when.day);
    await staff.getByTestId('af-from').fill(when.from);
    await staff.getByTestId('af-to').fill(when.to === '24:00' ? '23:59' : when.to);
    await staff.getByTestId('af-capacity').fill('20');
    await staff.getByTestId('af-closes').fill(when.closes);
    await staff.getByTestId('af-notes').fill('请空腹，带上服务卡');
    await staff.getByTestId('af-min-age').fill('65');
    await staff.getByTestId('af-season').check();
    await screenshot(staff, 'activities-staff-new');
    await staff.getByTestId('af-save').click();
    await staff.getByTestId('activity-detail').waitFor();
    expect(await staff.getByTestId('activity-row').first().textContent()).toContain('0 / 20');

    // At the kiosk: the list in large type, the 64-year-old refused by name of the rule, the 66-year-old signed up by card.
    const kiosk = await suite.browser.newPage({ viewport: PORTRAIT });
    const kioskErrors = watchErrors(kiosk);
    await kiosk.goto(`${suite.serve.url}/kiosk`);
    await kiosk.getByTestId('tile-activities').click();
    await kiosk.getByTestId('activity-card').first().waitFor();
    expect(await kiosk.getByTestId('places-left').first().textContent()).toBe('还剩 20 个名额');
    const fontSize = await kiosk
      .getByTestId('places-left')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(36);
    await screenshot(kiosk, 'activities-kiosk-list');
    await kiosk.getByTestId('activity-signup').first().click();
    await kiosk.getByTestId('signup-scan').waitFor();
    await scanCode(kiosk, young.qrPayload);
    const refusal = kiosk.getByTestId('signup-scan').getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('只限 65 岁及以上的居民参加。按出生年份，您今年 64 岁，暂时不能报名。');
    await screenshot(kiosk, 'activities-kiosk-refused-64');
    await scanCode(kiosk, old.qrPayload);
    await kiosk.getByTestId('signup-result').waitFor();
    expect(await kiosk.getByTestId('signup-result').getAttribute('data-status')).toBe('confirmed');
    expect(await kiosk.getByTestId('slip').textContent()).toContain('张*国');
    expect(await kiosk.getByTestId('slip-notes').textContent()).toContain('请空腹');
    await kiosk.getByTestId('print-status').and(kiosk.locator('[data-status="done"]')).waitFor({ timeout: 30_000 });
    await screenshot(kiosk, 'activities-kiosk-signed-up');
    const jobs = await suite.call<Array<{ id: number; layoutId: string; status: string }>>('printing.jobs', {}, admin.token);
    const slipJob = jobs.find((j) => j.layoutId === 'activitySlip');
    expect(slipJob?.status).toBe('done');
    const pdf = await suite.call<{ base64: string }>('printing.pdf', { jobId: slipJob!.id }, admin.token);
    const { text } = inspectPdf(Buffer.from(pdf.base64, 'base64'), slips, 'slip');
    // The slip wraps long lines on 58 mm paper: compare without the line breaks.
    const flat = text.replace(/\s+/g, '');
    for (const part of ['活动报名凭条', '65岁以上免费健康体检', '报名成功', '张*国', '健康小屋', '请空腹，带上服务卡', when.from]) expect(flat).toContain(part);
    expect(text).not.toContain('张建国');
    await kiosk.getByTestId('signup-finish').click();

    // 19 more fill the 20 places; the 21st is waitlisted and told their place.
    const activity = (await suite.call<Array<{ id: number }>>('activities.upcoming'))[0]!;
    for (const o of others.slice(0, 18)) {
      const r = await suite.call<{ outcome: { status: string } }>('activities.kiosk.signUp', { activityId: activity.id, card: o.qrPayload });
      expect(r.outcome.status).toBe('confirmed');
    }
    // The 20th came without the card: the mobile number and the birth year on the digit pad.
    await kiosk.getByTestId('tile-activities').click();
    await kiosk.getByTestId('activity-signup').first().click();
    // The same way in as 报到 (KioskIdentify): the number, 是我 on the masked name, then the birth year.
    const typeDigits = async (digits: string) => {
      for (const d of digits) await kiosk.locator(`[data-testid="digit-pad"] [data-key="${d}"]`).click();
    };
    await typeDigits('13900008118');
    await kiosk.getByTestId('phone-next').click();
    await kiosk.getByTestId('confirm-name').waitFor();
    expect(await kiosk.getByTestId('masked-name').textContent()).toBe('何*英');
    await kiosk.getByTestId('yes-me').click();
    await typeDigits(String(when.year - 78));
    await screenshot(kiosk, 'activities-kiosk-phone-proof');
    await kiosk.getByTestId('proof-next').click();
    await kiosk.getByTestId('signup-result').waitFor();
    expect(await kiosk.getByTestId('signup-result').getAttribute('data-status')).toBe('confirmed');
    await kiosk.getByTestId('signup-finish').click();
    await kiosk.getByTestId('tile-activities').click();
    await expect.poll(() => kiosk.getByTestId('places-left').first().textContent()).toBe('名额已满，可以候补（已有 0 人候补）');
    await kiosk.getByTestId('activity-signup').first().click();
    // The scan goes to the identify panel of the sign-up step: wait for it to be there.
    await kiosk.getByTestId('signup-scan').waitFor();
    await scanCode(kiosk, others[19]!.qrPayload);
    await kiosk.getByTestId('signup-result').waitFor();
    expect(await kiosk.getByTestId('signup-result').getAttribute('data-status')).toBe('waitlisted');
    expect(await kiosk.getByTestId('wait-place').textContent()).toBe('您是候补第 1 位');
    await screenshot(kiosk, 'activities-kiosk-waitlisted');
    await kiosk.getByTestId('signup-finish').click();

    // The 66-year-old cannot come after all: scan again, see the sign-up, cancel it.
    await kiosk.getByTestId('tile-activities').click();
    await kiosk.getByTestId('activity-card').first().waitFor();
    await scanCode(kiosk, old.qrPayload);
    await kiosk.getByTestId('my-signup').waitFor();
    await screenshot(kiosk, 'activities-kiosk-mine');
    await kiosk.getByTestId('cancel-signup').click();
    await kiosk.getByTestId('cancel-yes').click();
    await kiosk.getByTestId('cancelled-note').waitFor();
    expect(await kiosk.getByTestId('my-signup').count()).toBe(0);
    await kiosk.getByTestId('mine-back').click();

    // Staff see whom to tell: the waitlisted person moved up, with a masked phone.
    await staff.getByTestId('to-tell-row').filter({ hasText: '吕秀英' }).waitFor();
    expect(await staff.getByTestId('to-tell-row').first().textContent()).toContain('139****8119');
    await screenshot(staff, 'activities-staff-to-tell');

    // Attendance at the door: the 签到 page takes the scanner's keystrokes.
    await staff.getByTestId('nav-staff-activity-checkin').click();
    await staff.getByTestId('checkin-counts').waitFor();
    let answers = 0;
    /** One scan at the door, and its answer (each answer numbers itself). */
    const scanAtDoor = async (code: string, kind: string) => {
      await scanCode(staff, code);
      answers++;
      await staff.locator(`[data-testid="checkin-last"][data-seq="${answers}"]`).waitFor();
      expect(await staff.getByTestId('checkin-last').getAttribute('data-kind')).toBe(kind);
    };
    await scanAtDoor(others[19]!.qrPayload, 'ok');
    expect(await staff.getByTestId('checkin-last').textContent()).toContain('吕*英');
    await scanAtDoor(others[19]!.qrPayload, 'already');
    expect(await staff.getByTestId('checkin-last').textContent()).toContain('已经在');
    for (const o of others.slice(0, 5)) await scanAtDoor(o.qrPayload, 'ok');
    // Someone not signed up while the 20 places are taken: refused at the door, the reason named.
    await scanAtDoor(young.qrPayload, 'refused');
    expect(await staff.getByTestId('checkin-last').textContent()).toContain('名额已满');
    await expect.poll(() => staff.getByTestId('checkin-counts').textContent()).toContain('已签到 6');
    await screenshot(staff, 'activities-staff-checkin');

    // The dashboard's activities section says what the database says.
    await staff.getByTestId('nav-staff-reports').click();
    await staff.getByTestId('reports-page').waitFor();
    await staff.getByTestId('reports-period').selectOption('today');
    await staff.getByTestId('reports-tab-activities').click();
    await staff.getByTestId('reports-view-table').click();
    const section = staff.getByTestId('reports-section-activities');
    await section.getByTestId('report-table').first().waitFor();
    const db = new Database(join(suite.serve.dataDir, 'houniao.db'), { readonly: true });
    const truth = db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM activity_signups WHERE activity_id = a.id AND status = 'confirmed') AS confirmed,
                (SELECT COUNT(*) FROM activity_signups WHERE activity_id = a.id AND status <> 'cancelled') AS signups,
                (SELECT COUNT(*) FROM activity_attendance WHERE activity_id = a.id AND role = 'participant') AS attended
         FROM activities a WHERE a.id = ?`,
      )
      .get(activity.id) as { confirmed: number; signups: number; attended: number };
    db.close();
    expect(truth).toEqual({ confirmed: 20, signups: 20, attended: 6 });
    const row = section.getByTestId('report-table').first().locator('tbody tr').filter({ hasText: '健康体检' });
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells.slice(0, 6)).toEqual(['健康体检', '1', String(truth.signups), String(truth.confirmed), String(truth.attended), '0']);
    expect(cells[6]).toBe('30.0%');
    await screenshot(staff, 'activities-dashboard');

    // 场地预约: a club asks for the room while the health check is on — refused, the clash named; an early hour is free.
    await staff.getByTestId('nav-staff-rooms').click();
    await staff.getByTestId('book-form').waitFor();
    await staff.getByTestId('book-room').selectOption({ label: '健康小屋' });
    await staff.getByTestId('book-from').fill(when.from);
    await staff.getByTestId('book-to').fill(when.to === '24:00' ? '23:59' : when.to);
    await staff.getByTestId('book-people').fill('12');
    await staff.getByTestId('book-type').selectOption('health_talk');
    await staff.getByTestId('book-group').fill('养生社');
    await staff.getByTestId('book-submit').click();
    const clash = staff.getByTestId('rooms-page').getByRole('alert');
    await clash.waitFor();
    expect(await clash.textContent()).toContain('已有安排：活动“65 岁以上免费健康体检”');
    await screenshot(staff, 'activities-staff-booking-clash');
    await staff.getByTestId('book-from').fill('00:30');
    await staff.getByTestId('book-to').fill('01:30');
    await staff.getByTestId('book-submit').click();
    await staff.getByTestId('rooms-notice').filter({ hasText: '已预约：健康小屋 00:30–01:30' }).waitFor();
    await staff.getByTestId('slot-row').filter({ hasText: '养生社' }).waitFor();

    // The hall display shows today's rooms (the setting is on): 健康小屋 in use.
    const display = await suite.browser.newPage({ viewport: LANDSCAPE });
    const displayErrors = watchErrors(display);
    await display.goto(`${suite.serve.url}/display`);
    await display.locator('[data-testid="room-board-row"][data-room="健康小屋"]').filter({ hasText: '使用中' }).waitFor();
    await screenshot(display, 'activities-display-board');

    // On the day: an activity starting within 15 minutes is shown and announced (voice on; a stand-in voice records it).
    const soonStart = new Date(Math.ceil((Date.now() + 10 * 60_000) / 300_000) * 300_000);
    const local = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
    const soonDay = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(soonStart);
    await suite.call(
      'activities.save',
      {
        title: '健康讲座：冬季养生',
        type: 'health_talk',
        place: '社区广场',
        day: soonDay,
        from: local(soonStart),
        to: local(new Date(soonStart.getTime() + 30 * 60_000)) > local(soonStart) ? local(new Date(soonStart.getTime() + 30 * 60_000)) : '24:00',
        capacity: 50,
        rules: [],
      },
      admin.token,
    );
    const hall = await suite.browser.newPage({ viewport: LANDSCAPE });
    const hallErrors = watchErrors(hall);
    await recordSpeech(hall);
    await hall.goto(`${suite.serve.url}/display`);
    await hall.getByTestId('display-unlock').click();
    await hall.getByTestId('display-soon').filter({ hasText: '健康讲座：冬季养生' }).waitFor();
    await hall.waitForFunction(() => (window as unknown as { spoken: string[] }).spoken.some((s) => s.includes('冬季养生')));
    const spoken = await hall.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
    expect(spoken.filter((s) => s.includes('冬季养生'))[0]).toBe(`各位居民请注意，健康讲座：冬季养生将于${local(soonStart)}在社区广场开始，请报名的居民前往。`);
    await screenshot(hall, 'activities-display-soon');
    expect(hallErrors).toEqual([]);

    // Landscape kiosk: the list and 返回首页 fit.
    const wide = await suite.browser.newPage({ viewport: LANDSCAPE });
    await wide.goto(`${suite.serve.url}/kiosk/activities`);
    await wide.getByTestId('activity-card').first().waitFor();
    await screenshot(wide, 'activities-kiosk-list-landscape');
    const card = (await wide.getByTestId('activity-card').first().boundingBox())!;
    expect(card.y + card.height).toBeLessThanOrEqual(LANDSCAPE.height);

    // Refusals answer 409 (the browser logs the status line); nothing else may be logged.
    for (const errors of [staffErrors, kioskErrors, displayErrors]) expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    removeDir(slips);
  });
});
