import { BrowserWindow, type BrowserWindowConstructorOptions, type Rectangle, type WebPreferences } from 'electron';
import { APP_NAME } from '../db/appInfo.js';
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
    additionalArguments: [operationsSwitch(operations)],
  };
}

export interface Placement {
  /** The bounds of a second screen, when the display window should go there. */
  secondScreen?: Rectangle;
  /** True when this is the only window the terminal opens (then the display may take the whole screen). */
  alone: boolean;
}

/** The constructor options for one kind of window; pure, so a test can assert them. */
export function windowOptions(kind: WindowKind, settings: WindowSettings, placement: Placement = { alone: true }): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    title: APP_NAME,
    show: false, // shown on ready-to-show: no white flash on a kiosk
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(settings),
  };
  switch (kind) {
    case 'kiosk':
      return { ...common, kiosk: true, fullscreen: true, frame: false, minimizable: false };
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
      if (placement.secondScreen) {
        const { x, y, width, height } = placement.secondScreen;
        return { ...common, webPreferences, x, y, width, height, fullscreen: true, frame: false };
      }
      if (placement.alone) return { ...common, webPreferences, fullscreen: true, frame: false };
      return { ...common, webPreferences, width: 1280, height: 720 };
    }
  }
}

/** The bounds of a screen other than the primary one, if any. */
export function pickSecondScreen(displays: ReadonlyArray<{ id: number; bounds: Rectangle }>, primaryId: number): Rectangle | undefined {
  return displays.find((d) => d.id !== primaryId)?.bounds;
}

export function screenUrl(baseUrl: string, kind: WindowKind): string {
  // Both parts are ours (a fixed path on the app's own origin), never a request's.
  // eslint-disable-next-line no-restricted-syntax
  return new URL(SCREEN_PATHS[kind], baseUrl).toString();
}

/** Creates, loads and shows one window. Lockdown and crash recovery are attached by the caller. */
export function openWindow(kind: WindowKind, options: BrowserWindowConstructorOptions, url: string, log: (line: string) => void): BrowserWindow {
  const win = new BrowserWindow(options);
  win.removeMenu();
  win.once('ready-to-show', () => {
    if (kind === 'staff') win.maximize();
    win.show();
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
