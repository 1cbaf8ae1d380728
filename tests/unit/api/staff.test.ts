import { describe, expect, it } from 'vitest';
import { createApi } from '../../../db/api/api.js';
import { FREE_ATTEMPTS, hashPin, verifyPin } from '../../../db/staff.js';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';

describe('staff PIN', () => {
  it('asks for a manager PIN on first run, then never again', async () => {
    const { api } = tempApi();
    expect(await ok(api, 'staff.status')).toEqual({ setUp: false, accounts: [] });
    const session = await ok(api, 'staff.setup', { name: '王站长', pin: '135790' });
    expect(session.staff).toMatchObject({ name: '王站长', role: 'admin' });
    expect(await ok(api, 'staff.me', {}, session.token)).toMatchObject({ name: '王站长' });
    expect((await fails(api, 'staff.setup', { name: '冒充者', pin: '000000' })).code).toBe('ALREADY_SET_UP');
  });

  it('stores the PIN hashed with scrypt, never in clear', async () => {
    const { api, db } = tempApi();
    await adminToken(api, '135790');
    const row = db.prepare('SELECT pin_hash FROM staff').get() as { pin_hash: string };
    expect(row.pin_hash.startsWith('scrypt$')).toBe(true);
    expect(row.pin_hash).not.toContain('135790');
    expect(verifyPin('135790', row.pin_hash)).toBe(true);
    expect(verifyPin('135791', row.pin_hash)).toBe(false);
    expect(hashPin('1234')).not.toBe(hashPin('1234'));
  });

  it('rejects a PIN that is not 4 to 8 digits with a message that says so', async () => {
    const { api } = tempApi();
    const error = await fails(api, 'staff.setup', { name: '王站长', pin: '12a' });
    expect(error.fields?.[0]).toMatchObject({ path: 'pin', zh: '密码应为 4 到 8 位数字，请重新输入。' });
  });

  it('counts wrong PINs, locks the account after five, and the lock survives a restart', async () => {
    let now = new Date('2026-11-22T09:00:00Z');
    const { api, db, dir } = tempApi({ clock: () => now });
    await adminToken(api, '135790');
    const staffId = (await ok(api, 'staff.status')).accounts[0].id;
    for (let i = 1; i < FREE_ATTEMPTS; i++) {
      const e = await fails(api, 'staff.login', { staffId, pin: '000000' });
      expect(e).toMatchObject({ code: 'PIN_WRONG', params: { remaining: FREE_ATTEMPTS - i } });
      expect(e.message).toBe(`密码不正确，还可以再试 ${FREE_ATTEMPTS - i} 次。`);
    }
    expect(await fails(api, 'staff.login', { staffId, pin: '000000' })).toMatchObject({ code: 'PIN_LOCKED', params: { seconds: 30 } });
    // Even the right PIN is refused while locked, and a new API over the same file remembers.
    const restarted = createApi({ db, dataDir: dir, clock: () => now });
    expect((await fails(restarted, 'staff.login', { staffId, pin: '135790' })).code).toBe('PIN_LOCKED');
    now = new Date(now.getTime() + 31_000);
    expect((await ok(restarted, 'staff.login', { staffId, pin: '135790' })).staff.name).toBe('管理员');
  });

  it('doubles the lock for each further wrong PIN', async () => {
    let now = new Date('2026-11-22T09:00:00Z');
    const { api } = tempApi({ clock: () => now });
    await adminToken(api);
    const staffId = (await ok(api, 'staff.status')).accounts[0].id;
    for (let i = 0; i < FREE_ATTEMPTS; i++) await fails(api, 'staff.login', { staffId, pin: '000000' });
    now = new Date(now.getTime() + 31_000);
    expect(await fails(api, 'staff.login', { staffId, pin: '000000' })).toMatchObject({ code: 'PIN_LOCKED', params: { seconds: 60 } });
  });

  it('ends a session on logout', async () => {
    const { api } = tempApi();
    const token = await adminToken(api);
    await ok(api, 'staff.logout', {}, token);
    expect((await fails(api, 'staff.me', {}, token)).code).toBe('UNAUTHENTICATED');
  });
});
