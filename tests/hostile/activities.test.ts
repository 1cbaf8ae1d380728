import { describe, expect, it } from 'vitest';
import { adminToken, ok } from '../helpers/tempDb.js';
import { callOp, startHostile } from './harness.js';
import { addResident, cardFor } from '../unit/activities/helpers.js';
import { cardQrPayload } from '../../db/residents/cards.js';

/**
 * Activities over the real LAN server (issue 18): a hall display terminal may read only its strip;
 * a kiosk terminal cannot reach staff operations; and nobody can walk through card numbers to read
 * who signed up for what — each miss costs the kiosk guard's points until the source is shut out.
 */
describe('activities on the LAN: hostile callers', () => {
  it('a paired display reads activities.display only; every staff and kiosk operation is refused', async () => {
    const { api, port } = await startHostile();
    const admin = await adminToken(api);
    const { code } = await ok(api, 'terminals.createCode', { role: 'display', name: '大厅电视' }, admin);
    const { token } = await ok(api, 'terminals.pair', { code });
    const tv = { 'X-Houniao-Remote': '1', 'X-Terminal-Token': token as string };
    const shown = await callOp(port, 'activities.display', {}, tv);
    expect(shown.json?.ok).toBe(true);
    for (const [op, input] of [
      ['activities.detail', { id: 1 }],
      ['activities.checkIn', { activityId: 1, card: 'HNR1:AAAAAAAA' }],
      ['activities.callList', {}],
      ['activities.toTell', {}],
      ['activities.signUpFor', { activityId: 1, residentIds: [1] }],
      ['activities.save', {}],
      ['activities.kiosk.mine', { card: 'x' }],
      ['activities.kiosk.signUp', { activityId: 1, card: 'x' }],
      ['activities.upcoming', {}],
    ] as const) {
      const r = await callOp(port, op, input, tv);
      expect(r.json?.error?.code, op).toBe('TERMINAL_ROLE_FORBIDDEN');
    }
    // Even with a staff token the display terminal stays a display.
    const withToken = await callOp(port, 'activities.detail', { id: 1 }, { ...tv, Authorization: `Bearer ${admin}` });
    expect(withToken.json?.error?.code).toBe('TERMINAL_ROLE_FORBIDDEN');
  });

  it('a kiosk terminal cannot call staff operations, and enumerating cards to read sign-ups trips the guard with nothing learned', async () => {
    const { api, port, db } = await startHostile();
    const admin = await adminToken(api);
    const { code } = await ok(api, 'terminals.createCode', { role: 'kiosk', name: '自助机' }, admin);
    const { token } = await ok(api, 'terminals.pair', { code });
    const kiosk = { 'X-Houniao-Remote': '1', 'X-Terminal-Token': token as string };
    const a = await ok(
      api,
      'activities.save',
      {
        title: '健康讲座',
        type: 'health_talk',
        place: '多功能厅',
        day: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
        from: '09:00',
        to: '10:00',
        capacity: 5,
        rules: [],
      },
      admin,
    );
    const holder = addResident(db, 1, { name: '张建国', phone: '13900001234' });
    expect((await callOp(port, 'activities.kiosk.signUp', { activityId: a.id, card: holder.card }, kiosk)).json?.ok).toBe(true);

    for (const op of ['activities.detail', 'activities.list', 'activities.callList', 'activities.toTell', 'activities.checkIn']) {
      expect((await callOp(port, op, { id: a.id, activityId: a.id, card: holder.card }, { ...kiosk, Authorization: `Bearer ${admin}` })).json?.error?.code, op).toBe(
        'TERMINAL_ROLE_FORBIDDEN',
      );
    }
    // The public list carries counts, never a name or phone.
    const listed = JSON.stringify((await callOp(port, 'activities.upcoming', {}, kiosk)).json);
    expect(listed).toContain('"confirmed":1');
    expect(listed).not.toContain('张');
    expect(listed).not.toContain('1234');

    // Walk through card numbers (valid check characters, so every one looks like a card).
    const seen: string[] = [];
    let blockedAt = -1;
    for (let n = 2; n < 60; n++) {
      const r = await callOp(port, 'activities.kiosk.mine', { card: cardQrPayload(cardFor(n)) }, kiosk);
      const c = r.json?.error?.code ?? 'OK';
      seen.push(c);
      if (c === 'KIOSK_LOOKUP_LIMITED') {
        blockedAt = n;
        break;
      }
    }
    expect(seen.filter((c) => c !== 'RESIDENT_NOT_FOUND' && c !== 'KIOSK_LOOKUP_LIMITED')).toEqual([]);
    expect(blockedAt).toBeGreaterThan(0);
    expect(blockedAt).toBeLessThan(12);
    // Now even the real card is refused from that kiosk for a while: nothing more to learn there.
    expect((await callOp(port, 'activities.kiosk.mine', { card: holder.card }, kiosk)).json?.error?.code).toBe('KIOSK_LOOKUP_LIMITED');
    expect((await callOp(port, 'activities.kiosk.cancel', { card: holder.card, signupId: 1 }, kiosk)).json?.error?.code).toBe('KIOSK_LOOKUP_LIMITED');
    // Random junk is a miss too, not a free probe; and nothing was written by any of it.
    expect(db.prepare("SELECT COUNT(*) AS n FROM activity_signups WHERE status <> 'cancelled'").get()).toEqual({ n: 1 });
    // A second kiosk walking phone numbers (with any birth year) fares no better.
    const second = await ok(api, 'terminals.pair', { code: (await ok(api, 'terminals.createCode', { role: 'kiosk', name: '二号自助机' }, admin)).code });
    const kiosk2 = { 'X-Houniao-Remote': '1', 'X-Terminal-Token': second.token as string };
    const phoneCodes: string[] = [];
    for (let n = 0; n < 30; n++) {
      const c = (await callOp(port, 'activities.kiosk.mine', { phone: `1390000${String(5000 + n)}`, birthYear: 1956 }, kiosk2)).json?.error?.code ?? 'OK';
      phoneCodes.push(c);
      if (c === 'KIOSK_LOOKUP_LIMITED') break;
    }
    expect(phoneCodes.at(-1)).toBe('KIOSK_LOOKUP_LIMITED');
    expect(phoneCodes.filter((c) => c !== 'RESIDENT_NOT_FOUND' && c !== 'KIOSK_LOOKUP_LIMITED')).toEqual([]);
    // The holder's phone with a guessed year is refused too, and guessing years closes that phone path.
    const third = await ok(api, 'terminals.pair', { code: (await ok(api, 'terminals.createCode', { role: 'kiosk', name: '三号自助机' }, admin)).code });
    const kiosk3 = { 'X-Houniao-Remote': '1', 'X-Terminal-Token': third.token as string };
    const years: string[] = [];
    for (const year of [1950, 1951, 1952, 1953])
      years.push((await callOp(port, 'activities.kiosk.mine', { phone: '13900001234', birthYear: year }, kiosk3)).json?.error?.code ?? 'OK');
    expect(years.slice(0, 2)).toEqual(['RESIDENT_PROOF_WRONG', 'RESIDENT_PROOF_WRONG']);
    expect(years.at(-1)).toBe('RESIDENT_PROOF_LOCKED');
    // An unpaired LAN client gets nothing at all.
    expect((await callOp(port, 'activities.upcoming', {}, { 'X-Houniao-Remote': '1' })).json?.error?.code).toBe('TERMINAL_NOT_PAIRED');
  });
});
