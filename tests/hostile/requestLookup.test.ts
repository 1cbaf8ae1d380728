import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOOKUP_POINTS, MISS_COST } from '../../db/residents/kioskGuard.js';
import { adminToken, ok } from '../helpers/tempDb.js';
import { callOp, startHostile } from './harness.js';

/**
 * The receipt QR of 接诉即办 (issue 17) at the real LAN server: a paired kiosk that guesses codes is
 * blocked by the same guard as phone look-ups, the request number is not a way in, and a hall TV
 * never gets a request's text whatever it asks for.
 */
const SECRET_TEXT = '楼道有垃圾，我住阳光小区3栋501';
const SECRET_NOTE = '内部备注：物业经理王五 13800009999';

async function center() {
  const h = await startHostile();
  const admin = await adminToken(h.api);
  const reg = await ok(h.api, 'residents.kiosk.register', {
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
  const sub = await ok(h.api, 'requests.kiosk.submit', { categoryId: 2, description: SECRET_TEXT, callbackPhone: '13700001111', who: { card: reg.qrPayload } });
  await ok(h.api, 'requests.triage', { id: sub.id, level: 'red' }, admin);
  await ok(h.api, 'requests.note', { id: sub.id, note: SECRET_NOTE }, admin);
  await ok(h.api, 'requests.result', { id: sub.id, answer: '已清运。' }, admin);
  const pair = async (role: 'kiosk' | 'display', name: string) => {
    const { code } = await ok(h.api, 'terminals.createCode', { role, name }, admin);
    const res = await h.api.call('terminals.pair', { code }, { remote: { terminalToken: null } });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    return { 'X-Houniao-Remote': '1', 'X-Terminal-Token': (res.data as { token: string }).token };
  };
  return { ...h, admin, reg, sub, pair };
}

describe('接诉即办 public look-ups over the LAN', () => {
  it('guessing receipt codes from a kiosk trips the look-up guard; the number is no way in; another kiosk still works and sees no text', async () => {
    const { port, sub, pair } = await center();
    const kiosk = await pair('kiosk', '1号自助机');
    const other = await pair('kiosk', '2号自助机');

    // The printed number is what a passer-by can read off a receipt: it resolves to nothing.
    const byNumber = await callOp(port, 'requests.kiosk.status', { code: sub.number }, kiosk);
    expect(byNumber.json.error.code).toBe('REQUEST_NOT_FOUND');

    const answers: string[] = [byNumber.json.error.code];
    for (let i = 0; i < 12; i++) {
      const guess = `HNQ1:${randomBytes(20).toString('base64url')}`;
      const res = await callOp(port, 'requests.kiosk.status', { code: guess }, kiosk);
      answers.push(res.json.error.code);
      expect(JSON.stringify(res.json)).not.toContain('楼道');
    }
    // 20 points per 10 minutes, a miss costs 3: the 7th miss is the last answered, then the block.
    const allowed = Math.floor(LOOKUP_POINTS / MISS_COST);
    expect(answers.slice(0, allowed)).toEqual(Array(allowed).fill('REQUEST_NOT_FOUND'));
    expect(answers.slice(allowed)).toEqual(Array(answers.length - allowed).fill('KIOSK_LOOKUP_LIMITED'));
    // While blocked even the right code is refused at this kiosk (the guard does not tell hits from misses).
    const blocked = await callOp(port, 'requests.kiosk.status', { code: sub.qrPayload }, kiosk);
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.message).toContain('秒');

    const fine = await callOp(port, 'requests.kiosk.status', { code: sub.qrPayload }, other);
    expect(fine.status).toBe(200);
    expect(fine.json.data).toHaveLength(1);
    expect(fine.json.data[0]).toMatchObject({ number: sub.number, stage: 'resolved', answer: '已清运。', canRate: true });
    const body = JSON.stringify(fine.json);
    for (const secret of ['楼道有垃圾', '13700001111', '王五', '13800009999', '张建国', '管理员']) expect(body).not.toContain(secret);
  });

  it('a hall display is refused every request operation but the anonymous board, even holding a staff token; the board has no text', async () => {
    const { port, api, admin, sub, pair } = await center();
    const tv = await pair('display', '大厅电视');
    const auth = { ...tv, Authorization: `Bearer ${admin}` };
    for (const [op, input] of [
      ['requests.kiosk.status', { code: sub.qrPayload }],
      ['requests.kiosk.rate', { code: sub.qrPayload, rating: 5 }],
      ['requests.get', { id: sub.id }],
      ['requests.inbox', {}],
      ['requests.byCode', { code: sub.qrPayload }],
      ['requests.categories', {}],
    ] as const) {
      const res = await callOp(port, op, input, auth);
      expect({ op, status: res.status, code: res.json.error?.code }).toEqual({ op, status: 403, code: 'TERMINAL_ROLE_FORBIDDEN' });
      expect(JSON.stringify(res.json)).not.toContain('楼道');
    }
    const off = await callOp(port, 'requests.board', {}, tv);
    expect(off.json).toEqual({ ok: true, data: { enabled: false, rows: [] } });
    await ok(api, 'settings.update', { values: { 'display.requestsBoard': true } }, admin);
    const on = await callOp(port, 'requests.board', {}, tv);
    expect(on.json.data.rows).toEqual([{ number: sub.number, categoryName: '临时保洁', categoryNameEn: 'Cleaning', stage: 'resolved' }]);
    const text = JSON.stringify(on.json);
    for (const secret of ['楼道', '13700001111', '王五', '张', '已清运']) expect(text).not.toContain(secret);
    // Nothing was rated by all that.
    expect(api.db.prepare('SELECT rating FROM requests WHERE id = ?').pluck().get(sub.id)).toBeNull();
  });

  it('an unpaired client on the network gets nothing at all', async () => {
    const { port, sub } = await center();
    const res = await callOp(port, 'requests.kiosk.status', { code: sub.qrPayload }, { 'X-Houniao-Remote': '1' });
    expect(res.json.error.code).toBe('TERMINAL_NOT_PAIRED');
    expect(JSON.stringify(res.json)).not.toContain(sub.number);
  });
});
