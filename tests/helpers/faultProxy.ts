import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 between a client and a server, for injecting network faults the way a
 * center's real uplink fails: `reset()` drops every connection with RST; `blackhole()` keeps the
 * connections open but stops moving bytes (a half-open link) until `heal()`.
 */
export interface FaultProxy {
  port: number;
  reset(): void;
  blackhole(): void;
  heal(): void;
  close(): Promise<void>;
  /** Connections accepted so far. */
  readonly accepted: number;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let holding = false;
  let accepted = 0;
  const server: Server = createServer((client) => {
    accepted += 1;
    const upstream = createConnection(target);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        if (!holding) to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const resetAll = () => {
    for (const [a, b] of pairs) {
      a.resetAndDestroy();
      b.resetAndDestroy();
    }
    pairs.clear();
  };
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    get accepted() {
      return accepted;
    },
    reset: resetAll,
    blackhole() {
      holding = true;
    },
    heal() {
      holding = false;
    },
    async close() {
      resetAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
