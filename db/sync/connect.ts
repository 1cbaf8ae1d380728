import pg from 'pg';
import type { SyncState } from './state.js';

/**
 * A connection to the city's PostgreSQL as this center's own role, with the timeouts a flaky uplink
 * needs (connect, every query, keep-alive for half-open links) and an 'error' listener: an idle
 * connection that drops must never take the host down.
 */
export function cityClient(
  state: SyncState,
  opts: { target?: { host: string; port: number }; connectTimeoutMs: number; queryTimeoutMs: number; log: (line: string) => void },
): pg.Client {
  const conn = state.pg!;
  const target = opts.target ?? { host: conn.host, port: conn.port };
  const client = new pg.Client({
    host: target.host,
    port: target.port,
    database: conn.database,
    user: conn.user,
    password: conn.password,
    ssl: conn.ssl ? { ca: conn.ssl, rejectUnauthorized: true } : undefined,
    connectionTimeoutMillis: opts.connectTimeoutMs,
    query_timeout: opts.queryTimeoutMs,
    statement_timeout: opts.queryTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 5_000,
    application_name: `houniao-center-${state.centerId}`,
  });
  client.on('error', (err) => opts.log(`sync: connection error: ${err.message}`));
  return client;
}
