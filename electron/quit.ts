import type { App, BrowserWindow, Dialog, Input } from 'electron';
import type { Log } from './log.js';
import type { WindowKind } from './windows.js';

/**
 * The key chord that asks to quit from the kiosk or the hall display: Ctrl+Alt+Shift+Q on a keyboard
 * plugged into the terminal. Residents use the touch screen and the card scanner, which cannot send
 * it; the confirmation that follows defaults to 取消.
 */
export function isQuitChord(input: Pick<Input, 'type' | 'key' | 'control' | 'alt' | 'shift' | 'meta'>): boolean {
  return input.type === 'keyDown' && input.key.toLowerCase() === 'q' && input.control && input.alt && input.shift;
}

export interface QuitGuard {
  isQuitting(): boolean;
  /** Asks on `win` whether to quit the whole app, and quits when the staff confirm. */
  confirmQuit(win: BrowserWindow): Promise<boolean>;
  /** Refuses to close `win` unless the app is quitting; the staff console's close button asks to quit instead. */
  guard(win: BrowserWindow, kind: WindowKind): void;
}

/**
 * The kiosk and the hall display do not close: Alt+F4, a stray click on a taskbar preview or a
 * resident's keyboard would otherwise end the app with nobody there to start it. The app quits only
 * through a staff path — the staff console's close button, or the quit chord on the kiosk or the
 * display — after a confirmation, or when the system ends the session (shutdown, log-off).
 */
export function createQuitGuard({ app, dialog, log }: { app: Pick<App, 'quit' | 'on'>; dialog: Pick<Dialog, 'showMessageBox'>; log: Log }): QuitGuard {
  let quitting = false;
  let asking = false;
  app.on('before-quit', () => {
    quitting = true;
  });

  async function confirmQuit(win: BrowserWindow): Promise<boolean> {
    if (quitting) return true;
    if (asking) return false;
    asking = true;
    try {
      const { response } = await dialog.showMessageBox(win, {
        type: 'question',
        buttons: ['退出 / Quit', '取消 / Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
        title: '退出候鸟驿站 / Quit',
        message: '要退出候鸟驿站吗？',
        detail: '自助机和大屏也会一起关闭，要再打开请重新启动程序。\nQuit 候鸟驿站? The kiosk and the hall display close too.',
      });
      if (response !== 0) return false;
      log('[quit] quit confirmed by staff');
      quitting = true;
      app.quit();
      return true;
    } finally {
      asking = false;
    }
  }

  function guard(win: BrowserWindow, kind: WindowKind): void {
    win.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      if (kind === 'staff') {
        void confirmQuit(win);
        return;
      }
      log(`[quit] ${kind} window refused to close (only staff can quit)`);
    });
    // Windows asks every window before shutdown or log-off: let the app end then.
    win.on('session-end', () => {
      quitting = true;
    });
    if (kind !== 'staff') {
      win.webContents.on('before-input-event', (event, input) => {
        if (!isQuitChord(input)) return;
        event.preventDefault();
        void confirmQuit(win);
      });
    }
  }

  return { isQuitting: () => quitting, confirmQuit, guard };
}
