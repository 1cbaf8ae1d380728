/* eslint-disable no-restricted-syntax -- parses request targets by hand; being replaced by the Fastify transport (issue 11) */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Api } from '../../db/api/api.js';
import { errorCatalog } from '../../db/errors/index.js';
import { APP_NAME, APP_VERSION } from '../../db/appInfo.js';
import { schemaVersion } from '../../db/migrate.js';
import { contentSecurityPolicy } from '../security.js';
import { terminalByToken, touchTerminal } from '../../db/terminals/terminals.js';

export interface LanServerOptions {
  api: Api;
  host?: string;
  port?: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  log?: (line: string) => void;
  /**
   * Requests from loopback without an X-Houniao-Remote header are the host itself and need no
   * pairing (default). Tests turn this off to play a terminal from 127.0.0.1.
   */
  trustLoopback?: boolean;
}

export interface GateOptions {
  trustLoopback?: boolean;
}

/** The host itself: a loopback connection that does not say it stands in for a remote client. */
export function isHostRequest(req: IncomingMessage, { trustLoopback = true }: GateOptions = {}): boolean {
  if (!trustLoopback) return false;
  const addr = req.socket.remoteAddress ?? '';
  const loopback = addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1';
  return loopback && req.headers['x-houniao-remote'] === undefined;
}

function terminalTokenOf(req: IncomingMessage): string | null {
  const header = req.headers['x-terminal-token'];
  if (typeof header === 'string' && header) return header;
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('terminal');
}

export interface LanServer {
  url: string;
  host: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** The three screens; every path below them is the single-page app. */
const SCREEN_PATH = /^\/(kiosk|staff|display|pair)(\/.*)?$/;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new Error('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

/**
 * Answers /api/health and /api/call/<operation>. Returns false for any other path so the caller
 * can serve screens or assets. Shared by the LAN server and the Vite dev server.
 */
export async function handleApiRequest(api: Api, req: IncomingMessage, res: ServerResponse, gate: GateOptions = {}): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/api/health' && req.method === 'GET') {
    sendJson(res, 200, { ok: true, app: APP_NAME, version: APP_VERSION, schemaVersion: schemaVersion(api.db) });
    return true;
  }
  if (path.startsWith('/api/call/')) {
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'METHOD_NOT_ALLOWED' } });
      return true;
    }
    const operation = decodeURIComponent(path.slice('/api/call/'.length));
    let input: unknown;
    try {
      input = await readBody(req);
    } catch {
      // An unreadable body is a validation failure like any other: the same error shape, nothing changed.
      input = Symbol('unreadable');
    }
    const remote = isHostRequest(req, gate) ? undefined : { terminalToken: terminalTokenOf(req), address: req.socket.remoteAddress ?? null };
    const result = await api.call(operation, input, { token: bearerToken(req), ...(remote ? { remote } : {}) });
    sendJson(res, result.ok ? 200 : errorCatalog[result.error.code].status, result);
    return true;
  }
  if (path.startsWith('/api/')) {
    sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND' } });
    return true;
  }
  return false;
}

/** Pushes every API event to WebSocket clients on /api/events, with a heartbeat that drops dead ones. */
export function attachEventSocket(server: Server, api: Api, gate: GateOptions = {}): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/api/events') return; // other upgrade listeners (Vite's HMR) may want it
    // Only the host and paired terminals hear events; a revoked terminal is cut off below.
    let terminalId: number | null = null;
    if (!isHostRequest(req, gate)) {
      const terminal = terminalByToken(api.db, terminalTokenOf(req));
      if (!terminal) {
        socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
        socket.destroy();
        return;
      }
      terminalId = terminal.id;
      touchTerminal(api.db, terminal.id, new Date()); // 最近连接, once per connection (not per call: no extra commits)
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (terminalId !== null) terminalOf.set(ws, terminalId);
      wss.emit('connection', ws, req);
    });
  });
  const alive = new WeakMap<WebSocket, boolean>();
  const terminalOf = new WeakMap<WebSocket, number>();
  wss.on('connection', (ws) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    const unsubscribe = api.events.subscribe((event) => {
      if (event.type === 'terminal.revoked' && terminalOf.get(ws) === event.terminalId) {
        ws.close(4001, 'revoked');
        return;
      }
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  });
  // Drop screens whose network went away without a close (a TV unplugged), so listeners do not pile up.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, 30_000);
  heartbeat.unref();
  return {
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

/**
 * The LAN transport: the API over HTTP (POST /api/call/<operation>) and its events over a
 * WebSocket (/api/events), plus the built screens. A thin adapter: every rule is in api.call.
 */
export async function startLanServer({ api, host = '127.0.0.1', port = 0, staticDir, log = console.log, trustLoopback = true }: LanServerOptions): Promise<LanServer> {
  const indexFile = join(staticDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`界面文件不存在，请先运行 npm run build / Renderer not built: ${indexFile} is missing (run npm run build).`);
  const indexHtml = readFileSync(indexFile);
  const assets = sirv(staticDir, { dev: false, etag: true, gzip: false, brotli: false });
  const securityHeaders = {
    'Content-Security-Policy': contentSecurityPolicy({ allowWebSocket: true }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };

  const server = createServer(async (req, res) => {
    for (const [k, v] of Object.entries(securityHeaders)) res.setHeader(k, v);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    try {
      if (await handleApiRequest(api, req, res, { trustLoopback })) return;
      if (path === '/') {
        res.writeHead(302, { Location: '/kiosk' });
        return res.end();
      }
      if (SCREEN_PATH.test(path)) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
        return res.end(indexHtml);
      }
      assets(req, res, () => {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('未找到 / Not found');
      });
    } catch (err) {
      log(`[lan] ${req.method} ${path} failed: ${String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL' } });
    }
  });

  const events = attachEventSocket(server, api, { trustLoopback });
  server.on('upgrade', (req, socket) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/api/events') socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  return {
    url,
    host: address.address,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
