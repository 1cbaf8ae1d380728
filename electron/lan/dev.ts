import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Api } from '../../db/api/api.js';
import { buildLanApp } from './app.js';

export interface DevApi {
  /** Connect-style middleware: /api/* goes to the LAN app, everything else to next() (Vite's own pages). */
  middleware(req: IncomingMessage, res: ServerResponse, next: () => void): void;
  close(): Promise<void>;
}

function isApiPath(url: string | undefined): boolean {
  return (url ?? '').startsWith('/api/');
}

/**
 * `npm run dev` mounts the very same Fastify app inside Vite's dev server. Fastify is built with a
 * serverFactory that hands us its request handler and a server that never listens: Vite's
 * middleware stack calls that handler for /api/* (so every hook, limit and typed refusal is the
 * one production runs), and Vite's server passes /api/* WebSocket upgrades on to it, where
 * @fastify/websocket routes them through the same hooks. Vite keeps its own HMR socket.
 */
export async function mountDevApi(api: Api, httpServer: Server | null, listenHost: string): Promise<DevApi> {
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const app = await buildLanApp({
    api,
    hostRule: { listenHost },
    serverFactory: (handler) => {
      handle = handler;
      return createServer();
    },
  });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (isApiPath(req.url)) app.server.emit('upgrade', req, socket, head);
  };
  httpServer?.on('upgrade', onUpgrade);
  return {
    middleware(req, res, next) {
      if (isApiPath(req.url) && handle) handle(req, res);
      else next();
    },
    async close() {
      httpServer?.off('upgrade', onUpgrade);
      await app.close();
    },
  };
}
