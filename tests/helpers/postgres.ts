import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real PostgreSQL from Debian's packages, in a temporary folder, for one test file: initdb, then
 * pg_ctl start on a free loopback port with its socket in the folder. As root (CI) the server runs as
 * the `postgres` system user the package creates, since PostgreSQL refuses to run as root.
 */
export interface TestPostgres {
  /** Superuser connection string on 127.0.0.1 (password auth, like a real deployment). */
  url: string;
  host: string;
  port: number;
  superuser: string;
  password: string;
  dir: string;
  /** Stops the server: 'fast' shuts down cleanly, 'immediate' is a crash. */
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** Stops the server and removes its folder. */
  destroy(): void;
}

/** The folder with initdb and pg_ctl: the newest /usr/lib/postgresql/N/bin, or null. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed: npm run setup:test installs it (Debian package postgresql).');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'houniao-pg-'));
  const data = join(dir, 'data');
  const superuser = 'houniao_admin';
  const password = 'test-' + Math.random().toString(36).slice(2);
  writeFileSync(join(dir, 'pw'), password);
  let uid: number | undefined;
  let gid: number | undefined;
  if (asRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chownSync(join(dir, 'pw'), uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (file: string, args: string[]) => {
    const result = spawnSync(join(bin, file), args, { uid, gid, encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${file} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', data, '-U', superuser, '--pwfile', join(dir, 'pw'), '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-locale']);
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${dir}`, `-c listen_addresses=127.0.0.1`, '-c fsync=off', '-c idle_in_transaction_session_timeout=30s'].join(' ');
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'fast') => {
    const result = spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop'], { uid, gid, encoding: 'utf8' });
    if (result.status !== 0 && !/not running|No such file/.test(result.stderr)) throw new Error(`pg_ctl stop failed: ${result.stderr}`);
  };
  start();
  return {
    url: `postgres://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    host: '127.0.0.1',
    port,
    superuser,
    password,
    dir,
    stop,
    start,
    destroy() {
      try {
        stop('immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
