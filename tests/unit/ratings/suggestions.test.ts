import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';

/** 金点子 (issue 17.6) through the real API on a real SQLite file. */
async function setUp() {
  const t = tempApi({ clock: () => new Date('2026-01-10T02:00:00.000Z') });
  const admin = await adminToken(t.api);
  const li = await ok(t.api, 'staff.create', { name: '李娟', pin: '246810', role: 'staff' }, admin);
  const staff = (await ok(t.api, 'staff.login', { staffId: li.id, pin: '246810' })).token as string;
  return { ...t, admin, staff };
}

const register = (api: Parameters<typeof ok>[0], name: string, phone: string) =>
  ok(api, 'residents.kiosk.register', {
    consent: { version: '2026-1', accepted: true },
    resident: { name, phone, birthYear: 1950, originProvince: '吉林省', originCity: '长春市', lodgingKind: 'other' },
  });

describe('金点子', () => {
  it('takes an anonymous idea at the kiosk; empty or too long text is refused and changes nothing', async () => {
    const s = await setUp();
    for (const text of ['', '   \n ']) {
      const e = await fails(s.api, 'suggestions.submit', { text });
      expect(e.code).toBe('SUGGESTION_EMPTY');
      expect(e.message).toBe('请先写下您的建议，再提交。');
    }
    expect((await fails(s.api, 'suggestions.submit', { text: '好'.repeat(501) })).code).toBe('SUGGESTION_TOO_LONG');
    expect((await fails(s.api, 'suggestions.submit', { text: '建议', cardPayload: 'HNR1:NOTACARD' })).code).toBe('CARD_INVALID');
    expect((s.db.prepare('SELECT COUNT(*) AS n FROM suggestions').get() as { n: number }).n).toBe(0);
    const r = await ok(s.api, 'suggestions.submit', { text: '  活动室能否增加象棋桌  ' });
    expect(r.maskedName).toBeNull();
    const { suggestion, events } = await ok(s.api, 'suggestions.get', { id: r.id }, s.staff);
    expect(suggestion).toMatchObject({ text: '活动室能否增加象棋桌', identified: false, channel: 'kiosk', status: 'new' });
    expect(events).toEqual([expect.objectContaining({ kind: 'submitted', toStatus: 'new', staffName: null })]);
  });

  it('moves through its states with an event row each; the manager publishes the answer; the public list has no names', async () => {
    const s = await setUp();
    const { id } = await ok(s.api, 'suggestions.submit', { text: '我是张建国，电话13900001111，建议周末也开放图书角' });
    expect((await fails(s.api, 'suggestions.move', { id, to: 'adopted' }, s.staff)).code).toBe('FORBIDDEN');
    await ok(s.api, 'suggestions.move', { id, to: 'reviewing' }, s.admin);
    expect((await fails(s.api, 'suggestions.move', { id, to: 'implemented' }, s.admin)).code).toBe('SUGGESTION_MOVE_NOT_ALLOWED');
    expect((await fails(s.api, 'suggestions.move', { id, to: 'reviewing' }, s.admin)).code).toBe('SUGGESTION_MOVE_NOT_ALLOWED');
    await ok(s.api, 'suggestions.move', { id, to: 'adopted' }, s.admin);
    expect(await ok(s.api, 'suggestions.public')).toEqual([]); // adopted, but no answer published yet
    expect((await fails(s.api, 'suggestions.answer', { id, answer: '  ', publicText: '周末开放图书角' }, s.admin)).code).toBe('SUGGESTION_ANSWER_EMPTY');
    await ok(s.api, 'suggestions.answer', { id, answer: '从下周六起图书角周末上午开放。', publicText: '周末开放图书角' }, s.admin);
    await ok(s.api, 'suggestions.move', { id, to: 'implemented' }, s.admin);
    const list = await ok(s.api, 'suggestions.public');
    expect(list).toEqual([{ id, status: 'implemented', publicText: '周末开放图书角', answer: '从下周六起图书角周末上午开放。', answeredAt: expect.any(String) }]);
    expect(JSON.stringify(list)).not.toMatch(/张建国|13900001111/);
    const { events } = await ok(s.api, 'suggestions.get', { id }, s.staff);
    expect(events.map((e: { kind: string; fromStatus: string | null; toStatus: string | null }) => `${e.kind}:${e.fromStatus ?? ''}>${e.toStatus ?? ''}`)).toEqual([
      'submitted:>new',
      'status:new>reviewing',
      'status:reviewing>adopted',
      'answered:>',
      'status:adopted>implemented',
    ]);
  });

  it('an identified idea (card) hides its text in the list, each staff view is audited, and erasure of the resident removes the text', async () => {
    const s = await setUp();
    const reg = await register(s.api, '赵德福', '13900007001');
    const r = await ok(s.api, 'suggestions.submit', { text: '赵德福建议：门口加一个扶手', cardPayload: reg.qrPayload });
    expect(r.maskedName).toBe('赵*福');
    const desk = await ok(s.api, 'suggestions.enter', { text: '前台代录：希望多办健康讲座' }, s.staff);
    expect(desk).toMatchObject({ channel: 'desk', enteredByName: '李娟', identified: false });
    const { suggestions } = await ok(s.api, 'suggestions.list', {}, s.staff);
    const listed = suggestions.find((x: { id: number }) => x.id === r.id);
    expect(listed).toMatchObject({ identified: true, text: null, residentId: null });
    expect(suggestions.find((x: { id: number }) => x.id === desk.id).text).toBe('前台代录：希望多办健康讲座');
    const residentId = (s.db.prepare('SELECT resident_id AS id FROM suggestions WHERE id = ?').get(r.id) as { id: number }).id;

    const before = (s.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'suggestions.view'`).get() as { n: number }).n;
    expect((await ok(s.api, 'suggestions.get', { id: r.id }, s.staff)).suggestion.text).toBe('赵德福建议：门口加一个扶手');
    await ok(s.api, 'suggestions.get', { id: desk.id }, s.staff); // anonymous: not a view of a person
    const audits = s.db.prepare(`SELECT staff_id AS staffId, subject FROM audit_log WHERE action = 'suggestions.view'`).all();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)).toMatchObject({ subject: `resident:${residentId}` });

    await ok(s.api, 'residents.anonymise', { id: residentId, reason: '本人要求删除' }, s.admin);
    const after = (await ok(s.api, 'suggestions.get', { id: r.id }, s.staff)).suggestion;
    expect(after).toMatchObject({ text: null, identified: false, erased: true, status: 'new' });
    expect(s.db.prepare('SELECT text, resident_id AS r FROM suggestions WHERE id = ?').get(r.id)).toEqual({ text: null, r: null });
    // secure_delete + the checkpoint after erasure: the words are not left in the file either.
    expect(readFileSync(s.file).includes(Buffer.from('门口加一个扶手'))).toBe(false);
  });
});
