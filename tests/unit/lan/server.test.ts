import { describe, expect, it, afterEach } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { startLanServer, type LanServer } from '../../../electron/lan/server.js';
import { latestSchemaVersion } from '../../../db/migrate.js';
import { adminToken, tempApi, tempDir } from '../../helpers/tempDb.js';

let server: LanServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A built-renderer folder with just an index page and one asset. */
function staticDir(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>候鸟驿站</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

async function start() {
  const t = tempApi();
  server = await startLanServer({ api: t.api, port: 0, staticDir: staticDir(), log: () => {} });
  return { ...t, url: server.url };
}

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('LAN server', () => {
  it('binds to 127.0.0.1 by default and reports its health with app and schema version', async () => {
    const { url } = await start();
    expect(server!.host).toBe('127.0.0.1');
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true, app: '候鸟驿站', version: expect.any(String), schemaVersion: latestSchemaVersion() });
  });

  it('runs operations over HTTP with the same results and codes as the API', async () => {
    const { url, api } = await start();
    const res = await post(`${url}/api/call/settings.public`, {});
    expect(res.status).toBe(200);
    expect((await res.json()).data['center.name']).toBe('候鸟驿站服务中心');
    const token = await adminToken(api);
    const bad = await post(`${url}/api/call/settings.update`, { values: { 'center.hotline': 'x' } }, token);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'values.center.hotline' })] });
    expect((await post(`${url}/api/call/settings.update`, { values: {} })).status).toBe(401);
    expect((await post(`${url}/api/call/nope`, {})).status).toBe(404);
  });

  it('answers a body that is not JSON with a validation error, not a crash', async () => {
    const { url, api } = await start();
    const token = await adminToken(api);
    const res = await post(`${url}/api/call/settings.update`, '{not json', token);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('VALIDATION_FAILED');
  });

  it('serves the screens at /kiosk, /staff and /display, redirects / to the kiosk, and sets a strict CSP', async () => {
    const { url } = await start();
    for (const path of ['/kiosk', '/staff', '/display', '/staff/settings']) {
      const res = await fetch(url + path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('候鸟驿站');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    const root = await fetch(url + '/', { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/kiosk');
    expect((await fetch(`${url}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    const { url } = await start();
    const raw = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const u = new URL(url);
        request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    expect(await raw('/../../../../etc/passwd')).toBe(404);
    expect(await raw('/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd')).toBe(404);
  });

  it('pushes events to every connected screen over the WebSocket', async () => {
    const { url, api } = await start();
    const wsUrl = url.replace('http', 'ws') + '/api/events';
    const clients = await Promise.all(
      [1, 2].map(
        () =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(wsUrl);
            ws.once('open', () => resolve(ws));
            ws.once('error', reject);
          }),
      ),
    );
    const received = clients.map((ws) => new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data))))));
    const token = await adminToken(api);
    await post(`${url}/api/call/settings.update`, { values: { 'center.name': '伊春市伊美区党群服务中心' } }, token);
    for (const r of await Promise.all(received)) {
      expect(r).toMatchObject({ type: 'settings.changed', settings: { 'center.name': '伊春市伊美区党群服务中心' } });
    }
    clients.forEach((ws) => ws.close());
  });
});
