import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from '../../db/api/api.js';
import { answerSocket, buildLanApp, DEFAULT_RATE_LIMIT } from './app.js';

export { isHostRequest, type GateOptions } from './guard.js';

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
  /** Names besides our addresses and localhost that clients may use in Host (serve's --public-name). */
  publicNames?: readonly string[];
  /** The per-address flood limit on /api/* (default DEFAULT_RATE_LIMIT). */
  rateLimit?: { max: number; windowMs: number };
}

export interface LanServer {
  url: string;
  host: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * The LAN transport: the API over HTTP (POST /api/call/<operation>) and its events over a
 * WebSocket (/api/events), plus the built screens — a Fastify app (./app.ts) listening on
 * host:port. A thin adapter: every rule is in api.call.
 */
export async function startLanServer({
  api,
  host = '127.0.0.1',
  port = 0,
  staticDir,
  log = console.log,
  trustLoopback = true,
  publicNames = [],
  rateLimit = DEFAULT_RATE_LIMIT,
}: LanServerOptions): Promise<LanServer> {
  const indexFile = join(staticDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`界面文件不存在，请先运行 npm run build / Renderer not built: ${indexFile} is missing (run npm run build).`);
  const app = await buildLanApp({ api, staticDir, log, trustLoopback, rateLimit, hostRule: { listenHost: host, publicNames } });
  // CONNECT (an authority-form target) never reaches Fastify; Node would drop the connection unanswered.
  app.server.on('connect', (req, socket) => answerSocket(socket, 'METHOD_NOT_ALLOWED', { method: 'CONNECT', allow: 'GET, HEAD, POST' }));
  // An Expect header other than 100-continue: Node would answer 417 with an empty body.
  app.server.on('checkExpectation', (req) => answerSocket(req.socket, 'EXPECTATION_FAILED'));
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close();
    throw err;
  }
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    host: address.address,
    port: address.port,
    server: app.server,
    close: () => app.close(),
  };
}
