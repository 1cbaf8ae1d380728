import type { BrowserWindow, Rectangle } from 'electron';
import type { Log } from './log.js';
import type { WindowKind } from './windows.js';

/** What main.ts needs from Electron's `screen` module (a stand-in in the tests). */
export interface ScreenLike {
  getAllDisplays(): ReadonlyArray<{ id: number; bounds: Rectangle }>;
  getPrimaryDisplay(): { id: number; bounds: Rectangle };
  on(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: (...args: unknown[]) => void): unknown;
  removeListener(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: (...args: unknown[]) => void): unknown;
}

/**
 * Where the hall display window goes, decided from the screens connected right now:
 * - `second-screen`: full screen on the TV (any screen but the primary one);
 * - `full-screen`: the display is the only window of this terminal, so it takes the primary screen;
 * - `window`: beside the staff console on one screen — a normal window the staff can move;
 * - `hidden`: the kiosk holds the only screen. The TV is off or unplugged: the display waits hidden
 *   (it keeps running and speaking) instead of covering the kiosk, and comes back when the TV does.
 */
export type DisplayPlacement = { mode: 'second-screen'; bounds: Rectangle } | { mode: 'full-screen'; bounds: Rectangle } | { mode: 'window' } | { mode: 'hidden' };

export function placeDisplay(
  displays: ReadonlyArray<{ id: number; bounds: Rectangle }>,
  primary: { id: number; bounds: Rectangle },
  otherWindows: readonly WindowKind[],
): DisplayPlacement {
  const second = displays.find((d) => d.id !== primary.id);
  if (second) return { mode: 'second-screen', bounds: second.bounds };
  if (otherWindows.length === 0) return { mode: 'full-screen', bounds: primary.bounds };
  if (otherWindows.includes('kiosk')) return { mode: 'hidden' };
  return { mode: 'window' };
}

/** The size a framed display window gets beside the staff console. */
export const DISPLAY_WINDOW_SIZE = { width: 1280, height: 720 } as const;

/**
 * Whether a window already sits on a screen: its centre is inside the screen. Not exact bounds, which
 * differ by a pixel or two under display scaling and would make every metrics event move it again.
 */
function isOn(win: Rectangle, screen: Rectangle): boolean {
  const cx = win.x + win.width / 2;
  const cy = win.y + win.height / 2;
  return cx >= screen.x && cx < screen.x + screen.width && cy >= screen.y && cy < screen.y + screen.height;
}

/**
 * Moves a display window that is already open to its placement. Full screen is left first: Windows
 * does not move a full-screen window. The display never takes focus (focusable: false where it is
 * full screen, and showInactive), so a resident's scan always lands in the kiosk.
 */
export function applyDisplayPlacement(win: BrowserWindow, placement: DisplayPlacement): void {
  if (win.isDestroyed()) return;
  if (placement.mode === 'hidden') {
    if (win.isFullScreen()) win.setFullScreen(false);
    win.hide();
    return;
  }
  if (placement.mode === 'window') {
    if (win.isVisible() && !win.isFullScreen()) return; // already a window: leave it where the staff put it
    if (win.isFullScreen()) win.setFullScreen(false);
    win.setFocusable(true);
    win.setSize(DISPLAY_WINDOW_SIZE.width, DISPLAY_WINDOW_SIZE.height);
    win.center();
    win.showInactive();
    return;
  }
  win.setFocusable(false);
  if (!isOn(win.getBounds(), placement.bounds)) {
    if (win.isFullScreen()) win.setFullScreen(false);
    win.setBounds(placement.bounds);
  }
  win.setFullScreen(true);
  win.showInactive();
}

/** Keeps the kiosk on the primary screen (Windows moves windows around when a screen goes away). */
export function keepOnPrimary(win: BrowserWindow, primary: Rectangle): void {
  if (win.isDestroyed() || isOn(win.getBounds(), primary)) return;
  const wasKiosk = win.isKiosk();
  if (wasKiosk) win.setKiosk(false);
  win.setBounds(primary);
  if (wasKiosk) win.setKiosk(true);
}

export interface FollowOptions {
  screen: ScreenLike;
  windows: () => ReadonlyMap<WindowKind, BrowserWindow>;
  log: Log;
}

/**
 * Screens come and go: the TV is switched on after the PC, or off at night. On every display
 * event the display window is placed again, the kiosk kept on the primary screen and given the
 * focus back. Returns a function that stops following.
 */
export function followDisplays({ screen, windows, log }: FollowOptions): () => void {
  const replace = (): void => {
    const open = windows();
    const primary = screen.getPrimaryDisplay();
    const display = open.get('display');
    const kiosk = open.get('kiosk');
    if (kiosk) keepOnPrimary(kiosk, primary.bounds);
    if (display) {
      const others = [...open.keys()].filter((k) => k !== 'display');
      const placement = placeDisplay(screen.getAllDisplays(), primary, others);
      log(`[displays] ${screen.getAllDisplays().length} screen(s); hall display ${placement.mode}`);
      applyDisplayPlacement(display, placement);
    }
    if (kiosk && !kiosk.isDestroyed()) kiosk.focus();
  };
  const events = ['display-added', 'display-removed', 'display-metrics-changed'] as const;
  for (const event of events) screen.on(event, replace);
  return () => {
    for (const event of events) screen.removeListener(event, replace);
  };
}
