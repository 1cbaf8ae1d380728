import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => ({ BrowserWindow: (await import('./fakes.js')).FakeBrowserWindow }));

import { FakeBrowserWindow } from './fakes.js';
import { operationNames } from '../../../db/api/contract/index.js';
import { OPERATIONS_SWITCH, readOperationsSwitch } from '../../../electron/preloadArgs.js';
import { openWindow, screenUrl, secureWebPreferences, showModeFor, windowOptions } from '../../../electron/windows.js';
import { placeDisplay } from '../../../electron/displays.js';

const settings = { preload: '/app/dist/electron/preload.cjs', devTools: false, operations: operationNames };

describe('window options', () => {
  it('set every webPreferences item of Electron’s security checklist', () => {
    const prefs = secureWebPreferences(settings);
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(secureWebPreferences({ ...settings, devTools: true }).devTools).toBe(true);
  });

  it('give every kind of window the same hardened webPreferences', () => {
    const base = secureWebPreferences(settings);
    for (const kind of ['kiosk', 'staff', 'display'] as const) {
      expect(windowOptions(kind, settings).webPreferences).toMatchObject(base);
    }
  });

  it('hand the preload exactly the contract’s operation names', () => {
    const args = secureWebPreferences(settings).additionalArguments ?? [];
    expect(args).toHaveLength(1);
    expect(args[0].startsWith(OPERATIONS_SWITCH)).toBe(true);
    expect([...readOperationsSwitch(args)].sort()).toEqual([...operationNames].sort());
  });

  it('make the kiosk a full-screen kiosk window and the staff console a normal one', () => {
    expect(windowOptions('kiosk', settings)).toMatchObject({ kiosk: true, fullscreen: true, show: false, title: '候鸟驿站' });
    const staff = windowOptions('staff', settings);
    expect(staff.kiosk).toBeUndefined();
    expect(staff.fullscreen).toBeUndefined();
    expect(staff.minWidth).toBeGreaterThanOrEqual(1024);
  });

  it('put the display full-screen and unfocusable on the second screen when there is one', () => {
    const bounds = { x: 1920, y: 0, width: 1920, height: 1080 };
    const onSecond = windowOptions('display', settings, { display: { mode: 'second-screen', bounds } });
    expect(onSecond).toMatchObject({ ...bounds, fullscreen: true, focusable: false, skipTaskbar: true });
    expect(onSecond.webPreferences?.autoplayPolicy).toBe('no-user-gesture-required');
    expect(windowOptions('display', settings, { display: { mode: 'hidden' } })).toMatchObject({ fullscreen: true, focusable: false });
    const beside = windowOptions('display', settings, { display: { mode: 'window' } });
    expect(beside).toMatchObject({ width: 1280, height: 720 });
    expect(beside.fullscreen).toBeUndefined();
    expect(beside.focusable).toBeUndefined();
  });

  it('put the kiosk on the primary screen', () => {
    const primary = { x: 0, y: 0, width: 1366, height: 768 };
    expect(windowOptions('kiosk', settings, { primary })).toMatchObject({ ...primary, kiosk: true });
  });

  it('show the display inactive, or not at all while it waits for its TV', () => {
    expect(showModeFor('kiosk')).toBe('focused');
    expect(showModeFor('staff')).toBe('focused');
    expect(showModeFor('display', { display: { mode: 'second-screen', bounds: { x: 1, y: 0, width: 1, height: 1 } } })).toBe('inactive');
    expect(showModeFor('display', { display: { mode: 'hidden' } })).toBe('hidden');
  });

  it('place the display by the screens there are and the windows beside it', () => {
    const primary = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
    const tv = { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } };
    expect(placeDisplay([primary, tv], primary, ['kiosk'])).toEqual({ mode: 'second-screen', bounds: tv.bounds });
    expect(placeDisplay([tv, primary], primary, [])).toEqual({ mode: 'second-screen', bounds: tv.bounds });
    expect(placeDisplay([primary], primary, [])).toEqual({ mode: 'full-screen', bounds: primary.bounds });
    expect(placeDisplay([primary], primary, ['kiosk'])).toEqual({ mode: 'hidden' });
    expect(placeDisplay([primary], primary, ['staff', 'kiosk'])).toEqual({ mode: 'hidden' });
    expect(placeDisplay([primary], primary, ['staff'])).toEqual({ mode: 'window' });
  });

  it('load each screen at its route', () => {
    expect(screenUrl('app://houniao', 'kiosk')).toBe('app://houniao/kiosk');
    expect(screenUrl('http://127.0.0.1:5173/', 'display')).toBe('http://127.0.0.1:5173/display');
  });
});

describe('openWindow', () => {
  it('removes the menu, loads the screen, and maximises the staff console once it is ready', () => {
    const win = openWindow('staff', windowOptions('staff', settings), 'app://houniao/staff', () => {}) as unknown as FakeBrowserWindow;
    expect(win.removeMenu).toHaveBeenCalled();
    expect(win.loadURL).toHaveBeenCalledWith('app://houniao/staff');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.maximize).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
  });

  it('offers F12 for the devtools only when devtools are allowed', () => {
    const locked = openWindow('kiosk', windowOptions('kiosk', settings), 'app://houniao/kiosk', () => {}) as unknown as FakeBrowserWindow;
    expect(locked.webContents.listenerCount('before-input-event')).toBe(0);
    const dev = openWindow('kiosk', windowOptions('kiosk', { ...settings, devTools: true }), 'app://houniao/kiosk', () => {}) as unknown as FakeBrowserWindow;
    dev.webContents.emit('before-input-event', {}, { type: 'keyDown', key: 'F12' });
    expect(dev.webContents.toggleDevTools).toHaveBeenCalled();
  });
});
