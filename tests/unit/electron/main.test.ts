import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({}) as Record<string, any>);
vi.mock('electron', () => electron);

import { FakeBrowserWindow, fakeSafeStorage, frameAt } from './fakes.js';
import { openDatabase } from '../../../db/connection.js';
import { writeSettings } from '../../../db/settings.js';
import { tempDir } from '../../helpers/tempDb.js';

/** A fresh stand-in for the parts of Electron main.ts touches. */
function resetElectron({ locked = true, displays = 1 } = {}) {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    getPath: vi.fn(() => '/nonexistent/userData'),
    setPath: vi.fn(),
    getAppPath: vi.fn(() => tempDir()),
    requestSingleInstanceLock: vi.fn(() => locked),
    whenReady: vi.fn(async () => {}),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const handlers = new Map<string, (...args: any[]) => any>();
  const bounds = [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
    { id: 2, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } },
  ].slice(0, displays);
  FakeBrowserWindow.created = [];
  Object.assign(electron, {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn((ch: string, h: (...args: any[]) => any) => handlers.set(ch, h)), removeHandler: vi.fn((ch: string) => handlers.delete(ch)) },
    screen: { getAllDisplays: () => bounds, getPrimaryDisplay: () => bounds[0] },
    safeStorage: fakeSafeStorage(),
    session: {
      defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() },
    },
    handlers,
  });
  return app;
}

let savedArgv: string[];
let savedListeners: Record<string, Array<(...args: any[]) => unknown>>;
beforeEach(() => {
  savedArgv = process.argv;
  savedListeners = { uncaughtException: process.listeners('uncaughtException'), unhandledRejection: process.listeners('unhandledRejection') };
  Object.defineProperty(process.versions, 'electron', { value: '45.4.1', configurable: true });
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterEach(() => {
  electron.app?.emit('will-quit');
  process.argv = savedArgv;
  for (const [name, before] of Object.entries(savedListeners)) {
    for (const l of process.listeners(name as 'uncaughtException')) if (!before.includes(l)) process.off(name, l as never);
  }
  delete (process.versions as Record<string, string>).electron;
  vi.restoreAllMocks();
});

async function startMain(argv: string[]) {
  process.argv = ['/usr/bin/electron', '.', ...argv];
  vi.resetModules();
  await import('../../../electron/main.js');
}

describe('main process', () => {
  it('opens the kiosk from app://, on the data folder given, with demo data', async () => {
    const app = resetElectron();
    const data = tempDir();
    await startMain(['--demo', '--data', data]);
    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));

    expect(app.setPath).toHaveBeenCalledWith('userData', data);
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();

    const [kiosk] = FakeBrowserWindow.created;
    expect(kiosk.options).toMatchObject({ kiosk: true, fullscreen: true, webPreferences: { sandbox: true, contextIsolation: true, devTools: true } });
    expect(kiosk.options.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(kiosk.loadURL).toHaveBeenCalledWith('app://houniao/kiosk');

    const call = electron.handlers.get('api:call')!;
    const result = await call({ senderFrame: frameAt('app://houniao/kiosk') }, 'settings.public', {});
    expect(result.data['center.name']).toContain('党群服务中心');

    expect(existsSync(join(data, 'houniao.db'))).toBe(true);
    expect(readFileSync(join(data, 'logs', 'main.log'), 'utf8')).toContain('starting');
    // ID numbers are encrypted with a key the OS keyring seals; no plain key file on disk, except on
    // Linux, where a 0600 copy stays for a boot with a locked keyring (issue 13.11).
    expect(existsSync(join(data, 'keys', 'id.key.sealed'))).toBe(true);
    expect(existsSync(join(data, 'keys', 'id.key'))).toBe(process.platform === 'linux' && process.env.HOUNIAO_KEYRING_UNLOCKED !== '1');
  });

  it('opens the windows the terminal setting names, the display on the second screen', async () => {
    resetElectron({ displays: 2 });
    const data = tempDir();
    const db = openDatabase(join(data, 'houniao.db'));
    writeSettings(db, { 'terminal.windows': ['staff', 'display'] });
    db.close();
    await startMain(['--data', data]);
    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(2));
    const [staff, display] = FakeBrowserWindow.created;
    expect(staff.loadURL).toHaveBeenCalledWith('app://houniao/staff');
    expect(staff.options.kiosk).toBeUndefined();
    expect(display.loadURL).toHaveBeenCalledWith('app://houniao/display');
    expect(display.options).toMatchObject({ x: 1920, y: 0, fullscreen: true });
  });

  it('brings its window forward when launched a second time, and closes the database on quit', async () => {
    const app = resetElectron();
    await startMain(['--data', tempDir()]);
    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
    const [win] = FakeBrowserWindow.created;
    win.minimized = true;
    app.emit('second-instance');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();

    app.emit('will-quit');
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith('api:call');
  });

  it('quits at once when another instance holds the lock', async () => {
    const app = resetElectron({ locked: false });
    await startMain(['--data', tempDir()]);
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });
});
