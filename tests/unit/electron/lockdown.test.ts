import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ app: null as unknown as EventEmitter, Menu: { setApplicationMenu: vi.fn() } }));
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  electron.app = new EventEmitter();
  return electron;
});

import { FakeWebContents, navEvent } from './fakes.js';
import { ALLOWED_PERMISSIONS, lockDownApp, lockDownContents, lockDownSession } from '../../../electron/lockdown.js';
import { createTrustCheck } from '../../../electron/origin.js';

const isTrusted = createTrustCheck(['app://houniao']);
const log = vi.fn();

function lockedContents() {
  const contents = new FakeWebContents();
  lockDownContents(contents as never, { isTrusted, log });
  return contents;
}

describe('lockDownContents', () => {
  it('lets our own screens navigate and stops everything else', () => {
    const contents = lockedContents();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const inside = navEvent('app://houniao/staff/settings');
      contents.emit(name, inside);
      expect(inside.preventDefault, name).not.toHaveBeenCalled();
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://evil/kiosk', 'http://127.0.0.1:5173/kiosk', 'javascript:alert(1)']) {
        const outside = navEvent(url);
        contents.emit(name, outside);
        expect(outside.preventDefault, `${name} ${url}`).toHaveBeenCalled();
      }
    }
  });

  it('denies every new window, even one at our own origin', () => {
    const contents = lockedContents();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://houniao/kiosk' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const contents = lockedContents();
    const event = navEvent('');
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

function fakeSession() {
  const handlers: Record<string, (...args: any[]) => any> = {};
  return {
    handlers,
    setPermissionRequestHandler: vi.fn((h) => (handlers.request = h)),
    setPermissionCheckHandler: vi.fn((h) => (handlers.check = h)),
    setDevicePermissionHandler: vi.fn((h) => (handlers.device = h)),
  };
}

describe('lockDownSession', () => {
  it('keeps the allow-list short', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['fullscreen']);
  });

  it('denies permission requests outside the allow-list, and any request from another origin', () => {
    const session = fakeSession();
    lockDownSession(session as never, { isTrusted, log });
    const ask = (permission: string, requestingUrl: string) => {
      const callback = vi.fn();
      session.handlers.request(null, permission, callback, { requestingUrl });
      return callback.mock.calls[0][0];
    };
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal']) {
      expect(ask(permission, 'app://houniao/kiosk'), permission).toBe(false);
    }
    expect(ask('fullscreen', 'app://houniao/display')).toBe(true);
    expect(ask('fullscreen', 'https://example.com/')).toBe(false);
  });

  it('answers permission checks and device requests the same way', () => {
    const session = fakeSession();
    lockDownSession(session as never, { isTrusted, log });
    expect(session.handlers.check(null, 'media', 'app://houniao', {})).toBe(false);
    expect(session.handlers.check(null, 'fullscreen', 'app://houniao', {})).toBe(true);
    expect(session.handlers.check(null, 'fullscreen', 'https://example.com', {})).toBe(false);
    expect(session.handlers.device({ deviceType: 'usb' })).toBe(false);
  });
});

describe('lockDownApp', () => {
  beforeEach(() => electron.app.removeAllListeners());

  it('removes the application menu and locks down every WebContents created later', () => {
    lockDownApp({ isTrusted, log, devTools: false });
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    const away = navEvent('https://example.com/');
    contents.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalled();
  });

  it('leaves the devtools alone in development', () => {
    lockDownApp({ isTrusted, log, devTools: true });
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).not.toHaveBeenCalled();
  });
});
