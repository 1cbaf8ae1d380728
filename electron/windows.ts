import { BrowserWindow, type BrowserWindowConstructorOptions, type Rectangle, type WebPreferences } from 'electron';
import { APP_NAME } from '../db/appInfo.js';
import { DISPLAY_WINDOW_SIZE, type DisplayPlacement } from './displays.js';
import { operationsSwitch } from './preloadArgs.js';

export type WindowKind = 'kiosk' | 'staff' | 'display';

/** The route each window opens; the renderer's router owns everything below it. */
export const SCREEN_PATHS: Record<WindowKind, string> = { kiosk: '/kiosk', staff: '/staff', display: '/display' };

export interface WindowSettings {
  /** Absolute path of dist/electron/preload.cjs. */
  preload: string;
  /** Off in packaged builds: a resident at the kiosk must never reach the devtools. */
  devTools: boolean;
  /** The contract's operation names, handed to the preload so it can refuse any other. */
  operations: readonly string[];
}

/** Electron's security checklist, item by item; a unit test pins every value. */
export function secureWebPreferences({ preload, devTools, operations }: WindowSettings): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
    devTools,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // A middle click must not open a link in a new window (the window-open handler denies it too).
    disableBlinkFeatures: 'Auxclick',
    additionalArguments: [operationsSwitch(operations)],
  };
}

/** Where the windows go: the kiosk on the primary screen, the display as electron/displays.ts decides. */
export interface Placement {
  primary?: Rectangle;
  display?: DisplayPlacement;
}

/** The constructor options for one kind of window; pure, so a test can assert them. */
export function windowOptions(kind: WindowKind, settings: WindowSettings, placement: Placement = {}): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    title: APP_NAME,
    show: false, // shown on ready-to-show: no white flash on a kiosk
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(settings),
  };
  switch (kind) {
    case 'kiosk': {
      const at = placement.primary ? { x: placement.primary.x, y: placement.primary.y, width: placement.primary.width, height: placement.primary.height } : {};
      return { ...common, ...at, kiosk: true, fullscreen: true, frame: false, minimizable: false };
    }
    case 'staff':
      // Maximised after creation (there is no constructor option for it); the size is what "restore" returns to.
      return { ...common, width: 1280, height: 800, minWidth: 1024, minHeight: 640 };
    case 'display': {
      const webPreferences: WebPreferences = {
        ...common.webPreferences,
        // Nobody touches the hall TV, so there is never a user gesture: without this Chromium mutes its spoken calls.
        autoplayPolicy: 'no-user-gesture-required',
        backgroundThrottling: false,
      };
      const where: DisplayPlacement = placement.display ?? { mode: 'hidden' };
      // Nobody works at the TV: it never takes the focus from the kiosk (where a resident is scanning a card).
      // Only the framed window beside a staff console may be focused, so the staff can move it.
      const tv = { ...common, webPreferences, focusable: false, skipTaskbar: true, fullscreen: true, frame: false };
      switch (where.mode) {
        case 'second-screen':
        case 'full-screen': {
          const { x, y, width, height } = where.bounds;
          return { ...tv, x, y, width, height };
        }
        case 'hidden':
          // Also the default without a placement: full screen wherever the system puts it, but not yet shown by showModeFor.
          return tv;
        case 'window':
          return { ...common, webPreferences, ...DISPLAY_WINDOW_SIZE };
      }
    }
  }
}

export function screenUrl(baseUrl: string, kind: WindowKind): string {
  // Both parts are ours (a fixed path on the app's own origin), never a request's.
  // eslint-disable-next-line no-restricted-syntax
  return new URL(SCREEN_PATHS[kind], baseUrl).toString();
}

/**
 * How a window appears once loaded: the kiosk and staff console take the focus, the hall display
 * never does (showInactive), and a display waiting for its TV stays hidden.
 */
export type ShowMode = 'focused' | 'inactive' | 'hidden';

export function showModeFor(kind: WindowKind, placement: Placement = {}): ShowMode {
  if (kind !== 'display') return 'focused';
  return placement.display?.mode === 'hidden' ? 'hidden' : 'inactive';
}

/** Creates, loads and shows one window. Lockdown and crash recovery are attached by the caller. */
export function openWindow(
  kind: WindowKind,
  options: BrowserWindowConstructorOptions,
  url: string,
  log: (line: string) => void,
  show: ShowMode = showModeFor(kind),
): BrowserWindow {
  // The security items are written out here, at the constructor, whatever `options` holds: a scanner
  // (Electronegativity) and a unit test read every BrowserWindow constructor call for them.
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.removeMenu();
  win.once('ready-to-show', () => {
    if (show === 'hidden') return;
    if (kind === 'staff') win.maximize();
    if (show === 'inactive') win.showInactive();
    else win.show();
  });
  if (options.webPreferences?.devTools) {
    // Development only: with the menu gone, F12 is the one way into the devtools.
    win.webContents.on('before-input-event', (_event, input) => {
      if (input.type === 'keyDown' && input.key === 'F12') win.webContents.toggleDevTools();
    });
  }
  win.loadURL(url).catch((err: unknown) => log(`[window:${kind}] could not load ${url}: ${String(err)}`));
  return win;
}
