import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** A navigation-style event: what Electron passes to will-navigate and friends. */
export function navEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

/** Just enough of WebContents for the lockdown, IPC and recovery code. */
export class FakeWebContents extends EventEmitter {
  url = 'app://houniao/kiosk';
  destroyed = false;
  windowOpenHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  send = vi.fn();
  reload = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  closeDevTools = vi.fn();
  toggleDevTools = vi.fn();
  getURL = () => this.url;
  isDestroyed = () => this.destroyed;
}

/** A BrowserWindow stand-in that records what it was asked to do. */
export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  removeMenu = vi.fn();
  maximize = vi.fn();
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  loadURL = vi.fn(async (url: string) => {
    this.webContents.url = url;
  });
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  constructor(readonly options: Record<string, any>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
}

/** A main frame (parent null) or a sub-frame of one, at some URL. */
export function frameAt(url: string, { main = true } = {}) {
  return { url, parent: main ? null : { url: 'app://houniao/kiosk' } };
}

/**
 * A stand-in for Electron's safeStorage: a reversible transform (the real one is the OS keyring),
 * with the Linux backend name chosen by the test ('basic_text' = no real keyring).
 */
export function fakeSafeStorage(backend = 'gnome_libsecret', available = true) {
  const seal = (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: vi.fn(seal),
    decryptString: vi.fn((buf: Buffer) => {
      const s = buf.toString();
      if (!s.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(s.slice(7), 'hex').toString();
    }),
  };
}
