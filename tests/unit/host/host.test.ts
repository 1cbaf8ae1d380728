import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startHost } from '../../../electron/host.js';
import { DEMO_ADMIN_PIN, seedDemo } from '../../../db/demo/index.js';
import { defaultDataDir } from '../../../db/paths.js';
import { ok, tempDir } from '../../helpers/tempDb.js';

describe('startHost', () => {
  it('creates the database in the data folder and seeds demo data only when asked', async () => {
    const dataDir = tempDir();
    const plain = startHost({ dataDir, backupEveryHours: 0, log: () => {} });
    expect(existsSync(join(dataDir, 'houniao.db'))).toBe(true);
    expect((await ok(plain.api, 'staff.status')).setUp).toBe(false);
    plain.close();

    const demoDir = tempDir();
    const demo = startHost({ dataDir: demoDir, demo: true, backupEveryHours: 0, log: () => {} });
    const { accounts } = await ok(demo.api, 'staff.status');
    const manager = accounts.find((a: { role: string }) => a.role === 'admin');
    expect((await ok(demo.api, 'staff.login', { staffId: manager.id, pin: DEMO_ADMIN_PIN })).staff.role).toBe('admin');
    expect((await ok(demo.api, 'settings.public'))['center.name']).toContain('党群服务中心');
    demo.close();
  });

  it('never seeds demo data into a database that already has work in it', async () => {
    const dataDir = tempDir();
    const host = startHost({ dataDir, backupEveryHours: 0, log: () => {} });
    await ok(host.api, 'staff.setup', { name: '真实站长', pin: '97531' });
    expect(seedDemo(host.db)).toBe(false);
    expect((await ok(host.api, 'staff.status')).accounts.map((a: { name: string }) => a.name)).toEqual(['真实站长']);
    host.close();
  });
});

describe('defaultDataDir', () => {
  it('follows each system and honours HOUNIAO_DATA_DIR', () => {
    expect(defaultDataDir({ HOUNIAO_DATA_DIR: '/srv/houniao' }, 'linux')).toBe('/srv/houniao');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('候鸟驿站');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/a/.config' }, 'linux')).toBe('/home/a/.config/候鸟驿站');
  });
});
