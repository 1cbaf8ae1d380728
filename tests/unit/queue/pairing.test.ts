import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startLanServer, type LanServer } from '../../../electron/lan/server.js';
import { createApi } from '../../../db/api/api.js';
import { listAudit } from '../../../db/audit.js';
import { adminToken, fails, ok, tempApi, tempDir } from '../../helpers/tempDb.js';

let server: LanServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('terminal pairing at the API', () => {
  it('pairs a terminal once with a code; roles limit what it may ask; revoke cuts it off', async () => {
    const { api } = tempApi();
    const admin = await adminToken(api);
    const unpaired = { remote: { terminalToken: null } };
    expect((await api.call('queue.lines', {}, unpaired)).ok).toBe(false);
    expect(((await api.call('settings.public', {}, unpaired)) as { error: { code: string } }).error.code).toBe('TERMINAL_NOT_PAIRED');
    expect(((await api.call('terminals.me', {}, unpaired)) as { error: { code: string } }).error.code).toBe('TERMINAL_NOT_PAIRED');

    const { code } = await ok(api, 'terminals.createCode', { role: 'display', name: '大厅电视' }, admin);
    const pairRes = await api.call('terminals.pair', { code }, unpaired);
    expect(pairRes.ok).toBe(true);
    const token = (pairRes as { data: { token: string } }).data.token;
    expect(((await api.call('terminals.pair', { code }, unpaired)) as { error: { code: string } }).error.code).toBe('PAIRING_CODE_WRONG');

    const display = { remote: { terminalToken: token } };
    expect(await api.call('terminals.me', {}, display)).toMatchObject({ ok: true, data: { kind: 'terminal', role: 'display', name: '大厅电视' } });
    expect((await api.call('queue.display', {}, display)).ok).toBe(true);
    // A paired display cannot call tickets, take them or sign staff in.
    for (const op of ['queue.callNext', 'queue.take', 'staff.login']) {
      const r = (await api.call(op, { counterId: 1, serviceId: 1, staffId: 1, pin: '1234' }, { ...display, token: admin })) as { ok: boolean; error: { code: string } };
      expect(r.error.code).toBe('TERMINAL_ROLE_FORBIDDEN');
    }
    // The host itself (no remote marker) needs nothing.
    expect(await api.call('terminals.me', {})).toMatchObject({ ok: true, data: { kind: 'host' } });

    const [terminal] = await ok(api, 'terminals.list', {}, admin);
    await ok(api, 'terminals.revoke', { id: terminal.id }, admin);
    expect(((await api.call('queue.display', {}, display)) as { error: { code: string } }).error.code).toBe('TERMINAL_NOT_PAIRED');
  });

  it('lets a counter terminal do staff work after sign-in and a kiosk only public operations', async () => {
    const { api } = tempApi();
    const admin = await adminToken(api);
    const pairAs = async (role: string) => {
      const { code } = await ok(api, 'terminals.createCode', { role, name: role }, admin);
      return (await ok(api, 'terminals.pair', { code })).token as string;
    };
    const counter = { remote: { terminalToken: await pairAs('counter') } };
    const kiosk = { remote: { terminalToken: await pairAs('kiosk') } };
    expect((await api.call('queue.counters', {}, { ...counter, token: admin })).ok).toBe(true);
    expect(((await api.call('queue.counters', {}, { ...kiosk, token: admin })) as { error: { code: string } }).error.code).toBe('TERMINAL_ROLE_FORBIDDEN');
    expect((await api.call('queue.lines', {}, kiosk)).ok).toBe(true);
    expect((await fails(api, 'terminals.pair', { code: '12' })).fields?.[0]?.key).toBe('pairingCode');
  });
});

describe('pairing gate on the LAN server', () => {
  async function start(trustLoopback: boolean) {
    const t = tempApi();
    const dir = tempDir();
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    server = await startLanServer({ api: t.api, port: 0, staticDir: dir, log: () => {}, trustLoopback });
    return { ...t, url: server.url };
  }
  const post = (url: string, op: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/call/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const wsOpens = (url: string, headers: Record<string, string> = {}) =>
    new Promise<boolean>((resolve) => {
      const ws = new WebSocket(url.replace('http', 'ws'), { headers });
      ws.on('open', () => {
        ws.close();
        resolve(true);
      });
      ws.on('error', () => resolve(false));
    });

  it('treats loopback as the host unless it says it stands in for a remote client', async () => {
    const { url } = await start(true);
    expect((await post(url, 'queue.lines', {})).status).toBe(200);
    expect((await post(url, 'queue.lines', {}, { 'X-Houniao-Remote': '1' })).status).toBe(401);
    expect(await wsOpens(`${url}/api/events`)).toBe(true);
    expect(await wsOpens(`${url}/api/events`, { 'X-Houniao-Remote': '1' })).toBe(false);
  });

  it('gives an unpaired client nothing but pairing; a paired one its role; revoking closes its socket', async () => {
    const { url, api } = await start(false);
    expect((await post(url, 'settings.public', {})).status).toBe(401);
    const admin = await adminToken(api);
    const { code } = await ok(api, 'terminals.createCode', { role: 'display', name: 'TV' }, admin);
    const paired = await (await post(url, 'terminals.pair', { code })).json();
    const token = paired.data.token as string;
    expect((await post(url, 'queue.display', {}, { 'X-Terminal-Token': token })).status).toBe(200);
    expect((await post(url, 'queue.callNext', { counterId: 1 }, { 'X-Terminal-Token': token, Authorization: `Bearer ${admin}` })).status).toBe(403);
    expect(await wsOpens(`${url}/api/events`)).toBe(false);

    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/events?terminal=${token}`);
    await new Promise((r) => ws.on('open', r));
    const closed = new Promise<number>((r) => ws.on('close', (c) => r(c)));
    await ok(api, 'terminals.revoke', { id: paired.data.terminal.id }, admin);
    expect(await closed).toBe(4001);
    expect((await post(url, 'queue.display', {}, { 'X-Terminal-Token': token })).status).toBe(401);
  });

  it('counts wrong pairing codes per network address the server saw', async () => {
    const { url, api } = await start(false);
    const admin = await adminToken(api);
    for (let i = 0; i < 5; i++) expect((await post(url, 'terminals.pair', { code: '000001' })).status).toBe(401);
    const refused = await post(url, 'terminals.pair', { code: '000001' });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.message).toContain('秒后再试');
    const { failures } = await ok(api, 'terminals.pairingLog', {}, admin);
    expect(failures).toHaveLength(5);
    expect(failures[0].source).toEqual({ kind: 'address', address: '127.0.0.1' });
  });
});

describe('guessing a pairing code (issue 11.2)', () => {
  const fromAddress = (address: string) => ({ remote: { terminalToken: null, address } });
  const errorOf = (r: unknown) => (r as { ok: false; error: { code: string; params?: Record<string, number> } }).error;
  /** Any six-digit code that is not the live one. */
  const wrong = (live: string, i: number) => String((Number(live) + 1 + i) % 1_000_000).padStart(6, '0');

  it('stops a live code after 5 wrong codes from anyone: 200 devices trying at once never pair', async () => {
    const now = new Date('2026-11-22T09:00:00Z');
    const { api, db } = tempApi({ clock: () => now });
    const admin = await adminToken(api);
    const { code } = await ok(api, 'terminals.createCode', { role: 'counter', name: '2号窗口' }, admin);
    const answers: string[] = [];
    // 200 addresses, one guess each; the 6th of them guesses the right code.
    for (let i = 0; i < 200; i++) {
      const r = await api.call('terminals.pair', { code: i === 5 ? code : wrong(code, i) }, fromAddress(`10.0.${Math.floor(i / 250)}.${i % 250}`));
      answers.push(r.ok ? 'PAIRED' : errorOf(r).code);
    }
    expect(answers.slice(0, 5)).toEqual(Array(5).fill('PAIRING_CODE_WRONG'));
    expect(answers[5]).toBe('PAIRING_CODE_STOPPED');
    expect(answers).not.toContain('PAIRED');
    expect(db.prepare('SELECT COUNT(*) AS n FROM terminals').get()).toEqual({ n: 0 });
    // The manager sees the stopped code on 终端配对 and makes a new one, which works.
    const log = await ok(api, 'terminals.pairingLog', {}, admin);
    expect(log.codes[0]).toMatchObject({ name: '2号窗口', wrongAttempts: 5, stoppedAt: now.toISOString() });
    const fresh = await ok(api, 'terminals.createCode', { role: 'counter', name: '2号窗口' }, admin);
    expect((await api.call('terminals.pair', { code: fresh.code }, fromAddress('192.168.1.77'))).ok).toBe(true);
  });

  it('makes a source wait after 5 wrong codes, longer each time, even with the right code; others go on; a restart forgets nothing', async () => {
    let now = new Date('2026-11-22T09:00:00Z');
    const { api, db, dir } = tempApi({ clock: () => now });
    const admin = await adminToken(api);
    const attacker = fromAddress('::ffff:192.168.1.66');
    for (let i = 0; i < 5; i++) expect(errorOf(await api.call('terminals.pair', { code: wrong('000000', i) }, attacker)).code).toBe('PAIRING_CODE_WRONG');
    // The code made after the guessing is live (it saw none of those tries), yet the source is held.
    const { code } = await ok(api, 'terminals.createCode', { role: 'kiosk', name: '自助机' }, admin);
    expect(errorOf(await api.call('terminals.pair', { code }, attacker))).toMatchObject({ code: 'PAIRING_THROTTLED', params: { seconds: 60 } });
    // The same device by its plain IPv4 address is the same source.
    expect(errorOf(await api.call('terminals.pair', { code }, fromAddress('192.168.1.66'))).code).toBe('PAIRING_THROTTLED');
    now = new Date(now.getTime() + 61_000);
    expect(errorOf(await api.call('terminals.pair', { code: wrong(code, 0) }, attacker)).code).toBe('PAIRING_CODE_WRONG');
    const restarted = createApi({ db, dataDir: dir, clock: () => now });
    expect(errorOf(await restarted.call('terminals.pair', { code }, attacker))).toMatchObject({ code: 'PAIRING_THROTTLED', params: { seconds: 120 } });
    // An IPv6 device is one source for its whole /64: a new address in it does not start afresh.
    for (let i = 0; i < 5; i++) await restarted.call('terminals.pair', { code: wrong(code, 10 + i) }, fromAddress(`fd00:1:2:3::${i + 1}`));
    expect(errorOf(await restarted.call('terminals.pair', { code }, fromAddress('fd00:1:2:3:abcd::9'))).code).toBe('PAIRING_THROTTLED');
    // The code has seen 5 wrong tries in its life now (1 from the first device, 4 from the IPv6 one): it is dead.
    expect(errorOf(await restarted.call('terminals.pair', { code }, fromAddress('192.168.1.20'))).code).toBe('PAIRING_CODE_STOPPED');
  });

  it('gives one source at most 10 evaluated guesses in its first hour and then 1 an hour', async () => {
    let now = new Date('2026-11-22T09:00:00Z');
    const { api } = tempApi({ clock: () => now });
    await adminToken(api);
    const attacker = fromAddress('192.168.1.66');
    // The attacker guesses once a second whenever it is let in, and waits exactly as long as told.
    const evaluatedIn = async (ms: number) => {
      let evaluated = 0;
      const end = now.getTime() + ms;
      while (now.getTime() < end && evaluated < 100) {
        const e = errorOf(await api.call('terminals.pair', { code: '123456' }, attacker));
        if (e.code === 'PAIRING_THROTTLED') now = new Date(now.getTime() + e.params!.seconds! * 1000);
        else {
          evaluated++;
          now = new Date(now.getTime() + 1000);
        }
      }
      return evaluated;
    };
    expect(await evaluatedIn(3600_000)).toBe(10);
    expect(await evaluatedIn(3 * 3600_000)).toBeLessThanOrEqual(3);
  });

  it('gives nothing back for pausing between bursts: 11 quiet minutes do not reset the count', async () => {
    let now = new Date('2026-11-22T09:00:00Z');
    const { api } = tempApi({ clock: () => now });
    await adminToken(api);
    const attacker = fromAddress('192.168.1.66');
    for (let i = 0; i < 5; i++) await api.call('terminals.pair', { code: '123456' }, attacker);
    now = new Date(now.getTime() + 11 * 60_000);
    expect(errorOf(await api.call('terminals.pair', { code: '123456' }, attacker)).code).toBe('PAIRING_CODE_WRONG');
    expect(errorOf(await api.call('terminals.pair', { code: '123456' }, attacker))).toMatchObject({ code: 'PAIRING_THROTTLED', params: { seconds: 120 } });
  });

  it('audits every wrong code and lists it for the manager with where it came from', async () => {
    const now = new Date('2026-11-22T09:00:00Z');
    const { api } = tempApi({ clock: () => now });
    const admin = await adminToken(api);
    await api.call('terminals.pair', { code: '111111' }, fromAddress('192.168.1.66'));
    await api.call('terminals.pair', { code: '222222' });
    const { failures } = await ok(api, 'terminals.pairingLog', {}, admin);
    expect(failures).toEqual([
      { at: now.toISOString(), kind: 'pair', source: { kind: 'host' }, staffId: null, staffName: null },
      { at: now.toISOString(), kind: 'pair', source: { kind: 'address', address: '192.168.1.66' }, staffId: null, staffName: null },
    ]);
    const audit = listAudit(api.db).filter((a) => a.action === 'terminals.pairFailed');
    expect(audit.map((a) => a.subject)).toEqual(['host', 'address:192.168.1.66']);
    expect((await fails(api, 'terminals.pairingLog')).code).toBe('UNAUTHENTICATED');
  });
});
