import { describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../db/api/api.js';
import { listAudit } from '../../../db/audit.js';
import { FREE_ATTEMPTS, hashPin, verifyPin } from '../../../db/staff.js';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';

describe('staff PIN', () => {
  it('asks for a manager PIN on first run, then never again', async () => {
    const { api } = tempApi();
    expect(await ok(api, 'staff.status')).toEqual({ setUp: false, accounts: [] });
    const session = await ok(api, 'staff.setup', { name: '王站长', pin: '135790' });
    expect(typeof session.recoveryCode).toBe('string');
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

/** Pairs a terminal with this role (the manager makes the code) and returns how it calls. */
async function pairAs(api: Api, admin: string, role: 'counter' | 'kiosk' | 'display', name: string = role) {
  const { code } = await ok(api, 'terminals.createCode', { role, name }, admin);
  const paired = await ok(api, 'terminals.pair', { code });
  return { id: paired.terminal.id as number, remote: { terminalToken: paired.token as string, address: '192.168.1.50' } };
}
type Remote = { remote: { terminalToken: string; address: string } };
const call = (api: Api, op: string, input: unknown, from: Remote, token?: string) => api.call(op, input, { ...from, ...(token ? { token } : {}) });
const errorOf = (r: unknown) => (r as { ok: false; error: { code: string; params?: Record<string, number>; message: string } }).error;

describe('PIN guessing from terminals (issue 11.3)', () => {
  it("a counter's wrong PINs lock only that counter: the host console and other counters sign in", async () => {
    const now = new Date('2026-11-22T09:00:00Z');
    const { api } = tempApi({ clock: () => now });
    const admin = await adminToken(api, '135790');
    const staffId = (await ok(api, 'staff.status')).accounts[0].id;
    const counter = await pairAs(api, admin, 'counter', '1号窗口');
    const other = await pairAs(api, admin, 'counter', '2号窗口');
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) codes.push(errorOf(await call(api, 'staff.login', { staffId, pin: '000000' }, counter)).code);
    expect(codes).toEqual([...Array(4).fill('PIN_WRONG'), ...Array(8).fill('PIN_LOCKED')]);
    expect(errorOf(await call(api, 'staff.login', { staffId, pin: '135790' }, counter)).code).toBe('PIN_LOCKED');
    // The host's own console is not held up, nor is the other counter.
    expect((await ok(api, 'staff.login', { staffId, pin: '135790' })).staff.name).toBe('管理员');
    expect((await call(api, 'staff.login', { staffId, pin: '135790' }, other)).ok).toBe(true);
    // The manager sees where the failures came from.
    const failures = await ok(api, 'staff.failures', {}, admin);
    // Tries refused while waiting are not checked, so not counted: 5 failures.
    expect(failures).toHaveLength(5);
    expect(failures[0]).toMatchObject({ kind: 'pin', staffId, staffName: '管理员', source: { kind: 'terminal', id: counter.id, name: '1号窗口' } });
    expect(listAudit(api.db).filter((a) => a.action === 'staff.loginFailed')).toHaveLength(5);
    // The host signing in did not lift the counter's wait.
    expect(errorOf(await call(api, 'staff.login', { staffId, pin: '135790' }, counter)).code).toBe('PIN_LOCKED');
  });

  it('a kiosk or hall TV learns nothing about accounts and cannot try PINs', async () => {
    const { api } = tempApi();
    const admin = await adminToken(api);
    const kiosk = await pairAs(api, admin, 'kiosk');
    const display = await pairAs(api, admin, 'display');
    const counter = await pairAs(api, admin, 'counter');
    for (const from of [kiosk, display]) {
      for (const op of ['staff.status', 'staff.login', 'staff.recover', 'staff.choosePin', 'staff.setup']) {
        const r = await call(api, op, { staffId: 1, pin: '135790', code: 'ABCD-EFGH-JKLM-NPQR', name: 'x' }, from);
        expect(errorOf(r).code).toBe('TERMINAL_ROLE_FORBIDDEN');
        expect(JSON.stringify(r)).not.toContain('管理员');
      }
    }
    // A counter is where staff sign in: it gets the list.
    expect((await call(api, 'staff.status', {}, counter)) as unknown).toMatchObject({ ok: true, data: { accounts: [{ name: '管理员' }] } });
  });
});

describe('the manager recovery code', () => {
  it('is shown once at setup, kept only as a scrypt hash, and opens a locked account once', async () => {
    let now = new Date('2026-11-22T09:00:00Z');
    const { api, db } = tempApi({ clock: () => now });
    const setup = await ok(api, 'staff.setup', { name: '王站长', pin: '135790' });
    expect(setup.recoveryCode).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    const row = db.prepare('SELECT recovery_hash FROM staff').get() as { recovery_hash: string };
    expect(row.recovery_hash.startsWith('scrypt$')).toBe(true);
    expect(row.recovery_hash).not.toContain(setup.recoveryCode.replace(/-/g, ''));
    const staffId = setup.staff.id;
    // Locked out on the host itself...
    for (let i = 0; i < 5; i++) await fails(api, 'staff.login', { staffId, pin: '000000' });
    expect((await fails(api, 'staff.login', { staffId, pin: '135790' })).code).toBe('PIN_LOCKED');
    // ...the code (typed in small letters with spaces) sets a new PIN and signs in at once.
    const typed = setup.recoveryCode.toLowerCase().replace(/-/g, ' ');
    const back = await ok(api, 'staff.recover', { staffId, code: typed, pin: '8642' });
    expect(back.staff.name).toBe('王站长');
    expect(await ok(api, 'staff.me', {}, back.token)).toMatchObject({ id: staffId });
    expect(back.recoveryCode).not.toBe(setup.recoveryCode);
    expect((await ok(api, 'staff.login', { staffId, pin: '8642' })).staff.id).toBe(staffId);
    // Used up: the old code no longer works; the new one does.
    expect(await fails(api, 'staff.recover', { staffId, code: setup.recoveryCode, pin: '1111' })).toMatchObject({ code: 'RECOVERY_CODE_WRONG', params: { remaining: 4 } });
    now = new Date(now.getTime() + 1000);
    const again = await ok(api, 'staff.recover', { staffId, code: back.recoveryCode, pin: '2222' });
    expect(again.recoveryCode).toMatch(/^[A-Z2-9-]{19}$/);
    expect(listAudit(db).filter((a) => a.action === 'staff.recovered')).toHaveLength(2);
  });

  it('limits wrong recovery codes per source and lets the manager make a new code (the old one stops)', async () => {
    const now = new Date('2026-11-22T09:00:00Z');
    const { api } = tempApi({ clock: () => now });
    const setup = await ok(api, 'staff.setup', { name: '王站长', pin: '135790' });
    const staffId = setup.staff.id;
    for (let i = 0; i < 4; i++) await fails(api, 'staff.recover', { staffId, code: 'AAAA-AAAA-AAAA-AAAA', pin: '1111' });
    expect(await fails(api, 'staff.recover', { staffId, code: 'AAAA-AAAA-AAAA-AAAA', pin: '1111' })).toMatchObject({ code: 'RECOVERY_LOCKED', params: { seconds: 60 } });
    expect((await fails(api, 'staff.recover', { staffId, code: setup.recoveryCode, pin: '1111' })).code).toBe('RECOVERY_LOCKED');
    expect((await fails(api, 'staff.recover', { staffId, code: 'AB', pin: '1111' })).fields?.[0]?.key).toBe('recoveryCode');
    const { recoveryCode } = await ok(api, 'staff.newRecoveryCode', {}, setup.token);
    expect(recoveryCode).not.toBe(setup.recoveryCode);
    expect(listAudit(api.db)[0]).toMatchObject({ action: 'staff.newRecoveryCode', staffId });
    expect((await ok(api, 'staff.failures', {}, setup.token)).filter((f: { kind: string }) => f.kind === 'recovery')).toHaveLength(5);
  });
});

describe('staff accounts (issue 15.7)', () => {
  it('adds, lists, changes role, disables and re-enables accounts, all audited', async () => {
    const now = new Date('2026-11-22T09:00:00Z');
    const { api } = tempApi({ clock: () => now });
    const admin = await adminToken(api);
    const li = await ok(api, 'staff.create', { name: '李晓梅', pin: '2468', role: 'staff' }, admin);
    const liToken = (await ok(api, 'staff.login', { staffId: li.id, pin: '2468' })).token;
    const list = await ok(api, 'staff.list', {}, admin);
    expect(list.map((a: { name: string }) => a.name)).toEqual(['管理员', '李晓梅']);
    expect(list[1]).toMatchObject({ role: 'staff', active: true, needsNewPin: false, hasRecoveryCode: false, lastLoginAt: now.toISOString() });
    expect(list[0]).toMatchObject({ hasRecoveryCode: true });
    expect((await fails(api, 'staff.list', {}, liToken)).code).toBe('FORBIDDEN');

    const made = await ok(api, 'staff.update', { id: li.id, role: 'admin' }, admin);
    expect(made).toMatchObject({ role: 'admin' });
    // Her session was opened as staff: she signs in again with the new role.
    expect((await fails(api, 'staff.me', {}, liToken)).code).toBe('UNAUTHENTICATED');
    await ok(api, 'staff.update', { id: li.id, active: false }, admin);
    expect((await ok(api, 'staff.status')).accounts.map((a: { name: string }) => a.name)).toEqual(['管理员']);
    expect((await fails(api, 'staff.login', { staffId: li.id, pin: '2468' })).code).toBe('NOT_FOUND');
    await ok(api, 'staff.update', { id: li.id, active: true }, admin);
    expect((await ok(api, 'staff.login', { staffId: li.id, pin: '2468' })).staff.role).toBe('admin');
    const audit = listAudit(api.db).filter((a) => a.action.startsWith('staff.'));
    expect(audit.map((a) => [a.action, a.detail])).toEqual([
      ['staff.update', { active: true }],
      ['staff.update', { active: false }],
      ['staff.update', { role: { from: 'staff', to: 'admin' } }],
      ['staff.create', { role: 'staff', pinChosenLater: false }],
      ['staff.setup', null],
    ]);
  });

  it('never leaves the center without an active manager', async () => {
    const { api } = tempApi();
    const admin = await adminToken(api);
    const me = (await ok(api, 'staff.me', {}, admin)).id;
    expect(await fails(api, 'staff.update', { id: me, role: 'staff' }, admin)).toMatchObject({
      code: 'STAFF_LAST_MANAGER',
      message: expect.stringContaining('最后一位在用的管理员'),
    });
    expect((await fails(api, 'staff.update', { id: me, active: false }, admin)).code).toBe('STAFF_LAST_MANAGER');
    // A disabled manager does not count.
    const zhang = await ok(api, 'staff.create', { name: '张主任', pin: '1357', role: 'admin' }, admin);
    await ok(api, 'staff.update', { id: zhang.id, active: false }, admin);
    expect((await fails(api, 'staff.update', { id: me, role: 'staff' }, admin)).code).toBe('STAFF_LAST_MANAGER');
    await ok(api, 'staff.update', { id: zhang.id, active: true }, admin);
    expect(await ok(api, 'staff.update', { id: me, role: 'staff' }, admin)).toMatchObject({ role: 'staff' });
    const list = await ok(api, 'staff.list', {}, (await ok(api, 'staff.login', { staffId: zhang.id, pin: '1357' })).token);
    expect(list.filter((a: { role: string; active: boolean }) => a.role === 'admin' && a.active)).toHaveLength(1);
  });

  it('resets a PIN: the person chooses a new one at next sign-in, and the old one is dead', async () => {
    const { api } = tempApi();
    const admin = await adminToken(api);
    const li = await ok(api, 'staff.create', { name: '李晓梅', pin: '2468', role: 'staff' }, admin);
    const liToken = (await ok(api, 'staff.login', { staffId: li.id, pin: '2468' })).token;
    expect(await ok(api, 'staff.resetPin', { id: li.id }, admin)).toMatchObject({ needsNewPin: true });
    expect((await fails(api, 'staff.me', {}, liToken)).code).toBe('UNAUTHENTICATED');
    expect((await ok(api, 'staff.status')).accounts.find((a: { id: number }) => a.id === li.id)).toMatchObject({ needsNewPin: true });
    expect((await fails(api, 'staff.login', { staffId: li.id, pin: '2468' })).code).toBe('PIN_RESET_REQUIRED');
    expect((await ok(api, 'staff.choosePin', { staffId: li.id, pin: '9753' })).staff.name).toBe('李晓梅');
    expect((await fails(api, 'staff.choosePin', { staffId: li.id, pin: '1111' })).code).toBe('PIN_NOT_RESET');
    expect((await ok(api, 'staff.login', { staffId: li.id, pin: '9753' })).staff.id).toBe(li.id);
    // An account added without a PIN works the same way.
    const wang = await ok(api, 'staff.create', { name: '王芳', role: 'staff' }, admin);
    expect((await fails(api, 'staff.login', { staffId: wang.id, pin: '0000' })).code).toBe('PIN_RESET_REQUIRED');
    expect(listAudit(api.db).map((a) => a.action)).toEqual(expect.arrayContaining(['staff.resetPin', 'staff.pinChosen']));
  });
});

describe('the technician’s way back in (README: How to recover a locked manager account)', () => {
  it('marking the PIN as reset in the database lets the locked manager choose a new PIN', async () => {
    const { api, db } = tempApi();
    await adminToken(api);
    for (let i = 0; i < 6; i++) await fails(api, 'staff.login', { staffId: 1, pin: '000000' });
    db.exec("UPDATE staff SET pin_reset_at = datetime('now') WHERE name = '管理员' AND role = 'admin'");
    expect((await ok(api, 'staff.status')).accounts[0]).toMatchObject({ needsNewPin: true });
    expect((await ok(api, 'staff.choosePin', { staffId: 1, pin: '5678' })).staff.role).toBe('admin');
    expect((await ok(api, 'staff.login', { staffId: 1, pin: '5678' })).staff.id).toBe(1);
  });
});
