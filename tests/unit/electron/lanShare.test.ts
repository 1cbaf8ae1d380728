import { createServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHost, type Host } from '../../../electron/host.js';
import { shareOnLan } from '../../../electron/lanShare.js';
import type { LanServer } from '../../../electron/lan/server.js';
import { writeSettings } from '../../../db/settings.js';
import { tempDir } from '../../helpers/tempDb.js';

const opened: Array<{ host: Host; server?: LanServer }> = [];
afterEach(async () => {
  for (const { host, server } of opened.splice(0)) {
    await server?.close();
    host.close();
  }
});

function renderer() {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>候鸟驿站</title>');
  return dir;
}

/** A port that was free a moment ago (the setting allows only 1024–65535, so port 0 is not an option). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function hostWith(settings: Parameters<typeof writeSettings>[1]) {
  const host = startHost({ dataDir: tempDir(), backupEveryHours: 0, log: () => {} });
  writeSettings(host.db, settings);
  const entry: { host: Host; server?: LanServer } = { host };
  opened.push(entry);
  return entry;
}

describe('shareOnLan', () => {
  it('does nothing unless the terminal is set to serve the LAN', async () => {
    const { host } = hostWith({});
    expect(await shareOnLan(host, renderer(), vi.fn())).toBeUndefined();
  });

  it('serves the API and screens at the configured address', async () => {
    const port = await freePort();
    const entry = hostWith({ 'lan.enabled': true, 'lan.host': '127.0.0.1', 'lan.port': port });
    const log = vi.fn();
    entry.server = await shareOnLan(entry.host, renderer(), log);
    expect(entry.server?.url).toBe(`http://127.0.0.1:${port}`);
    const health = await fetch(`${entry.server!.url}/api/health`).then((r) => r.json());
    expect(health.ok).toBe(true);
    expect(log).toHaveBeenCalledWith(expect.stringContaining(entry.server!.url));
  });

  it('logs and carries on when the port is taken', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    try {
      const { host } = hostWith({ 'lan.enabled': true, 'lan.host': '127.0.0.1', 'lan.port': port });
      const log = vi.fn();
      expect(await shareOnLan(host, renderer(), log)).toBeUndefined();
      expect(log).toHaveBeenCalledWith(expect.stringContaining('LAN server not started'));
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});
