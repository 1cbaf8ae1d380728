import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { chooseDataDir, parseShellArgs } from '../../../electron/args.js';
import { createFileLog } from '../../../electron/log.js';
import { electronSqlitePath, findElectronSqlite } from '../../../electron/nativeBinding.js';
import { APP_ORIGIN, createTrustCheck, originOf, trustedOrigins } from '../../../electron/origin.js';
import { electronSqlitePath as launcherSqlitePath } from '../../../electron/launch/launcher.mjs';
import { tempDir } from '../../helpers/tempDb.js';

describe('parseShellArgs', () => {
  it('reads --demo and --data in both spellings among Electron’s own arguments', () => {
    expect(parseShellArgs(['/usr/bin/electron', '.'])).toEqual({ demo: false });
    expect(parseShellArgs(['/usr/bin/electron', '.', '--demo', '--data', '/srv/d'])).toEqual({ demo: true, dataDir: '/srv/d' });
    expect(parseShellArgs(['C:\\候鸟驿站.exe', '--data=D:\\驿站数据', '--enable-logging'])).toEqual({ demo: false, dataDir: 'D:\\驿站数据' });
    expect(parseShellArgs(['electron', '--data'])).toEqual({ demo: false });
  });

  it('chooses --data over HOUNIAO_DATA_DIR over Electron’s userData', () => {
    const userData = () => '/home/a/.config/候鸟驿站';
    expect(chooseDataDir({ demo: false, dataDir: '/x' }, { HOUNIAO_DATA_DIR: '/y' }, userData)).toBe('/x');
    expect(chooseDataDir({ demo: false }, { HOUNIAO_DATA_DIR: '/y' }, userData)).toBe('/y');
    expect(chooseDataDir({ demo: false }, {}, userData)).toBe('/home/a/.config/候鸟驿站');
  });

  it('makes a relative --data or HOUNIAO_DATA_DIR absolute (app.setPath throws on a relative path)', () => {
    const userData = () => '/home/a/.config/候鸟驿站';
    expect(chooseDataDir({ demo: false, dataDir: 'kiosk-data' }, {}, userData, '/srv/houniao')).toBe('/srv/houniao/kiosk-data');
    expect(chooseDataDir({ demo: false }, { HOUNIAO_DATA_DIR: './d' }, userData, '/srv/houniao')).toBe('/srv/houniao/d');
    expect(chooseDataDir({ demo: false, dataDir: '../x' }, {}, userData, '/srv/houniao')).toBe('/srv/x');
  });

  it('reads --no-autostart', () => {
    expect(parseShellArgs(['electron', '.', '--no-autostart'])).toEqual({ demo: false, noAutostart: true });
  });
});

describe('origins', () => {
  it('are built from protocol and host, because Node gives custom schemes an opaque origin', () => {
    expect(new URL('app://houniao/kiosk').origin).toBe('null');
    expect(originOf('app://houniao/kiosk?x=1#y')).toBe(APP_ORIGIN);
    expect(originOf('app://HOUNIAO/kiosk')).toBe(APP_ORIGIN);
    expect(originOf('http://127.0.0.1:5173/staff')).toBe('http://127.0.0.1:5173');
    for (const url of ['file:///etc/passwd', 'data:text/html,hi', 'about:blank', 'javascript:alert(1)', 'not a url', '']) {
      expect(originOf(url), url).toBeNull();
    }
  });

  it('trust only our own origin in production and only the dev server in development', () => {
    const prod = createTrustCheck(trustedOrigins(undefined));
    expect(prod('app://houniao/display')).toBe(true);
    expect(prod('app://houniao')).toBe(true);
    expect(prod('app://houniao.evil.com/kiosk')).toBe(false);
    expect(prod('http://houniao/kiosk')).toBe(false);
    expect(trustedOrigins('http://localhost:5173/')).toEqual(['http://localhost:5173']);
    expect(() => trustedOrigins('ftp://x')).toThrow(/VITE_DEV_SERVER_URL/);
  });
});

describe('Electron build of better-sqlite3', () => {
  it('is looked for where the launcher puts it', () => {
    expect(electronSqlitePath('/p', '45.4.1')).toBe(launcherSqlitePath('/p', '45.4.1'));
    expect(electronSqlitePath('/p', '45.4.1')).toBe(join('/p', 'node_modules', '.cache', 'houniao-electron-sqlite', '45.4.1', 'better_sqlite3.node'));
  });

  it('is used when it exists, and never in a packaged build', () => {
    const options = { projectRoot: '/p', electronVersion: '45.4.1' };
    expect(findElectronSqlite({ ...options, isPackaged: false, exists: () => true })).toBe(electronSqlitePath('/p', '45.4.1'));
    expect(findElectronSqlite({ ...options, isPackaged: false, exists: () => false })).toBeUndefined();
    expect(findElectronSqlite({ ...options, isPackaged: true, exists: () => true })).toBeUndefined();
  });
});

describe('createFileLog', () => {
  it('echoes and appends time-stamped lines to logs/main.log', () => {
    const file = join(tempDir(), 'logs', 'main.log');
    const echo = vi.fn();
    const log = createFileLog(file, echo);
    log('[main] 启动 starting');
    log('[main] stopped');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z \[main\] 启动 starting$/);
    expect(echo).toHaveBeenCalledTimes(2);
  });

  it('keeps going on the console when the file cannot be written', () => {
    const blocker = join(tempDir(), 'not-a-folder');
    writeFileSync(blocker, '');
    const echo = vi.fn();
    const log = createFileLog(join(blocker, 'logs', 'main.log'), echo);
    expect(() => log('still here')).not.toThrow();
    expect(echo).toHaveBeenCalledWith(expect.stringContaining('still here'));
  });
});
