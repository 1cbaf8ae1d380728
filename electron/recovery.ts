import type { BrowserWindow } from 'electron';
import type { Log } from './log.js';

export interface RecoveryOptions {
  name: string;
  log: Log;
  /** Wait before reloading a crashed screen; after several crashes in a row, wait longer so a broken page cannot spin the CPU. */
  reloadDelayMs?: number;
  repeatedCrashDelayMs?: number;
  /** How long a hung screen gets to recover by itself before its renderer is killed and reloaded. */
  unresponsiveGraceMs?: number;
}

const CRASH_WINDOW_MS = 60_000;
const CRASHES_BEFORE_BACKOFF = 3;

/**
 * A kiosk has nobody at a keyboard: a crashed or hung screen must come back by itself. Crashes reload
 * the page; a hang is given a grace period, then its renderer is killed, which ends in the crash path.
 */
export function watchForCrashes(win: BrowserWindow, { name, log, reloadDelayMs = 1_000, repeatedCrashDelayMs = 30_000, unresponsiveGraceMs = 15_000 }: RecoveryOptions): void {
  const contents = win.webContents;
  let crashes: number[] = [];
  let hangTimer: NodeJS.Timeout | undefined;

  contents.on('render-process-gone', (_event, details) => {
    if (win.isDestroyed() || details.reason === 'clean-exit') return;
    const now = Date.now();
    crashes = [...crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    const delay = crashes.length > CRASHES_BEFORE_BACKOFF ? repeatedCrashDelayMs : reloadDelayMs;
    log(`[recovery] ${name} screen gone (${details.reason}, exit code ${details.exitCode}); reloading in ${delay} ms`);
    setTimeout(() => {
      if (!win.isDestroyed()) contents.reload();
    }, delay);
  });

  win.on('unresponsive', () => {
    if (hangTimer) return;
    log(`[recovery] ${name} screen not responding; waiting ${unresponsiveGraceMs} ms`);
    hangTimer = setTimeout(() => {
      hangTimer = undefined;
      if (win.isDestroyed()) return;
      log(`[recovery] ${name} screen still not responding; restarting it`);
      contents.forcefullyCrashRenderer();
    }, unresponsiveGraceMs);
  });

  win.on('responsive', () => {
    if (!hangTimer) return;
    clearTimeout(hangTimer);
    hangTimer = undefined;
    log(`[recovery] ${name} screen responding again`);
  });

  win.on('closed', () => clearTimeout(hangTimer));
}
