import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { addCityAccount, ensureAccountsTable } from '../db/city/accounts.js';
import { createEnrolmentCode } from '../db/city/enrol.js';
import { requestResnapshot } from '../db/city/resnapshot.js';
import { applyCityMigrations } from '../db/city/migrate.js';
import { startHub } from './hub/server.js';

/**
 * `npm run hub`: the city's hub over PostgreSQL (a third kind of host beside the desktop app and serve
 * mode: no SQLite, no kiosk). Also the technician's two chores: a center's enrolment code, a city
 * staff account.
 */
const usage = `用法 / Usage:
  npm run hub -- --pg postgres://USER@HOST/DB [--host 127.0.0.1] [--port 8740] [--public-db HOST:PORT/DB] [--ca root.crt]
      --ca  PostgreSQL 服务器证书的 CA 文件：注册时交给各站点，站点据此校验服务器（等同 sslmode=verify-full）
            / the CA of the PostgreSQL server's certificate, handed to each center at enrolment (verify-full)
  npm run hub -- --pg … --make-code "中心名称"            一次性注册码（72 小时有效）/ one-time enrolment code
  npm run hub -- --pg … --add-user 姓名 --role viewer|center_admin [--center ID]   市级账号 / city staff account
  npm run hub -- --pg … --resnapshot ID                  请该站点重新发送全部数据（如从备份恢复后）/ ask a center for a full re-snapshot`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pg: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8740' },
      'public-db': { type: 'string' },
      ca: { type: 'string' },
      'make-code': { type: 'string' },
      'add-user': { type: 'string' },
      resnapshot: { type: 'string' },
      role: { type: 'string', default: 'viewer' },
      center: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.pg) {
    console.log(usage);
    process.exit(values.help ? 0 : 2);
  }
  const pgUrl = values.pg;
  if (values['make-code'] || values['add-user'] || values.resnapshot) {
    const client = new pg.Client({ connectionString: pgUrl });
    client.on('error', () => {});
    await client.connect();
    try {
      await applyCityMigrations(client);
      await ensureAccountsTable(client);
      if (values['make-code']) console.log(`注册码 / Enrolment code for ${values['make-code']}: ${await createEnrolmentCode(client, values['make-code'])}`);
      if (values.resnapshot) {
        const n = await requestResnapshot(client, Number(values.resnapshot));
        console.log(
          n
            ? `已请站点 ${values.resnapshot} 重新发送全部数据（下次同步时开始）/ Center ${values.resnapshot} will send everything again at its next round`
            : `没有编号为 ${values.resnapshot} 的站点 / No center ${values.resnapshot}`,
        );
      }
      if (values['add-user']) {
        const role = values.role === 'center_admin' ? 'center_admin' : 'viewer';
        const password = await addCityAccount(client, values['add-user'], role, values.center ? Number(values.center) : null);
        console.log(`账号 / Account ${values['add-user']} (${role}) 密码 / password: ${password}`);
      }
    } finally {
      await client.end();
    }
    return;
  }
  let publicDb: { host: string; port: number; database: string };
  try {
    const u = new URL(pgUrl);
    publicDb = { host: u.hostname || '127.0.0.1', port: Number(u.port || 5432), database: u.pathname.slice(1) || 'postgres' };
  } catch {
    console.error('--pg 应为 postgres://用户@主机/数据库 / --pg must be a postgres:// URL');
    process.exit(2);
  }
  const pub = values['public-db'] ? /^([^:/]+):(\d+)\/(.+)$/.exec(values['public-db']) : null;
  if (pub) publicDb = { host: pub[1]!, port: Number(pub[2]), database: pub[3]! };
  let ca: string | null = null;
  if (values.ca) {
    try {
      ca = readFileSync(values.ca, 'utf8');
    } catch {
      console.error(`读不到 CA 文件 / Cannot read the CA file: ${values.ca}`);
      process.exit(2);
    }
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const hub = await startHub({
    pgUrl,
    host: values.host,
    port: Number(values.port),
    publicDatabase: { ...publicDb, ssl: ca },
    staticDir: join(here, '..', 'renderer'),
    log: console.log,
  });
  console.log(`Listening on ${hub.url}`);
  const stop = async () => {
    await hub.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
