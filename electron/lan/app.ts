import { readFileSync } from 'node:fs';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerFactory } from 'fastify';
import fastifyWebsocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import fastifyRateLimit from '@fastify/rate-limit';
import type { WebSocket } from 'ws';
import type { Api } from '../../db/api/api.js';
import { ApiError, errorCatalog, type ErrorCode } from '../../db/errors/index.js';
import { APP_NAME, APP_VERSION } from '../../db/appInfo.js';
import { schemaVersion } from '../../db/migrate.js';
import { contentSecurityPolicy } from '../security.js';
import { terminalByToken, touchTerminal } from '../../db/terminals/terminals.js';
import { hostAllowed, isHostRequest, isJsonContentType, originAllowed, type HostRule } from './guard.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * The coarse flood limit on /api/* per client address: 1200 requests a minute (20 a second
 * sustained). A busy kiosk or counter makes a few calls a second at most; a script hammering the
 * host gets 429 RATE_LIMITED. The host itself (loopback, not standing in for a remote) is exempt.
 */
export const DEFAULT_RATE_LIMIT = { max: 1200, windowMs: 60_000 };
/** The screens; every path below them is the single-page app. */
const SCREENS = ['kiosk', 'staff', 'display', 'pair', 'rating'] as const;

export interface LanAppOptions {
  api: Api;
  /** The built renderer (dist/renderer); absent under Vite's dev server, which serves the screens itself. */
  staticDir?: string;
  /** Names the Host header may carry (besides loopback). */
  hostRule: HostRule;
  log?: (line: string) => void;
  /** Loopback without X-Houniao-Remote is the host itself (default). Tests turn it off to play a terminal. */
  trustLoopback?: boolean;
  rateLimit?: { max: number; windowMs: number };
  /** Vite's dev mount: Fastify gets a server it never listens on, and the request handler is called directly. */
  serverFactory?: FastifyServerFactory;
}

/** The answer every failure gets, whatever stage refused it: the API's own error shape. */
export function errorBody(code: ErrorCode, params?: Record<string, string | number>) {
  return { ok: false as const, error: new ApiError(code, params).toBody() };
}

export const SECURITY_HEADERS = {
  'Content-Security-Policy': contentSecurityPolicy({ allowWebSocket: true }),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** A complete HTTP response for a connection the HTTP parser gave up on (no request object exists). */
export function rawErrorResponse(code: ErrorCode, params?: Record<string, string | number>): string {
  const body = JSON.stringify(errorBody(code, params));
  const status = errorCatalog[code].status;
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n' +
    body
  );
}

/**
 * Answers and closes a raw socket. It keeps reading (and dropping) what the client still sends for
 * a moment: closing with unread bytes makes the kernel send a reset that can destroy the answer
 * before the client reads it.
 */
export function answerSocket(socket: Duplex, code: ErrorCode, params?: Record<string, string | number>): void {
  if (socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.on('error', () => socket.destroy());
  socket.end(rawErrorResponse(code, params));
  socket.resume();
  setTimeout(() => socket.destroy(), 2000).unref();
}

function sendError(reply: FastifyReply, code: ErrorCode, params?: Record<string, string | number>): FastifyReply {
  if (reply.raw.headersSent) {
    reply.raw.destroy();
    return reply;
  }
  // An upgrade request answered with an error: the socket has no further use.
  if (reply.request.raw.headers.upgrade !== undefined) reply.header('Connection', 'close');
  return reply.code(errorCatalog[code].status).headers(SECURITY_HEADERS).header('Cache-Control', 'no-store').type('application/json; charset=utf-8').send(errorBody(code, params));
}

const ABSOLUTE_FORM = /^https?:\/\/([^/?#]*)/i;

/** The path of a request target (origin- or absolute-form), without its query; no decoding (only compared as a string). */
function pathOf(url: string | undefined): string {
  let raw = url ?? '/';
  const absolute = ABSOLUTE_FORM.exec(raw);
  if (absolute) raw = raw.slice(absolute[0].length) || '/';
  const q = raw.search(/[?#]/);
  return q < 0 ? raw : raw.slice(0, q);
}

/** What `ws` insists on before it upgrades; checked first so a bad handshake gets our typed answer. */
function isWebSocketHandshake(request: FastifyRequest): boolean {
  const h = request.headers;
  return (
    String(h.upgrade).toLowerCase() === 'websocket' &&
    /^[+/0-9A-Za-z]{22}==$/.test(String(h['sec-websocket-key'] ?? '')) &&
    (h['sec-websocket-version'] === '13' || h['sec-websocket-version'] === '8')
  );
}

/** Which methods a known path accepts, for 405; null when the path is not ours. */
function allowedMethods(path: string): string | null {
  if (path === '/api/health') return 'GET, HEAD';
  if (path === '/api/events') return 'GET';
  if (/^\/api\/call\/[^/]+$/.test(path)) return 'POST';
  if (path === '/' || SCREENS.some((s) => path === `/${s}` || path.startsWith(`/${s}/`))) return 'GET, HEAD';
  return null;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

function terminalTokenOf(request: FastifyRequest): string | null {
  const header = request.headers['x-terminal-token'];
  if (typeof header === 'string' && header) return header;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.terminal === 'string' ? query.terminal : null;
}

/** A body that is not JSON: api.call rejects it as VALIDATION_FAILED like any other bad input. */
const UNREADABLE = Symbol('unreadable body');

interface RateLimitedError extends Error {
  statusCode: 429;
  rateLimitSeconds: number;
}
function isRateLimited(err: unknown): err is RateLimitedError {
  return err instanceof Error && (err as Partial<RateLimitedError>).rateLimitSeconds !== undefined;
}

/**
 * The LAN transport as a Fastify app: POST /api/call/<operation> → api.call, GET /api/health,
 * the event WebSocket at /api/events, and (when staticDir is given) the built screens. Fastify
 * parses the request; this file only decides who may ask and turns every refusal into the API's
 * typed error. Nothing here knows an operation: every rule is in api.call.
 */
export async function buildLanApp(options: LanAppOptions): Promise<FastifyInstance> {
  const { api, staticDir, hostRule, log = console.log, trustLoopback = true, rateLimit = DEFAULT_RATE_LIMIT } = options;
  const gate = { trustLoopback };
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    forceCloseConnections: true,
    // A request without Host reaches our hook and gets a typed 400 instead of Node's empty one.
    http: { requireHostHeader: false },
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
    // The HTTP parser refused the bytes (bad request line, header too large, too slow): answer, then close.
    clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex) {
      if (err.code === 'ECONNRESET') return;
      const code: ErrorCode = err.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'REQUEST_TIMEOUT' : 'BAD_REQUEST';
      answerSocket(socket, code);
    },
    // Fastify's router could not decode the path (bad percent-encoding) or a parameter is too long.
    frameworkErrors(_err, request, reply) {
      sendError(reply, 'BAD_REQUEST');
      if (request.raw.headers.upgrade !== undefined) reply.raw.once('finish', () => request.raw.socket.destroy());
    },
  });

  app.removeAllContentTypeParsers();
  const parseJson = app.getDefaultJsonParser('remove', 'remove');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (request, body, done) => {
    if (body === '') return done(null, {});
    parseJson(request, body as string, (err, value) => done(null, err ? UNREADABLE : value));
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  // First of all, for every request and upgrade: Host must name us; the Origin, if any, must be ours.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    if (!request.headers.host) return void sendError(reply, 'BAD_REQUEST');
    if (!hostAllowed(request.headers.host, hostRule)) return void sendError(reply, 'HOST_REFUSED');
    // An absolute-form target (`GET http://name/path`) names the host it is for, and that name wins over Host.
    const target = request.raw.url ?? '/';
    if (!target.startsWith('/')) {
      const authority = ABSOLUTE_FORM.exec(target)?.[1];
      if (authority === undefined) return void sendError(reply, 'BAD_REQUEST');
      if (!hostAllowed(authority, hostRule)) return void sendError(reply, 'HOST_REFUSED');
    }
    // Every request, not only those whose target spells /api/: the router decodes (/%61pi/… is /api/…),
    // and no page of ours ever sends a foreign Origin for a file either.
    if (!originAllowed(request.headers.origin, request.headers.host)) return void sendError(reply, 'ORIGIN_REFUSED');
    // Only /api/events speaks WebSocket; an upgrade anywhere else is refused before it is accepted.
    if (request.ws && request.routeOptions.url !== '/api/events') return void sendError(reply, 'ROUTE_NOT_FOUND');
    done();
  });

  app.setNotFoundHandler((request, reply) => {
    const allow = allowedMethods(pathOf(request.raw.url));
    if (allow) return sendError(reply.header('Allow', allow), 'METHOD_NOT_ALLOWED', { method: request.method, allow });
    return sendError(reply, 'ROUTE_NOT_FOUND');
  });

  app.setErrorHandler((err, request, reply) => {
    if (isRateLimited(err)) return sendError(reply.header('Retry-After', String(err.rateLimitSeconds)), 'RATE_LIMITED', { seconds: err.rateLimitSeconds });
    const e = err as { code?: string; statusCode?: number };
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply.header('Connection', 'close'), 'BODY_TOO_LARGE', { limit: '1 MB' });
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 'CONTENT_TYPE_REFUSED');
    const status = e.statusCode ?? 500;
    // @fastify/static refuses a path that climbs out of the renderer folder (403) or names nothing (404).
    if (status === 403 || status === 404) return sendError(reply, 'ROUTE_NOT_FOUND');
    if (status >= 400 && status < 500) return sendError(reply, 'BAD_REQUEST');
    log(`[lan] ${request.method} ${pathOf(request.raw.url).slice(0, 200)} failed: ${String(err)}`);
    return sendError(reply, 'INTERNAL');
  });

  const alive = new WeakMap<WebSocket, boolean>();
  // The API: rate-limited per client address; the host itself is not limited.
  await app.register(async (scope) => {
    await scope.register(fastifyRateLimit, {
      global: true,
      max: rateLimit.max,
      timeWindow: rateLimit.windowMs,
      allowList: (request) => isHostRequest(request.raw, gate),
      errorResponseBuilder: (_request, context) => Object.assign(new Error('rate limited'), { statusCode: 429, rateLimitSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
    });

    scope.get('/api/health', (_request, reply) => {
      reply.header('Cache-Control', 'no-store').send({ ok: true, app: APP_NAME, version: APP_VERSION, schemaVersion: schemaVersion(api.db) });
    });

    scope.post<{ Params: { operation: string } }>('/api/call/:operation', async (request, reply) => {
      if (!isJsonContentType(request.headers['content-type'])) return sendError(reply, 'CONTENT_TYPE_REFUSED');
      const input = request.body === undefined ? {} : request.body;
      const remote = isHostRequest(request.raw, gate) ? undefined : { terminalToken: terminalTokenOf(request), address: request.raw.socket.remoteAddress ?? null };
      const result = await api.call(request.params.operation, input, { token: bearerToken(request), ...(remote ? { remote } : {}) });
      return reply
        .code(result.ok ? 200 : errorCatalog[result.error.code].status)
        .header('Cache-Control', 'no-store')
        .send(result);
    });

    // Events: only the host and paired terminals hear them; a revoked terminal is cut off.
    const terminalOfRequest = new WeakMap<IncomingMessage, number>();
    const terminalOf = new WeakMap<WebSocket, number>();
    scope.route({
      method: 'GET',
      url: '/api/events',
      preHandler(request, reply, done) {
        if (!request.ws) return done();
        if (!isWebSocketHandshake(request)) return void sendError(reply, 'BAD_REQUEST');
        if (isHostRequest(request.raw, gate)) return done();
        const terminal = terminalByToken(api.db, terminalTokenOf(request));
        if (!terminal) return void sendError(reply, 'TERMINAL_NOT_PAIRED');
        terminalOfRequest.set(request.raw, terminal.id);
        touchTerminal(api.db, terminal.id, new Date()); // 最近连接, once per connection (not per call: no extra commits)
        done();
      },
      handler: (_request, reply) => sendError(reply, 'UPGRADE_REQUIRED'),
      wsHandler(ws, request) {
        const terminalId = terminalOfRequest.get(request.raw);
        if (terminalId !== undefined) terminalOf.set(ws, terminalId);
        alive.set(ws, true);
        ws.on('pong', () => alive.set(ws, true));
        ws.on('message', () => {}); // screens only listen; anything they send is dropped
        const unsubscribe = api.events.subscribe((event) => {
          if (event.type === 'terminal.revoked' && terminalOf.get(ws) === event.terminalId) {
            ws.close(4001, 'revoked');
            return;
          }
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
        });
        ws.on('close', unsubscribe);
        ws.on('error', unsubscribe);
      },
    });
  });

  // Drop screens whose network went away without a close (a TV unplugged), so listeners do not pile up.
  const heartbeat = setInterval(() => {
    for (const ws of app.websocketServer.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, 30_000);
  heartbeat.unref();
  app.addHook('onClose', (_instance, done) => {
    clearInterval(heartbeat);
    for (const ws of app.websocketServer.clients) ws.terminate();
    done();
  });

  if (staticDir) {
    const indexHtml = readFileSync(join(staticDir, 'index.html'));
    const screen = (_request: FastifyRequest, reply: FastifyReply) => {
      reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
    };
    app.get('/', (_request, reply) => {
      reply.redirect('/kiosk', 302);
    });
    for (const name of SCREENS) {
      app.get(`/${name}`, screen);
      app.get(`/${name}/*`, screen);
    }
    await app.register(fastifyStatic, { root: staticDir, index: false, redirect: false, wildcard: true, dotfiles: 'ignore' });
  }

  await app.ready();
  return app;
}
