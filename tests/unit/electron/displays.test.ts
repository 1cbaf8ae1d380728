import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeScreen, SCREEN_1, TV } from './fakes.js';
import { applyDisplayPlacement, followDisplays } from '../../../electron/displays.js';
import type { WindowKind } from '../../../electron/windows.js';

function follow(screen: FakeScreen, windows: Map<WindowKind, FakeBrowserWindow>) {
  return followDisplays({ screen: screen as never, windows: () => windows as never, log: vi.fn() });
}

describe('following the screens', () => {
  it('leaves a display already on the TV alone when the screens only change their metrics', () => {
    const screen = new FakeScreen([{ ...SCREEN_1 }, { ...TV }]);
    // Scaled bounds a pixel off the TV's: still on the TV.
    const display = new FakeBrowserWindow({ x: TV.bounds.x + 1, y: 0, width: TV.bounds.width - 2, height: TV.bounds.height, fullscreen: true, focusable: false });
    display.visible = true;
    const stop = follow(screen, new Map([['display', display]]));
    screen.emit('display-metrics-changed', {}, TV, ['scaleFactor']);
    expect(display.setFullScreen).not.toHaveBeenCalledWith(false);
    expect(display.setBounds).not.toHaveBeenCalled();
    stop();
  });

  it('moves a display that Windows dropped on the kiosk back to the TV when it returns', () => {
    const screen = new FakeScreen([{ ...SCREEN_1 }]);
    const display = new FakeBrowserWindow({ ...SCREEN_1.bounds, fullscreen: true, focusable: false });
    applyDisplayPlacement(display as never, { mode: 'second-screen', bounds: TV.bounds });
    // A full-screen window is not moved: it left full screen first, moved, then went full screen on the TV.
    expect(display.setFullScreen.mock.calls.map((c) => c[0])).toEqual([false, true]);
    expect(display.bounds).toEqual(TV.bounds);
    expect(screen.displays).toHaveLength(1);
  });

  it('does not snap back a framed display window the staff moved', () => {
    const screen = new FakeScreen([{ ...SCREEN_1 }]);
    const staff = new FakeBrowserWindow({});
    const display = new FakeBrowserWindow({ width: 1280, height: 720 });
    display.visible = true;
    display.bounds = { x: 300, y: 200, width: 1000, height: 600 };
    const stop = follow(
      screen,
      new Map<WindowKind, FakeBrowserWindow>([
        ['staff', staff],
        ['display', display],
      ]),
    );
    screen.emit('display-metrics-changed', {}, SCREEN_1, ['workArea']);
    expect(display.bounds).toEqual({ x: 300, y: 200, width: 1000, height: 600 });
    stop();
  });
});
