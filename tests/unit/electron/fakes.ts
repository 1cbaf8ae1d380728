import { EventEmitter } from 'node:events';
import { isAbsolute } from 'node:path';
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

type Rect = { x: number; y: number; width: number; height: number };

/**
 * A BrowserWindow stand-in that records what it was asked to do. Like the real one it keeps its
 * bounds, full-screen, kiosk, focusable and visible state, and close() emits a cancellable 'close'
 * before 'closed'. Focus follows Electron's rules: show() and focus() focus a focusable window,
 * showInactive() never does.
 */
export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  /** The window that has the keyboard focus, across all fakes. */
  static focused: FakeBrowserWindow | null = null;
  webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  visible = false;
  fullScreen: boolean;
  kioskMode: boolean;
  focusable: boolean;
  bounds: Rect;
  removeMenu = vi.fn();
  maximize = vi.fn();
  restore = vi.fn();
  center = vi.fn();
  show = vi.fn(() => {
    this.visible = true;
    if (this.focusable) FakeBrowserWindow.focused = this;
  });
  showInactive = vi.fn(() => {
    this.visible = true;
  });
  hide = vi.fn(() => {
    this.visible = false;
    if (FakeBrowserWindow.focused === this) FakeBrowserWindow.focused = null;
  });
  focus = vi.fn(() => {
    if (this.focusable && this.visible) FakeBrowserWindow.focused = this;
  });
  setFullScreen = vi.fn((on: boolean) => {
    this.fullScreen = on;
  });
  setKiosk = vi.fn((on: boolean) => {
    this.kioskMode = on;
  });
  setFocusable = vi.fn((on: boolean) => {
    this.focusable = on;
  });
  setBounds = vi.fn((b: Partial<Rect>) => {
    // Like Windows: a full-screen window is not moved.
    if (this.fullScreen) return;
    this.bounds = { ...this.bounds, ...b };
  });
  setSize = vi.fn((width: number, height: number) => {
    if (!this.fullScreen) this.bounds = { ...this.bounds, width, height };
  });
  getBounds = () => ({ ...this.bounds });
  isFullScreen = () => this.fullScreen;
  isKiosk = () => this.kioskMode;
  isVisible = () => this.visible;
  isFocusable = () => this.focusable;
  loadURL = vi.fn(async (url: string) => {
    this.webContents.url = url;
  });
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  /** What Alt+F4 or the title bar's × does: 'close' may be cancelled, else the window is gone. */
  close = vi.fn(() => {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroy();
  });
  destroy = vi.fn(() => {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    if (FakeBrowserWindow.focused === this) FakeBrowserWindow.focused = null;
    this.emit('closed');
  });
  constructor(readonly options: Record<string, any>) {
    super();
    FakeBrowserWindow.created.push(this);
    this.fullScreen = Boolean(options.fullscreen);
    this.kioskMode = Boolean(options.kiosk);
    this.focusable = options.focusable !== false;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
  }
  /** The page finished loading. */
  ready() {
    this.emit('ready-to-show');
  }
}

type Display = { id: number; bounds: Rect };

/** Electron's `screen`: displays that come and go, with the events the real module emits. */
export class FakeScreen extends EventEmitter {
  constructor(public displays: Display[]) {
    super();
  }
  getAllDisplays = () => this.displays.map((d) => ({ ...d, bounds: { ...d.bounds } }));
  getPrimaryDisplay = () => ({ ...this.displays[0], bounds: { ...this.displays[0].bounds } });
  /** A TV switched on (or plugged in). */
  add(display: Display) {
    this.displays.push(display);
    this.emit('display-added', {}, display);
  }
  /** A TV switched off: Windows also moves the windows that were on it to the remaining screen. */
  remove(id: number) {
    const gone = this.displays.find((d) => d.id === id);
    this.displays = this.displays.filter((d) => d.id !== id);
    if (gone) {
      const primary = this.displays[0].bounds;
      for (const win of FakeBrowserWindow.created) {
        const b = win.bounds;
        const onGone = b.x >= gone.bounds.x && b.x < gone.bounds.x + gone.bounds.width;
        if (onGone && !win.destroyed) win.bounds = { ...primary };
      }
    }
    this.emit('display-removed', {}, gone);
  }
}

export const SCREEN_1 = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
export const TV = { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } };

/**
 * The parts of Electron's `app` main.ts uses. Strict where the real one is: setPath throws on a
 * relative path ("Path must be absolute"), before any handler of ours has run.
 */
export function fakeApp({ locked = true, isPackaged = false, setPathFails = false } = {}) {
  return Object.assign(new EventEmitter(), {
    isPackaged,
    getPath: vi.fn(() => '/nonexistent/userData'),
    setPath: vi.fn((name: string, path: string) => {
      if (setPathFails) throw new Error(`Failed to set path: ${name}`);
      if (!isAbsolute(path)) throw new Error('Path must be absolute');
    }),
    getAppPath: vi.fn(() => '/nonexistent/app'),
    requestSingleInstanceLock: vi.fn(() => locked),
    whenReady: vi.fn(async () => {}),
    quit: vi.fn(),
    exit: vi.fn(),
    commandLine: { appendSwitch: vi.fn() },
    setLoginItemSettings: vi.fn(),
  });
}

/** dialog: the error box, and a question box whose answer the test sets (0 = the first button). */
export function fakeDialog(answer = 1) {
  return {
    answer,
    showErrorBox: vi.fn(),
    showMessageBox: vi.fn(async function (this: { answer: number }) {
      return { response: this.answer, checkboxChecked: false };
    }),
  };
}

/** A session whose handlers the test can call: what a page asking for a permission would get. */
export function fakeSession() {
  const s = {
    requestHandler: undefined as undefined | ((...args: any[]) => void),
    checkHandler: undefined as undefined | ((...args: any[]) => boolean),
    deviceHandler: undefined as undefined | ((...args: any[]) => boolean),
    setPermissionRequestHandler: vi.fn((h: (...args: any[]) => void) => (s.requestHandler = h)),
    setPermissionCheckHandler: vi.fn((h: (...args: any[]) => boolean) => (s.checkHandler = h)),
    setDevicePermissionHandler: vi.fn((h: (...args: any[]) => boolean) => (s.deviceHandler = h)),
  };
  return s;
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
