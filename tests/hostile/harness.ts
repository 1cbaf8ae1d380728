import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startLanServer, type LanServer, type LanServerOptions } from '../../electron/lan/server.js';
import { tempApi, tempDir } from '../helpers/tempDb.js';

const servers: LanServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** The real LAN server on 127.0.0.1 over a real temp SQLite host, with a tiny built-renderer folder. */
export async function startHostile(options: Partial<Omit<LanServerOptions, 'api' | 'staticDir'>> = {}) {
  const t = tempApi();
  const dir = tempDir();
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>候鸟驿站</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  const server = await startLanServer({ api: t.api, port: 0, staticDir: dir, log: () => {}, ...options });
  servers.push(server);
  return { ...t, server, url: server.url, port: server.port, origin: server.url };
}

export interface RawAnswer {
  /** 0 = no HTTP answer before the connection closed or the wait ran out. */
  status: number;
  headers: Record<string, string>;
  body: string;
  json?: { ok?: boolean; error?: { code?: string; message?: string; messageEn?: string } };
  /** How the exchange ended besides the answer: 'closed', 'timeout' or an error code such as ECONNRESET. */
  ended: string;
}

/**
 * Sends bytes exactly as given over a plain TCP connection (no HTTP client to tidy them up) and
 * reads the first HTTP answer: status, headers and a Content-Length body.
 */
export function rawRequest(port: number, payload: string | Buffer | Buffer[], waitMs = Number(process.env.HOSTILE_WAIT_MS ?? 5000)): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let settled = false;
    const finish = (ended: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(data, ended));
    };
    const timer = setTimeout(() => finish('timeout'), waitMs);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const answer = parse(data, 'open');
      const length = Number(answer.headers['content-length'] ?? NaN);
      if (answer.status && Number.isFinite(length) && Buffer.byteLength(answer.body) >= length) finish('answered');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => finish(err.code ?? 'error'));
    socket.on('close', () => finish('closed'));
    const parts = Array.isArray(payload) ? payload : [payload];
    socket.on('connect', () => {
      for (const part of parts) if (!socket.destroyed) socket.write(part, () => {});
    });
  });
}

function parse(data: Buffer, ended: string): RawAnswer {
  const text = data.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return { status: 0, headers: {}, body: '', ended };
  const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let payload = data.subarray(split + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) payload = dechunk(payload);
  const body = payload.toString('utf8');
  let json: RawAnswer['json'];
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status, headers, body, json, ended };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** A WebSocket opening handshake, as bytes. */
export function upgrade(target: string, host: string, extra: Record<string, string> = {}): string {
  const headers = {
    Host: host,
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    ...extra,
  };
  return `GET ${target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

/** One HTTP request through node:http, which (unlike fetch) lets a test set Host and Origin as a browser page would. */
export function httpCall(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: { ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** POST /api/call/<op> with a JSON body and the given headers. */
export function callOp(port: number, op: string, input: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return httpCall(port, 'POST', `/api/call/${op}`, { 'Content-Type': 'application/json', ...headers }, JSON.stringify(input));
}
