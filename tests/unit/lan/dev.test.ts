import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { mountDevApi, type DevApi } from '../../../electron/lan/dev.js';
import { adminToken, tempApi } from '../../helpers/tempDb.js';

let server: Server | undefined;
let dev: DevApi | undefined;
afterEach(async () => {
  await dev?.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = dev = undefined;
});

/** A stand-in for Vite's dev server: a middleware chain ending in "Vite's page", and its own upgrade listener. */
async function viteLike() {
  const t = tempApi();
  server = createServer((req, res) => dev!.middleware(req, res, () => res.end('vite page')));
  dev = await mountDevApi(t.api, server, '127.0.0.1');
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { ...t, url: `http://127.0.0.1:${port}` };
}

describe('the dev mount (npm run dev)', () => {
  it('hands /api/* to the LAN app with its rules and everything else back to Vite', async () => {
    const { url } = await viteLike();
    expect(await (await fetch(`${url}/api/health`)).json()).toMatchObject({ ok: true, app: '候鸟驿站' });
    const call = await fetch(`${url}/api/call/settings.public`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(call.status).toBe(200);
    const plain = await fetch(`${url}/api/call/settings.public`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect([plain.status, (await plain.json()).error.code]).toEqual([415, 'CONTENT_TYPE_REFUSED']);
    const foreign = await fetch(`${url}/api/call/settings.public`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, body: '{}' });
    expect((await foreign.json()).error.code).toBe('ORIGIN_REFUSED');
    expect(await (await fetch(`${url}/kiosk`)).text()).toBe('vite page');
  });

  it('passes /api/events upgrades to the LAN app: events arrive, a foreign Origin is refused', async () => {
    const { url, api } = await viteLike();
    const wsUrl = `${url.replace('http', 'ws')}/api/events`;
    const ws = new WebSocket(wsUrl, { origin: url });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const heard = new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
    await api.call('settings.update', { values: { 'center.name': '开发模式' } }, { token: await adminToken(api) });
    expect(await heard).toMatchObject({ type: 'settings.changed' });
    ws.close();
    const refused = await new Promise<number>((resolve) => {
      const bad = new WebSocket(wsUrl, { origin: 'http://evil.example' });
      bad.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      bad.on('error', () => resolve(0));
    });
    expect(refused).toBe(403);
  });
});
