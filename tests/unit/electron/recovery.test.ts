import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from './fakes.js';
import { watchForCrashes } from '../../../electron/recovery.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function watched() {
  const win = new FakeBrowserWindow({});
  const log = vi.fn();
  watchForCrashes(win as never, { name: 'kiosk', log, reloadDelayMs: 1_000, repeatedCrashDelayMs: 30_000, unresponsiveGraceMs: 15_000 });
  return { win, log, contents: win.webContents };
}

describe('crash recovery', () => {
  it('logs a crashed screen and reloads it', () => {
    const { contents, log } = watched();
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/kiosk screen gone \(crashed, exit code 139\)/));
    expect(contents.reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(contents.reload).toHaveBeenCalledTimes(1);
  });

  it('leaves a clean exit and a closed window alone', () => {
    const { win, contents } = watched();
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    win.destroyed = true;
    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    vi.advanceTimersByTime(60_000);
    expect(contents.reload).not.toHaveBeenCalled();
  });

  it('waits longer after repeated crashes, so a broken page cannot spin', () => {
    const { contents } = watched();
    for (let i = 0; i < 3; i++) {
      contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
      vi.advanceTimersByTime(1_000);
    }
    expect(contents.reload).toHaveBeenCalledTimes(3);
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    vi.advanceTimersByTime(1_000);
    expect(contents.reload).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(29_000);
    expect(contents.reload).toHaveBeenCalledTimes(4);
  });

  it('restarts a screen that stays unresponsive past the grace period', () => {
    const { win, contents, log } = watched();
    win.emit('unresponsive');
    win.emit('unresponsive');
    vi.advanceTimersByTime(14_999);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('still not responding'));
  });

  it('lets a screen that recovers by itself carry on', () => {
    const { win, contents } = watched();
    win.emit('unresponsive');
    vi.advanceTimersByTime(5_000);
    win.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });
});
