import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { applyAutostart, autostartArgs, autostartCommand, autostartDesktopEntry, autostartPath, autostartWanted } from '../../../electron/autostart.js';
import { tempDir } from '../../helpers/tempDb.js';

const target = { command: '/opt/候鸟驿站/houniao-yizhan', args: ['--data', '/srv/驿站 数据'] };

describe('start at login', () => {
  it('writes a freedesktop autostart entry, quoting what needs quoting', () => {
    const entry = autostartDesktopEntry(target);
    expect(entry.split('\n')[0]).toBe('[Desktop Entry]');
    expect(entry).toContain('Type=Application');
    expect(entry).toContain('Exec=/opt/候鸟驿站/houniao-yizhan --data "/srv/驿站 数据"');
    expect(autostartDesktopEntry({ command: '/a/b', args: ['--data', '/x"$y'] })).toContain('Exec=/a/b --data "/x\\\\"\\\\$y"');
  });

  it('goes to $XDG_CONFIG_HOME/autostart or ~/.config/autostart', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/a')).toBe('/cfg/autostart/houniao-yizhan.desktop');
    expect(autostartPath({}, '/home/a')).toBe('/home/a/.config/autostart/houniao-yizhan.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: 'relative' }, '/home/a')).toBe('/home/a/.config/autostart/houniao-yizhan.desktop');
  });

  it('repeats the data folder and demo mode, and starts the AppImage file rather than its mount', () => {
    expect(autostartArgs('/d', true)).toEqual(['--data', '/d', '--demo']);
    expect(autostartArgs(undefined, false)).toEqual([]);
    expect(autostartCommand('/tmp/.mount_abc/houniao-yizhan', { APPIMAGE: '/home/a/候鸟驿站.AppImage' })).toBe('/home/a/候鸟驿站.AppImage');
    expect(autostartCommand('/opt/x/houniao-yizhan', {})).toBe('/opt/x/houniao-yizhan');
  });

  it('registers the Windows login item through Electron, and removes it when disabled', () => {
    const app = { setLoginItemSettings: vi.fn() };
    const base = { platform: 'win32' as const, isPackaged: true, target: { command: 'C:\\候鸟驿站\\houniao-yizhan.exe', args: [] }, app, env: {}, log: () => {} };
    applyAutostart({ ...base, enabled: true });
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true, path: 'C:\\候鸟驿站\\houniao-yizhan.exe', args: [] });
    applyAutostart({ ...base, enabled: false });
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith(expect.objectContaining({ openAtLogin: false }));
  });

  it('writes and removes the Linux entry, and never for a checkout', () => {
    const home = tempDir();
    const app = { setLoginItemSettings: vi.fn() };
    const file = join(home, '.config', 'autostart', 'houniao-yizhan.desktop');
    const base = { platform: 'linux' as const, target, app, env: {}, home, log: () => {} };
    applyAutostart({ ...base, enabled: true, isPackaged: false });
    expect(existsSync(file)).toBe(false);
    applyAutostart({ ...base, enabled: true, isPackaged: true });
    expect(readFileSync(file, 'utf8')).toBe(autostartDesktopEntry(target));
    applyAutostart({ ...base, enabled: false, isPackaged: true });
    expect(existsSync(file)).toBe(false);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('logs and carries on when the entry cannot be written', () => {
    const log = vi.fn();
    const app = {
      setLoginItemSettings: vi.fn(() => {
        throw new Error('denied');
      }),
    };
    expect(() => applyAutostart({ enabled: true, platform: 'win32', isPackaged: true, target, app, env: {}, log })).not.toThrow();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('denied'));
  });

  it('remembers --no-autostart in the data folder until --autostart', () => {
    const data = tempDir();
    expect(autostartWanted(data, {})).toBe(true);
    expect(autostartWanted(data, { noAutostart: true })).toBe(false);
    expect(autostartWanted(data, {})).toBe(false);
    expect(autostartWanted(data, { autostart: true })).toBe(true);
    expect(autostartWanted(data, {})).toBe(true);
  });
});
