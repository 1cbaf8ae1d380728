import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startLanServer, type LanServer } from '../../../electron/lan/server.js';
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
});
