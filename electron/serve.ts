import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../db/paths.js';
import { startHost } from './host.js';
import { startLanServer } from './lan/server.js';

/**
 * `npm run serve`: the whole app without Electron — database, API over HTTP + WebSocket, and the
 * built screens — for the hall TV, a second counter, a browser, and the end-to-end tests.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8731' },
      data: { type: 'string' },
      'public-name': { type: 'string', multiple: true, default: [] },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(`用法 / Usage: npm run serve -- [--host 127.0.0.1] [--port 8731] [--data DIR] [--demo] [--public-name NAME]
  --host         地址（默认只在本机 127.0.0.1；局域网内其他终端访问请用 0.0.0.0）
  --port         端口（0 = 任意空闲端口）
  --data         数据目录（默认与桌面程序相同）
  --demo         空数据库时写入演示数据
  --public-name  终端用来访问本机的名称（如 houniao.local，可写多次）；不写则只接受本机 IP 和 localhost`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口应为 0 到 65535 之间的整数 / --port must be an integer 0–65535 (got ${values.port}).`);
    process.exit(2);
  }
  const dataDir = resolve(values.data ?? defaultDataDir());
  const host = startHost({ dataDir, demo: values.demo });
  const here = dirname(fileURLToPath(import.meta.url));
  const server = await startLanServer({ api: host.api, host: values.host, port, staticDir: join(here, '..', 'renderer'), publicNames: values['public-name'] });
  console.log(`数据目录 / Data: ${dataDir}`);
  console.log(`Listening on ${server.url}`);
  const stop = async () => {
    await server.close();
    host.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
