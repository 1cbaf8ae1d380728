import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { adminToken, ok } from '../helpers/tempDb.js';
import { callOp, httpCall, startHostile } from './harness.js';

/**
 * A web page open in any browser — on the host itself or anywhere in the building — must not be
 * able to use the host's API: not by a simple cross-site POST, not with text/plain to dodge the
 * preflight, not by DNS rebinding its own name onto our address, not over the event socket.
 */

const centerName = async (port: number) => (await callOp(port, 'settings.public', {})).json.data['center.name'] as string;

/** Opens a WebSocket; resolves 'open' or the refused status with its error code. */
function wsAttempt(url: string, options: { origin?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ opened: boolean; status?: number; code?: string }>((resolve) => {
    const ws = new WebSocket(url, options);
    ws.on('open', () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let code: string | undefined;
        try {
          code = JSON.parse(Buffer.concat(chunks).toString()).error?.code;
        } catch {
          code = undefined;
        }
        resolve({ opened: false, status: res.statusCode, code });
      });
    });
    ws.on('error', () => resolve({ opened: false }));
  });
}

describe('cross-origin requests', () => {
  it('refuses a POST from a foreign page with ORIGIN_REFUSED and changes nothing, even from loopback', async () => {
    const { port, api } = await startHostile();
    const token = await adminToken(api);
    const before = await centerName(port);
    for (const origin of ['http://evil.example', `http://localhost:${port + 1}`, `http://127.0.0.1:${port + 1}`, 'null', `https://127.0.0.1:${port}`]) {
      const res = await callOp(port, 'settings.update', { values: { 'center.name': '被篡改的名称' } }, { Origin: origin, Authorization: `Bearer ${token}` });
      expect({ origin, status: res.status, code: res.json?.error?.code }).toEqual({ origin, status: 403, code: 'ORIGIN_REFUSED' });
      expect(res.json.error.message).toContain('其他网站');
      // A foreign page on the host cannot pass for the host either.
      const me = await callOp(port, 'terminals.me', {}, { Origin: origin });
      expect(me.status).toBe(403);
    }
    // The router decodes the path: a percent-encoded /api/ is the same operation and is refused the same way.
    const encoded = await httpCall(
      port,
      'POST',
      '/%61pi/call/settings.update',
      { 'Content-Type': 'application/json', Origin: 'http://evil.example', Authorization: `Bearer ${token}` },
      JSON.stringify({ values: { 'center.name': '被篡改的名称' } }),
    );
    expect(encoded.status).toBe(403);
    expect(await centerName(port)).toBe(before);
  });

  it('refuses text/plain (the no-preflight CSRF) and other non-JSON bodies with CONTENT_TYPE_REFUSED, changing nothing', async () => {
    const { port, api } = await startHostile();
    const token = await adminToken(api);
    const before = await centerName(port);
    const body = JSON.stringify({ values: { 'center.name': '被篡改的名称' } });
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const res = await httpCall(port, 'POST', '/api/call/settings.update', { 'Content-Type': type, Authorization: `Bearer ${token}` }, body);
      expect({ type, status: res.status, code: res.json?.error?.code }).toEqual({ type, status: 415, code: 'CONTENT_TYPE_REFUSED' });
    }
    expect(await centerName(port)).toBe(before);
  });

  it('refuses DNS rebinding: a foreign name in Host gets HOST_REFUSED on the API and the screens alike', async () => {
    const { port } = await startHostile();
    const host = `evil.example:${port}`;
    const asRebound = { Host: host, Origin: `http://${host}` };
    const me = await callOp(port, 'terminals.me', {}, asRebound);
    expect([me.status, me.json?.error?.code]).toEqual([403, 'HOST_REFUSED']);
    expect(me.json.error.messageEn).toMatch(/host/i);
    for (const path of ['/api/health', '/kiosk', '/assets/app.js']) {
      const res = await httpCall(port, 'GET', path, { Host: host });
      expect([path, res.status, res.json?.error?.code]).toEqual([path, 403, 'HOST_REFUSED']);
    }
  });

  it('refuses a WebSocket upgrade from a foreign Origin or a rebound Host with a typed 403', async () => {
    const { url, port } = await startHostile();
    const ws = `${url.replace('http', 'ws')}/api/events`;
    expect(await wsAttempt(ws, { origin: 'http://evil.example' })).toEqual({ opened: false, status: 403, code: 'ORIGIN_REFUSED' });
    expect(await wsAttempt(ws, { origin: `http://localhost:${port + 1}` })).toEqual({ opened: false, status: 403, code: 'ORIGIN_REFUSED' });
    expect(await wsAttempt(ws, { headers: { Host: `evil.example:${port}` }, origin: `http://evil.example:${port}` })).toEqual({ opened: false, status: 403, code: 'HOST_REFUSED' });
  });

  it('still serves our own origin: same-origin calls are the host, the socket opens and hears events', async () => {
    const { url, port, api } = await startHostile();
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const me = await callOp(port, 'terminals.me', {}, { Host: name, Origin: `http://${name}` });
      expect([name, me.status, me.json?.data?.kind]).toEqual([name, 200, 'host']);
    }
    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/events`, { origin: url });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const heard = new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
    const token = await adminToken(api);
    const res = await callOp(port, 'settings.update', { values: { 'center.name': '同源修改' } }, { Origin: url, Authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(await heard).toMatchObject({ type: 'settings.changed' });
    ws.close();
  });

  it('accepts a name the technician configured (--public-name) and no other', async () => {
    const named = await startHostile({ publicNames: ['houniao.local'] });
    expect((await httpCall(named.port, 'GET', '/api/health', { Host: `houniao.local:${named.port}` })).status).toBe(200);
    expect((await httpCall(named.port, 'GET', '/api/health', { Host: `other.local:${named.port}` })).status).toBe(403);
    const plain = await startHostile();
    expect((await httpCall(plain.port, 'GET', '/api/health', { Host: `houniao.local:${plain.port}` })).json?.error?.code).toBe('HOST_REFUSED');
  });
});

describe('flood limit', () => {
  it('answers a flooding client 429 RATE_LIMITED with Retry-After; the host itself is not limited', async () => {
    const { port } = await startHostile({ rateLimit: { max: 5, windowMs: 60_000 } });
    const remote = { 'X-Houniao-Remote': '1' };
    for (let i = 0; i < 5; i++) expect((await callOp(port, 'terminals.me', {}, remote)).json?.error?.code).toBe('TERMINAL_NOT_PAIRED');
    const flooded = await callOp(port, 'terminals.me', {}, remote);
    expect([flooded.status, flooded.json?.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(flooded.headers['retry-after'])).toBeGreaterThan(0);
    expect(flooded.json.error.message).toMatch(/\d+ 秒后再试/);
    expect((await httpCall(port, 'GET', '/api/health', remote)).status).toBe(429);
    // The host's own screens (loopback, not standing in for a terminal) carry on.
    expect((await callOp(port, 'terminals.me', {})).status).toBe(200);
  });

  it('lets a busy paired kiosk through with the default limit (150 calls in a burst)', async () => {
    const { port, api } = await startHostile();
    const { code } = await ok(api, 'terminals.createCode', { role: 'kiosk', name: '自助机' }, await adminToken(api));
    const { token } = await ok(api, 'terminals.pair', { code });
    const kiosk = { 'X-Houniao-Remote': '1', 'X-Terminal-Token': token as string };
    const statuses = await Promise.all(Array.from({ length: 150 }, () => callOp(port, 'settings.public', {}, kiosk).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
