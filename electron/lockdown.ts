import { app, Menu, type Session, type WebContents } from 'electron';
import type { Log } from './log.js';
import type { TrustCheck } from './origin.js';

/**
 * The permissions a screen may be granted, and only from our own origin. Everything else (camera,
 * microphone, geolocation, notifications, USB/HID/serial, clipboard reads…) is denied until a feature
 * needs it. Speaking the calls (Web Speech) needs no permission. Fullscreen is harmless: the kiosk and
 * display windows already fill their screens.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['fullscreen']);

export interface LockdownOptions {
  isTrusted: TrustCheck;
  log: Log;
}

/** No navigation away from our screens, no new windows, no <webview>. Applied to every WebContents the app creates. */
export function lockDownContents(contents: WebContents, { isTrusted, log }: LockdownOptions): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string, what: string) => {
    if (isTrusted(url)) return;
    event.preventDefault();
    log(`[lockdown] ${what} to ${url} blocked`);
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, event.url, 'navigation'));
  contents.on('will-frame-navigate', (event) => refuseNavigation(event, event.url, 'frame navigation'));
  contents.on('will-redirect', (event) => refuseNavigation(event, event.url, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[lockdown] <webview> blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`[lockdown] new window for ${url} denied`);
    return { action: 'deny' };
  });
}

/** Every permission request and check goes through the allow-list; device pickers are refused outright. */
export function lockDownSession(session: Session, { isTrusted, log }: LockdownOptions): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = ALLOWED_PERMISSIONS.has(permission) && isTrusted(details.requestingUrl);
    if (!allowed) log(`[lockdown] permission "${permission}" denied for ${details.requestingUrl}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => ALLOWED_PERMISSIONS.has(permission) && isTrusted(requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}

/** App-wide: no menu (so no reload/devtools accelerators) and the lockdown on every WebContents, present and future. */
export function lockDownApp(options: LockdownOptions & { devTools: boolean }): void {
  Menu.setApplicationMenu(null);
  app.on('web-contents-created', (_event, contents) => {
    lockDownContents(contents, options);
    if (!options.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
  });
}
