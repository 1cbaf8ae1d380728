import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../db/api/sessions.js';
import { queryAudit } from '../../../db/audit.js';
import { effectiveDeadline, elapsedMs, HOUR_MS, timingOf } from '../../../db/requests/deadlines.js';
import { parseReceiptQr } from '../../../db/requests/receiptQr.js';
import { RATING_SCALE } from '../../../db/requests/scale.js';
import { buildMonthlyPack } from '../../../db/reports/monthly.js';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';

/**
 * 接诉即办 (issue 17) at the API over a real SQLite file, with a clock the test moves: deadlines with
 * pauses, transfers, escalation, the rating and its 回访, auto-close as 未评价, erasure with the
 * resident, audited views, and bad input that changes nothing.
 */
const CONSENT = { version: '2026-1', accepted: true };
const NOW = new Date('2026-12-01T02:00:00Z'); // 10:00 in Sanya

async function center() {
  const clock = { now: new Date(NOW) };
  const t = tempApi({ clock: () => clock.now, sessions: new SessionStore(10 * 365 * 86_400_000) });
  const token = await adminToken(t.api);
  const reg = await ok(t.api, 'residents.kiosk.register', {
    consent: CONSENT,
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
  const cats = await ok<Array<{ id: number; name: string; deadlineHours: number; icon: string; phrases: string[] }>>(t.api, 'requests.categories');
  const cat = (name: string) => cats.find((c) => c.name === name)!.id;
  const handler = await ok(t.api, 'requests.saveHandler', { kind: 'property', name: '海棠湾物业', phone: '089812345678' }, token);
  const tick = (hours: number) => (clock.now = new Date(clock.now.getTime() + hours * HOUR_MS));
  const submit = (over: Record<string, unknown> = {}) =>
    ok(t.api, 'requests.kiosk.submit', {
      categoryId: cat('临时保洁'),
      description: '楼道有垃圾，三天没有清运',
      callbackPhone: '13700001111',
      who: { card: reg.qrPayload },
      ...over,
    });
  const count = (sql: string) => t.db.prepare(sql).pluck().get() as number;
  return { ...t, clock, token, reg, cats, cat, handler, tick, submit, count };
}

describe('接诉即办: the closed loop', () => {
  it('the default categories are the seeds’, each 48 h with an icon and quick phrases', async () => {
    const { cats } = await center();
    expect(cats.map((c) => c.name)).toEqual(['短期停车', '临时保洁', '用餐', '看病就医', '房屋设施（水电燃气照明消防）', '交通出行', '邻里纠纷', '其他']);
    for (const c of cats) {
      expect(c.deadlineHours).toBe(48);
      expect(c.icon).toMatch(/^[a-z]+$/);
      expect(c.phrases.length).toBeGreaterThan(1);
    }
  });

  it('a kiosk request gets a day number, a 48 h deadline, a random receipt token and a submitted event', async () => {
    const { submit, db } = await center();
    const a = await submit();
    const b = await submit();
    expect(a.number).toBe('J-20261201-001');
    expect(b.number).toBe('J-20261201-002');
    expect(a.deadlineAt).toBe('2026-12-03T02:00:00.000Z');
    const token = parseReceiptQr(a.qrPayload)!;
    expect(token.length).toBeGreaterThanOrEqual(26);
    expect(a.qrPayload).not.toContain(a.number);
    expect(a.qrPayload).not.toBe(b.qrPayload);
    expect(a.printJobId).toBeNull(); // no ticket printer chosen: the screen is the receipt
    expect(db.prepare('SELECT kind, state FROM request_events WHERE request_id = ?').all(a.id)).toEqual([{ kind: 'submitted', state: 'new' }]);
  });

  it('a phone without its proof submits nothing; with the birth year it does', async () => {
    const { api, cat, count } = await center();
    const input = { categoryId: cat('用餐'), description: '想订老年餐' };
    expect((await fails(api, 'requests.kiosk.submit', { ...input, who: { phone: '13900001234' } })).code).toBe('RESIDENT_PROOF_NEEDED');
    expect((await fails(api, 'requests.kiosk.submit', { ...input, who: { phone: '13900001234', birthYear: 1950 } })).code).toBe('RESIDENT_PROOF_WRONG');
    expect(count('SELECT COUNT(*) FROM requests')).toBe(0);
    await ok(api, 'requests.kiosk.submit', { ...input, who: { phone: '13900001234', birthYear: 1956 } });
    expect(count('SELECT COUNT(*) FROM requests')).toBe(1);
  });

  it('a request taken at the desk is recorded with its source and audited; a resident who does not exist is refused', async () => {
    const { api, token, cat, db } = await center();
    const r = await ok(api, 'requests.create', { categoryId: cat('交通出行'), description: '电话反映：公交站牌被撞歪', callbackPhone: '13700002222' }, token);
    expect(r.number).toMatch(/^J-20261201-\d{3}$/);
    const c = await ok(api, 'requests.get', { id: r.id }, token);
    expect(c).toMatchObject({ source: 'desk', resident: null, callbackPhone: '13700002222', state: 'new' });
    expect(c.events[0]).toMatchObject({ kind: 'submitted', staffName: '管理员' });
    expect(queryAudit(db, { action: 'requests.create' }, { limit: 5 }).total).toBe(1);
    expect((await fails(api, 'requests.create', { residentId: 999, categoryId: cat('其他'), description: '有事' }, token)).code).toBe('NOT_FOUND');
  });

  it('bad input gets a Chinese message and changes nothing', async () => {
    const { api, submit, token, reg, count } = await center();
    const before = () => [count('SELECT COUNT(*) FROM requests'), count('SELECT COUNT(*) FROM request_events'), count('SELECT COUNT(*) FROM request_day_numbers')];
    const empty = await fails(api, 'requests.kiosk.submit', { categoryId: 2, description: '   ', who: { card: reg.qrPayload } });
    expect(empty.code).toBe('VALIDATION_FAILED');
    expect(empty.fields![0]!.zh).toContain('请写几句您要反映的事情');
    const unknown = await fails(api, 'requests.kiosk.submit', { categoryId: 999, description: '有事', who: { card: reg.qrPayload } });
    expect(unknown.code).toBe('REQUEST_CATEGORY_UNKNOWN');
    expect(unknown.message).toBe('没有这个诉求类别，请重新选择。');
    expect(before()).toEqual([0, 0, 0]);

    const r = await submit();
    const snapshot = before();
    expect((await fails(api, 'requests.assign', { id: r.id, handlerId: 1 }, token)).code).toBe('REQUEST_NEEDS_LEVEL');
    await ok(api, 'requests.triage', { id: r.id, level: 'red' }, token);
    const noHandler = await fails(api, 'requests.assign', { id: r.id, handlerId: 4242 }, token);
    expect(noHandler.code).toBe('REQUEST_HANDLER_UNKNOWN');
    expect(noHandler.message).toContain('没有这位承办人');
    const illegal = await fails(api, 'requests.resume', { id: r.id }, token);
    expect(illegal.code).toBe('REQUEST_STATE');
    expect(illegal.message).toBe('这件诉求现在是“待派单”，不能“恢复计时”。请刷新后再看。');
    expect((await fails(api, 'requests.kiosk.rate', { code: r.qrPayload, rating: 5 })).code).toBe('REQUEST_NOT_RATABLE');
    expect((await fails(api, 'requests.escalate', { id: r.id, reason: '居民着急' }, token)).code).toBe('REQUEST_TOP_LEVEL');
    expect(count('SELECT COUNT(*) FROM request_events')).toBe(snapshot[1]! + 1); // only the triage
    const row = api.db.prepare('SELECT state, level, handler_id FROM requests WHERE id = ?').get(r.id);
    expect(row).toEqual({ state: 'triaged', level: 'red', handler_id: null });
  });

  it('pauses stop the clock; transfer makes the deadline follow the new category; escalation needs a reason and goes up one level', async () => {
    const { api, submit, token, tick, cat, handler, db } = await center();
    const r = await submit();
    await ok(api, 'requests.triage', { id: r.id, level: 'green' }, token);
    await ok(api, 'requests.assign', { id: r.id, handlerId: handler.id }, token);
    tick(10);
    const paused = await ok(api, 'requests.pause', { id: r.id, why: 'resident', reason: '等居民拍照' }, token);
    expect(paused.state).toBe('paused_resident');
    expect(paused.timing).toBe('paused');
    tick(30); // thirty hours waiting on the resident do not count
    const during = await ok(api, 'requests.get', { id: r.id }, token);
    expect(during.deadlineAt).toBe(new Date(NOW.getTime() + (48 + 30) * HOUR_MS).toISOString());
    expect(during.elapsedHours).toBe(10);
    const resumed = await ok(api, 'requests.resume', { id: r.id }, token);
    expect(resumed.state).toBe('assigned');
    expect(resumed.deadlineAt).toBe(new Date(NOW.getTime() + 78 * HOUR_MS).toISOString());
    expect(resumed.timing).toBe('onTime');

    // 临时保洁 48 h → a 24 h category: due 24 h + 30 h paused after submission.
    const fast = await ok(api, 'requests.saveCategory', { name: '紧急维修', icon: 'house', phrases: ['漏水'], deadlineHours: 24 }, token);
    const moved = await ok(api, 'requests.transfer', { id: r.id, categoryId: fast.id, reason: '属于维修' }, token);
    expect(moved.category.name).toBe('紧急维修');
    expect(moved.deadlineAt).toBe(new Date(NOW.getTime() + 54 * HOUR_MS).toISOString());
    expect(moved.timing).toBe('onTime'); // 14 h left at 40 h
    tick(3);
    expect((await ok(api, 'requests.get', { id: r.id }, token)).timing).toBe('dueSoon');
    tick(12);
    expect((await ok(api, 'requests.get', { id: r.id }, token)).timing).toBe('overdue');
    expect((await fails(api, 'requests.transfer', { id: r.id, categoryId: fast.id }, token)).code).toBe('REQUEST_SAME_CATEGORY');
    expect((await fails(api, 'requests.transfer', { id: r.id, categoryId: cat('用餐') + 1000 }, token)).code).toBe('REQUEST_CATEGORY_UNKNOWN');

    expect((await fails(api, 'requests.escalate', { id: r.id, reason: '' }, token)).code).toBe('VALIDATION_FAILED');
    const up = await ok(api, 'requests.escalate', { id: r.id, reason: '物业两天没来' }, token);
    expect(up.level).toBe('yellow');
    const kinds = up.events.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['submitted', 'triaged', 'assigned', 'paused', 'resumed', 'transferred', 'escalated']);
    const esc = up.events.at(-1);
    expect(esc.detail).toEqual({ from: 'green', level: 'yellow', reason: '物业两天没来' });
    expect(esc.staffName).toBe('管理员');
    // Every event row carries the state, category and level after it.
    expect(db.prepare('SELECT state, level FROM request_events WHERE request_id = ? ORDER BY id DESC LIMIT 1').get(r.id)).toEqual({ state: 'assigned', level: 'yellow' });
  });

  it('result → the resident sees the answer (no names, no notes); 不满意 needs a reason and opens a 回访 with its own deadline; a second rating is refused', async () => {
    const { api, submit, token, tick, handler } = await center();
    const r = await submit();
    await ok(api, 'requests.triage', { id: r.id, level: 'red' }, token);
    await ok(api, 'requests.assign', { id: r.id, handlerId: handler.id }, token);
    await ok(api, 'requests.note', { id: r.id, note: '内部：物业经理王五电话 13800009999' }, token);
    tick(20);
    const done = await ok(api, 'requests.result', { id: r.id, answer: '物业已清运楼道垃圾，并安排每日保洁。' }, token);
    expect(done.state).toBe('resolved');
    expect(done.events.at(-1).detail.onTime).toBe(true);

    const [seen] = await ok(api, 'requests.kiosk.status', { code: r.qrPayload });
    expect(seen).toMatchObject({ number: r.number, stage: 'resolved', answer: '物业已清运楼道垃圾，并安排每日保洁。', canRate: true });
    const text = JSON.stringify(seen);
    for (const secret of ['王五', '13800009999', '管理员', '海棠湾物业', '楼道有垃圾，三天', '13700001111']) expect(text).not.toContain(secret);

    expect(RATING_SCALE.map((s) => s.zh)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    const noReason = await fails(api, 'requests.kiosk.rate', { code: r.qrPayload, rating: 2 });
    expect(noReason.code).toBe('VALIDATION_FAILED');
    expect(noReason.fields![0]!.zh).toContain('我们会回访');
    tick(2);
    const rated = await ok(api, 'requests.kiosk.rate', { code: r.qrPayload, rating: 2, reason: '第二天又堆满了' });
    expect(rated).toMatchObject({ stage: 'revisit', rating: 2, canRate: false });
    const again = await fails(api, 'requests.kiosk.rate', { code: r.qrPayload, rating: 5 });
    expect(again.code).toBe('REQUEST_ALREADY_RATED');
    expect(again.message).toContain('已经评价过了');

    const c = await ok(api, 'requests.get', { id: r.id }, token);
    expect(c.state).toBe('revisit');
    expect(c.deadlineAt).toBe(new Date(NOW.getTime() + (22 + 48) * HOUR_MS).toISOString()); // requests.revisitHours = 48 from the rating
    expect(c.events.slice(-2).map((e: { kind: string }) => e.kind)).toEqual(['rated', 'reopened']);
    const box = await ok(api, 'requests.inbox', {}, token);
    expect(box.counts.revisit).toBe(1);
    expect(box.rows[0]).toMatchObject({ id: r.id, revisit: true });

    const closed = await ok(api, 'requests.result', { id: r.id, answer: '回访：已与物业约定每日两次清运。' }, token);
    expect(closed).toMatchObject({ state: 'closed', closeReason: 'revisited' });
  });

  it('a good rating closes the case; a result nobody rates closes as 未评价 after requests.autoCloseDays; a card shows the holder’s requests', async () => {
    const { api, submit, token, tick, reg } = await center();
    const a = await submit();
    const b = await submit({ description: '公共区域需要打扫' });
    for (const r of [a, b]) {
      await ok(api, 'requests.triage', { id: r.id, level: 'green' }, token);
      await ok(api, 'requests.result', { id: r.id, answer: '当场已安排保洁员打扫。' }, token);
    }
    const mine = await ok(api, 'requests.kiosk.status', { code: reg.qrPayload });
    expect(mine.map((x: { number: string }) => x.number)).toEqual([b.number, a.number]);
    const good = await ok(api, 'requests.kiosk.rate', { code: reg.qrPayload, number: a.number, rating: 4 });
    expect(good.stage).toBe('closed');
    expect((await fails(api, 'requests.kiosk.rate', { code: reg.qrPayload, number: 'J-20990101-001', rating: 4 })).code).toBe('REQUEST_NOT_YOURS');

    tick(24 * 7 - 1);
    expect((await ok(api, 'requests.get', { id: b.id }, token)).state).toBe('resolved');
    tick(2);
    await ok(api, 'requests.inbox', {}, token);
    const c = await ok(api, 'requests.get', { id: b.id }, token);
    expect(c).toMatchObject({ state: 'closed', closeReason: 'unrated', rating: null });
    expect(c.events.at(-1)).toMatchObject({ kind: 'autoClosed', staffName: null });
  });

  it('the inbox: new first, filters, colours from the deadline', async () => {
    const { api, submit, token, tick, cat } = await center();
    const old = await submit();
    await ok(api, 'requests.triage', { id: old.id, level: 'yellow' }, token);
    tick(40);
    const fresh = await submit({ categoryId: cat('用餐'), description: '想订老年餐' });
    let box = await ok(api, 'requests.inbox', {}, token);
    expect(box.rows.map((r: { id: number }) => r.id)).toEqual([fresh.id, old.id]);
    expect(box.rows.map((r: { timing: string }) => r.timing)).toEqual(['onTime', 'dueSoon']);
    tick(9);
    box = await ok(api, 'requests.inbox', {}, token);
    expect(box.rows[1]).toMatchObject({ id: old.id, timing: 'overdue' });
    expect(box.counts).toMatchObject({ open: 2, new: 1, overdue: 1 });
    expect((await ok(api, 'requests.inbox', { level: 'yellow' }, token)).rows.map((r: { id: number }) => r.id)).toEqual([old.id]);
    expect((await ok(api, 'requests.inbox', { categoryId: cat('用餐') }, token)).rows.map((r: { id: number }) => r.id)).toEqual([fresh.id]);
    expect((await ok(api, 'requests.inbox', { timing: 'overdue' }, token)).rows.map((r: { id: number }) => r.id)).toEqual([old.id]);
    expect((await ok(api, 'requests.inbox', { state: 'new' }, token)).total).toBe(1);
    // The inbox carries no text.
    expect(JSON.stringify(box)).not.toContain('楼道有垃圾');
  });

  it('every staff view of a request’s text is audited (one entry per person and case per ten minutes)', async () => {
    const { api, submit, token, tick, db } = await center();
    const r = await submit();
    await ok(api, 'requests.inbox', {}, token);
    expect(queryAudit(db, { action: 'requests.view' }, { limit: 10 }).total).toBe(0);
    await ok(api, 'requests.get', { id: r.id }, token);
    await ok(api, 'requests.get', { id: r.id }, token);
    const views = queryAudit(db, { action: 'requests.view' }, { limit: 10 });
    expect(views.total).toBe(1);
    // The subject is the resident: the view shows in their "who viewed this" panel.
    expect(views.rows[0]).toMatchObject({ subject: 'resident:1', staffName: '管理员', actionZh: '查看诉求内容', detail: { requestId: r.id, number: r.number } });
    const panel = await ok(api, 'audit.forResident', { residentId: 1 }, token);
    expect(panel.map((x: { action: string }) => x.action)).toContain('requests.view');
    tick(0.5);
    await ok(api, 'requests.triage', { id: r.id, level: 'green' }, token);
    expect(queryAudit(db, { action: 'requests.view' }, { limit: 10 }).total).toBe(2);
  });

  it('erasing the resident erases their request texts, call-back phone and timeline notes; numbers and figures stay', async () => {
    const { api, submit, token, reg, db } = await center();
    const r = await submit();
    await ok(api, 'requests.triage', { id: r.id, level: 'yellow' }, token);
    await ok(api, 'requests.note', { id: r.id, note: '居民说住 3 栋 501' }, token);
    const handler = await ok(api, 'requests.saveHandler', { kind: 'grid', name: '第三网格' }, token);
    await ok(api, 'requests.assign', { id: r.id, handlerId: handler.id }, token);
    const { printJobId } = await ok(api, 'requests.printDispatch', { id: r.id }, token);
    expect(db.prepare('SELECT payload FROM print_jobs WHERE id = ?').pluck().get(printJobId)).toContain('楼道有垃圾');
    await ok(api, 'requests.result', { id: r.id, answer: '已处理，3 栋门口已清理' }, token);
    await ok(api, 'requests.kiosk.rate', { code: r.qrPayload, rating: 1, reason: '张建国说没人来' });
    const residentId = (await ok<Array<{ id: number }>>(api, 'residents.search', { q: '张建国' }, token))[0]!.id;
    await ok(api, 'residents.anonymise', { id: residentId, reason: '本人要求删除' }, token);
    const row = db
      .prepare('SELECT description, callback_phone, answer, rating_reason, resident_id, erased_at, number, rating, level FROM requests WHERE id = ?')
      .get(r.id) as Record<string, unknown>;
    expect(row).toMatchObject({ description: null, callback_phone: null, answer: null, rating_reason: null, resident_id: null, number: r.number, rating: 1, level: 'yellow' });
    expect(row.erased_at).not.toBeNull();
    const events = JSON.stringify(db.prepare('SELECT detail FROM request_events WHERE request_id = ?').all(r.id));
    for (const secret of ['楼道有垃圾', '13700001111', '3 栋 501', '3 栋门口', '张建国说']) expect(events).not.toContain(secret);
    // The 派单单 in 打印记录 carried the text: scrubbed with the rest.
    expect(db.prepare('SELECT payload FROM print_jobs WHERE id = ?').pluck().get(printJobId)).not.toContain('楼道有垃圾');
    const c = await ok(api, 'requests.get', { id: r.id }, token);
    expect(c).toMatchObject({ erased: true, description: null, resident: null });
    expect((await fails(api, 'requests.note', { id: r.id, note: '再记一笔' }, token)).code).toBe('REQUEST_ERASED');
    // The card stops resolving, and with it the card's way to the requests.
    expect((await fails(api, 'requests.kiosk.status', { code: reg.qrPayload })).code).toBe('RESIDENT_NOT_FOUND');
  });

  it('roles: kiosk ops are public, case ops need staff; a paired hall display gets the board and nothing else', async () => {
    const { api, submit, token } = await center();
    const r = await submit();
    expect((await fails(api, 'requests.get', { id: r.id })).code).toBe('UNAUTHENTICATED');
    expect((await fails(api, 'requests.inbox', {})).code).toBe('UNAUTHENTICATED');
    const { code } = await ok(api, 'terminals.createCode', { role: 'display', name: '大厅电视' }, token);
    const pair = await api.call('terminals.pair', { code }, { remote: { terminalToken: null } });
    const display = { remote: { terminalToken: (pair as { ok: true; data: { token: string } }).data.token } };
    // Even with a staff session on it, a hall TV may not open a case or look a receipt up.
    for (const [op, input] of [
      ['requests.get', { id: r.id }],
      ['requests.inbox', {}],
      ['requests.kiosk.status', { code: r.qrPayload }],
      ['requests.kiosk.submit', { categoryId: 2, description: 'x', who: { card: 'x' } }],
    ] as const) {
      const res = await api.call(op, input, { ...display, token });
      expect(res.ok ? 'ok' : res.error.code, op).toBe('TERMINAL_ROLE_FORBIDDEN');
    }
    const off = await api.call('requests.board', {}, display);
    expect(off).toEqual({ ok: true, data: { enabled: false, rows: [] } });
    await ok(api, 'settings.update', { values: { 'display.requestsBoard': true } }, token);
    const on = await api.call('requests.board', {}, display);
    expect(on.ok && on.data).toEqual({ enabled: true, rows: [{ number: r.number, categoryName: '临时保洁', categoryNameEn: 'Cleaning', stage: 'received' }] });
  });
});

describe('接诉即办 in the reports', () => {
  it('the dashboard section and the monthly 接诉即办 sheet count from the events and agree with the database', async () => {
    const { api, submit, token, tick, cat, handler, db } = await center();
    const a = await submit();
    const b = await submit({ categoryId: cat('用餐'), description: '想订老年餐' });
    const c = await submit({ categoryId: cat('邻里纠纷'), description: '楼上噪音' });
    await ok(api, 'requests.triage', { id: a.id, level: 'red' }, token);
    await ok(api, 'requests.assign', { id: a.id, handlerId: handler.id }, token);
    await ok(api, 'requests.triage', { id: b.id, level: 'green' }, token);
    await ok(api, 'requests.result', { id: b.id, answer: '已帮您订好老年餐。' }, token);
    await ok(api, 'requests.kiosk.rate', { code: b.qrPayload, rating: 5 });
    await ok(api, 'requests.triage', { id: c.id, level: 'green' }, token);
    await ok(api, 'requests.escalate', { id: c.id, reason: '需要社区调解' }, token);
    tick(50);
    await ok(api, 'requests.result', { id: a.id, answer: '物业已清运。' }, token); // late: 50 h > 48 h
    await ok(api, 'requests.kiosk.rate', { code: a.qrPayload, rating: 2, reason: '来得太晚' });

    const dash = await ok(api, 'reports.dashboard', { period: { kind: 'month' } }, token);
    const section = dash.sections.find((s: { id: string }) => s.id === 'requests');
    expect(section.title.zh).toBe('接诉即办');
    const byCat = section.series.find((s: { id: string }) => s.id === 'requests.byCategory');
    const rowOf = (name: string) => byCat.table.rows.find((r: { category: string }) => r.category === name);
    expect(rowOf('临时保洁')).toMatchObject({ submitted: 1, red: 1 });
    expect(rowOf('邻里纠纷')).toMatchObject({ submitted: 1, green: 0, yellow: 1 }); // escalated: counted where it ended
    const timeliness = section.series.find((s: { id: string }) => s.id === 'requests.timeliness');
    const dbOnTime = db.prepare("SELECT SUM(json_extract(detail, '$.onTime')) * 1.0 / COUNT(*) FROM request_events WHERE kind = 'resulted'").pluck().get();
    expect(timeliness.figures.find((f: { key: string }) => f.key === 'onTimeRate').value).toBe(dbOnTime);
    expect(dbOnTime).toBe(0.5);
    const sat = section.series.find((s: { id: string }) => s.id === 'requests.satisfaction');
    expect(sat.figures.find((f: { key: string }) => f.key === 'satisfactionRate').value).toBe(0.5);
    expect(sat.table.rows.map((r: { count: number }) => r.count)).toEqual([1, 0, 0, 1, 0]);

    const pack = buildMonthlyPack(db, '2026-12', new Date(NOW.getTime() + 60 * HOUR_MS));
    const sheet = pack.sheets.find((s) => s.name === '接诉即办')!;
    expect(sheet).toBeDefined();
    const overview = Object.fromEntries(sheet.blocks[0]!.table.rows.map((r) => [r.item, r.value]));
    expect(overview).toMatchObject({ '受理（件）': String(db.prepare('SELECT COUNT(*) FROM requests').pluck().get()), 按时办结率: '50.0%', 满意率: '50.0%' });
    expect(pack.summary.find((s) => s.figure.key === 'requests')!.figure.value).toBe(3);
    expect(JSON.stringify(pack)).not.toContain('老年餐');
  });
});

describe('the clock (pure)', () => {
  it('a running pause pushes the deadline; elapsed time stops', () => {
    const c = { clockStart: '2026-12-01T00:00:00.000Z', dueHours: 48, pausedMs: 2 * HOUR_MS, pausedAt: '2026-12-01T10:00:00.000Z' };
    const now = new Date('2026-12-02T10:00:00.000Z');
    expect(effectiveDeadline(c, now).toISOString()).toBe('2026-12-04T02:00:00.000Z');
    expect(elapsedMs(c, now)).toBe(8 * HOUR_MS);
    expect(timingOf({ ...c, open: true }, now)).toBe('paused');
    expect(timingOf({ ...c, pausedAt: null, open: true }, new Date('2026-12-02T15:00:00.000Z'))).toBe('dueSoon');
    expect(timingOf({ ...c, pausedAt: null, open: true }, new Date('2026-12-03T02:00:00.001Z'))).toBe('overdue');
    expect(timingOf({ ...c, pausedAt: null, open: false }, new Date('2026-12-09T00:00:00.000Z'))).toBe('done');
  });
});
