import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({}) as Record<string, any>);
vi.mock('electron', () => electron);

import { relative } from 'node:path';
import { FakeBrowserWindow, FakeScreen, SCREEN_1, TV, fakeApp, fakeDialog, fakeSafeStorage, fakeSession, frameAt } from './fakes.js';
import { openDatabase } from '../../../db/connection.js';
import { writeSettings } from '../../../db/settings.js';
import { tempDir } from '../../helpers/tempDb.js';

/** A fresh stand-in for the parts of Electron main.ts touches. */
function resetElectron({ locked = true, displays = 1, isPackaged = false, setPathFails = false } = {}) {
  const app = fakeApp({ locked, isPackaged, setPathFails });
  app.getAppPath.mockImplementation(() => tempDir());
  const handlers = new Map<string, (...args: any[]) => any>();
  FakeBrowserWindow.created = [];
  FakeBrowserWindow.focused = null;
  const partitions = new Map<string, ReturnType<typeof fakeSession>>();
  Object.assign(electron, {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: vi.fn() },
    dialog: fakeDialog(),
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn((ch: string, h: (...args: any[]) => any) => handlers.set(ch, h)), removeHandler: vi.fn((ch: string) => handlers.delete(ch)) },
    screen: new FakeScreen([SCREEN_1, TV].slice(0, displays)),
    safeStorage: fakeSafeStorage(),
    session: {
      defaultSession: fakeSession(),
      fromPartition: vi.fn((name: string) => partitions.get(name) ?? partitions.set(name, fakeSession()).get(name)),
    },
    handlers,
  });
  return app;
}

/** The windows main.ts opened, by route. */
function windowAt(route: string): FakeBrowserWindow {
  const win = FakeBrowserWindow.created.find((w) => w.webContents.url.endsWith(route));
  if (!win) throw new Error(`no window at ${route}`);
  return win;
}

async function terminalWith(windows: string[], { argv = [] as string[] } = {}) {
  const data = tempDir();
  const db = openDatabase(join(data, 'houniao.db'));
  writeSettings(db, { 'terminal.windows': windows as never });
  db.close();
  await startMain(['--data', data, ...argv]);
  await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(windows.length));
  return data;
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
    await terminalWith(['staff', 'display']);
    const [staff, display] = FakeBrowserWindow.created;
    expect(staff.loadURL).toHaveBeenCalledWith('app://houniao/staff');
    expect(staff.options.kiosk).toBeUndefined();
    expect(display.loadURL).toHaveBeenCalledWith('app://houniao/display');
    expect(display.options).toMatchObject({ x: 1920, y: 0, fullscreen: true, focusable: false });
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

describe('main process: start-up paths and failures', () => {
  it('resolves a relative --data against the folder it was started in before app.setPath', async () => {
    const app = resetElectron();
    const data = tempDir();
    const rel = relative(process.cwd(), data);
    expect(rel.startsWith('/')).toBe(false);
    await startMain(['--data', rel]);
    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
    expect(app.setPath).toHaveBeenCalledWith('userData', data);
    expect(existsSync(join(data, 'houniao.db'))).toBe(true);
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('resolves a relative HOUNIAO_DATA_DIR too', async () => {
    const app = resetElectron();
    const data = tempDir();
    vi.stubEnv('HOUNIAO_DATA_DIR', relative(process.cwd(), data));
    try {
      await startMain([]);
      await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
      expect(app.setPath).toHaveBeenCalledWith('userData', data);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('shows one dialog and exits when the data folder cannot be set, opening nothing', async () => {
    const app = resetElectron({ setPathFails: true });
    await startMain(['--data', tempDir()]);
    expect(electron.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    expect(electron.dialog.showErrorBox.mock.calls[0][1]).toContain('数据目录无法使用');
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('shows one dialog and exits when the database cannot be opened', async () => {
    const app = resetElectron();
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    await startMain(['--data', blocker]);
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    expect(electron.dialog.showErrorBox.mock.calls[0][1]).toContain('数据库打不开');
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('turns on speech-dispatcher and X11 on a Linux desktop', async () => {
    const app = resetElectron();
    vi.stubEnv('DISPLAY', ':0');
    try {
      await startMain(['--data', tempDir()]);
      await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
    } finally {
      vi.unstubAllEnvs();
    }
    const switches = app.commandLine.appendSwitch.mock.calls.map((c) => c.filter((part) => part !== undefined).join('='));
    if (process.platform === 'linux') expect(switches).toEqual(expect.arrayContaining(['enable-speech-dispatcher', 'ozone-platform=x11']));
  });

  it('registers an XDG autostart entry when installed, with the data folder, and removes it with --no-autostart', async () => {
    if (process.platform !== 'linux') return;
    const config = tempDir();
    vi.stubEnv('XDG_CONFIG_HOME', config);
    try {
      resetElectron({ isPackaged: true });
      const data = await terminalWith(['kiosk']);
      const entry = readFileSync(join(config, 'autostart', 'houniao-yizhan.desktop'), 'utf8');
      expect(entry).toContain('[Desktop Entry]');
      expect(entry).toContain(`Exec=${process.execPath} --data ${data}`);
      electron.app.emit('will-quit');
      resetElectron({ isPackaged: true });
      const off = await terminalWith(['kiosk'], { argv: ['--no-autostart'] });
      expect(existsSync(join(config, 'autostart', 'houniao-yizhan.desktop'))).toBe(false);
      // Remembered: the next plain start does not register it again.
      electron.app.emit('will-quit');
      resetElectron({ isPackaged: true });
      await startMain(['--data', off]);
      await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
      expect(existsSync(join(config, 'autostart', 'houniao-yizhan.desktop'))).toBe(false);
      electron.app.emit('will-quit');
      resetElectron({ isPackaged: true });
      await startMain(['--data', off, '--autostart']);
      await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
      expect(existsSync(join(config, 'autostart', 'houniao-yizhan.desktop'))).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('registers nothing at login when run from a checkout (npm start)', async () => {
    const config = tempDir();
    vi.stubEnv('XDG_CONFIG_HOME', config);
    try {
      const app = resetElectron();
      await terminalWith(['kiosk']);
      expect(existsSync(join(config, 'autostart'))).toBe(false);
      expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('main process: the hall TV and the kiosk', () => {
  it('never lets the display take the focus, whichever window finishes loading last', async () => {
    resetElectron({ displays: 2 });
    await terminalWith(['kiosk', 'display']);
    const kiosk = windowAt('/kiosk');
    const display = windowAt('/display');
    expect(display.options).toMatchObject({ focusable: false, fullscreen: true, x: TV.bounds.x, width: TV.bounds.width });
    kiosk.ready();
    display.ready(); // the TV loads last
    expect(display.visible).toBe(true);
    expect(display.showInactive).toHaveBeenCalled();
    expect(display.show).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.focused).toBe(kiosk);
    display.focus();
    expect(FakeBrowserWindow.focused).toBe(kiosk);
  });

  it('keeps the display hidden with the TV off at boot, and puts it on the TV when it comes on', async () => {
    resetElectron({ displays: 1 });
    await terminalWith(['kiosk', 'display']);
    const kiosk = windowAt('/kiosk');
    const display = windowAt('/display');
    kiosk.ready();
    display.ready();
    // Not a framed 1280×720 window over the kiosk: hidden until there is a TV.
    expect(display.visible).toBe(false);
    expect(FakeBrowserWindow.focused).toBe(kiosk);

    electron.screen.add(TV);
    expect(display.visible).toBe(true);
    expect(display.bounds).toEqual(TV.bounds);
    expect(display.fullScreen).toBe(true);
    expect(display.focusable).toBe(false);
    expect(FakeBrowserWindow.focused).toBe(kiosk);
  });

  it('hides the display when the TV is switched off instead of letting Windows drop it on the kiosk', async () => {
    resetElectron({ displays: 2 });
    await terminalWith(['kiosk', 'display']);
    const kiosk = windowAt('/kiosk');
    const display = windowAt('/display');
    kiosk.ready();
    display.ready();

    electron.screen.remove(TV.id);
    expect(display.visible).toBe(false);
    expect(kiosk.bounds).toEqual(SCREEN_1.bounds);
    expect(FakeBrowserWindow.focused).toBe(kiosk);

    electron.screen.add(TV); // and on again in the morning
    expect(display.visible).toBe(true);
    expect(display.bounds).toEqual(TV.bounds);
    expect(FakeBrowserWindow.focused).toBe(kiosk);
  });

  it('gives a display beside the staff console on one screen a normal window, and stops following screens on quit', async () => {
    resetElectron({ displays: 1 });
    await terminalWith(['staff', 'display']);
    const display = windowAt('/display');
    expect(display.options).toMatchObject({ width: 1280, height: 720 });
    expect(display.options.fullscreen).toBeUndefined();
    expect(display.options.focusable).toBeUndefined();
    electron.app.emit('will-quit');
    electron.screen.add(TV);
    expect(display.bounds.x).toBe(0);
  });
});

describe('main process: closing', () => {
  it('refuses to close the kiosk and the display (Alt+F4) until the app quits', async () => {
    const app = resetElectron({ displays: 2 });
    await terminalWith(['kiosk', 'display']);
    const kiosk = windowAt('/kiosk');
    const display = windowAt('/display');
    kiosk.close();
    display.close();
    expect(kiosk.destroyed).toBe(false);
    expect(display.destroyed).toBe(false);
    expect(app.quit).not.toHaveBeenCalled();

    app.emit('before-quit');
    kiosk.close();
    expect(kiosk.destroyed).toBe(true);
  });

  it('lets a Windows shutdown close the windows', async () => {
    resetElectron();
    await terminalWith(['kiosk']);
    const kiosk = windowAt('/kiosk');
    kiosk.emit('session-end');
    kiosk.close();
    expect(kiosk.destroyed).toBe(true);
  });

  it('asks the staff before quitting from the staff console, and quits only on 退出', async () => {
    const app = resetElectron();
    await terminalWith(['staff', 'kiosk']);
    const staff = windowAt('/staff');
    electron.dialog.answer = 1; // 取消
    staff.close();
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1));
    expect(electron.dialog.showMessageBox.mock.calls[0][1]).toMatchObject({ defaultId: 1, cancelId: 1 });
    expect(staff.destroyed).toBe(false);
    expect(app.quit).not.toHaveBeenCalled();

    electron.dialog.answer = 0; // 退出
    staff.close();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
  });

  it('offers the staff quit chord Ctrl+Alt+Shift+Q on the kiosk, and nothing for other keys', async () => {
    const app = resetElectron();
    await terminalWith(['kiosk']);
    const kiosk = windowAt('/kiosk');
    const key = (k: string, mods: Record<string, boolean>) => {
      const event = { preventDefault: vi.fn() };
      kiosk.webContents.emit('before-input-event', event, { type: 'keyDown', key: k, control: false, alt: false, shift: false, meta: false, ...mods });
      return event;
    };
    expect(key('q', { control: true }).preventDefault).not.toHaveBeenCalled();
    expect(key('F4', { alt: true }).preventDefault).not.toHaveBeenCalled();
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
    electron.dialog.answer = 0;
    expect(key('Q', { control: true, alt: true, shift: true }).preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
  });
});
