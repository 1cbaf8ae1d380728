import type { Host } from './host.js';
import { startLanServer, type LanServer } from './lan/server.js';
import { readSetting } from '../db/settings.js';
import type { Log } from './log.js';

/**
 * When the terminal setting says so, this host also serves the other terminals in the building
 * (hall TV, second counter). A busy port must not stop the kiosk itself, so failure is only logged.
 */
export async function shareOnLan(host: Host, staticDir: string, log: Log): Promise<LanServer | undefined> {
  if (!readSetting(host.db, 'lan.enabled')) return undefined;
  const address = { host: readSetting(host.db, 'lan.host'), port: readSetting(host.db, 'lan.port') };
  try {
    const server = await startLanServer({ api: host.api, ...address, staticDir, log });
    log(`[lan] 局域网服务已开启 / Serving other terminals on ${server.url}`);
    return server;
  } catch (err) {
    log(`[lan] 局域网服务没有启动 / LAN server not started on ${address.host}:${address.port}: ${String(err)}`);
    return undefined;
  }
}
