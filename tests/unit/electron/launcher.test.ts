import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILD_OUTPUTS,
  browserArgs,
  browserCandidates,
  checkBuild,
  fallbackNotice,
  findBrowser,
  gypEnv,
  hasDisplay,
  parseDataLine,
  parseListeningLine,
  splitArgs,
} from '../../../electron/launch/launcher.mjs';
import { tempDir } from '../../helpers/tempDb.js';

function touch(root: string, rel: string, at: number) {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '');
  utimesSync(file, at, at);
}

/** A project folder with sources at t=1000 s and every build output at t=2000 s. */
function builtProject() {
  const root = tempDir();
  for (const rel of ['renderer/main.ts', 'electron/main.ts', 'db/connection.ts', 'vite.config.ts', 'package.json']) touch(root, rel, 1000);
  for (const rel of BUILD_OUTPUTS) touch(root, rel, 2000);
  return root;
}

describe('checkBuild', () => {
  it('builds when an output is missing', () => {
    const root = tempDir();
    touch(root, 'renderer/main.ts', 1000);
    expect(checkBuild(root)).toEqual({ needed: true, reason: 'dist/electron/main.js is missing' });
  });

  it('does not build when every output is newer than every source', () => {
    expect(checkBuild(builtProject())).toEqual({ needed: false, reason: 'build is up to date' });
  });

  it('builds when any file below renderer/, electron/ or db/ is newer, however deep', () => {
    for (const rel of ['renderer/screens/kiosk/KioskHome.vue', 'electron/lan/server.ts', 'db/migrations/001.ts', 'vite.config.ts']) {
      const root = builtProject();
      touch(root, rel, 3000);
      expect(checkBuild(root).needed, rel).toBe(true);
    }
  });

  it('ignores the launcher itself, dot-files and nested node_modules', () => {
    const root = builtProject();
    touch(root, 'electron/launch/start.mjs', 3000);
    touch(root, 'renderer/.DS_Store', 3000);
    touch(root, 'db/node_modules/x/index.js', 3000);
    expect(checkBuild(root).needed).toBe(false);
  });
});

describe('serve.js output', () => {
  it('yields the address from the Listening line only', () => {
    expect(parseListeningLine('Listening on http://127.0.0.1:41234')).toBe('http://127.0.0.1:41234');
    expect(parseListeningLine('Listening on http://[::1]:8731/')).toBe('http://[::1]:8731');
    expect(parseListeningLine('数据目录 / Data: /tmp/x')).toBeNull();
    expect(parseListeningLine('')).toBeNull();
  });

  it('yields the data folder from the Data line', () => {
    expect(parseDataLine('数据目录 / Data: /home/a/.config/候鸟驿站')).toBe('/home/a/.config/候鸟驿站');
    expect(parseDataLine('Listening on http://127.0.0.1:1')).toBeNull();
  });
});

describe('findBrowser', () => {
  const only =
    (...paths: string[]) =>
    (p: string) =>
      paths.includes(p);

  it('prefers CHROME_PATH, then Debian’s chromium, then Chrome', () => {
    const env = { CHROME_PATH: '/opt/chrome/chrome' };
    expect(findBrowser({ env, platform: 'linux', exists: only('/opt/chrome/chrome', '/usr/bin/chromium') })).toBe('/opt/chrome/chrome');
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/usr/bin/google-chrome', '/usr/bin/chromium') })).toBe('/usr/bin/chromium');
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/usr/bin/google-chrome-stable') })).toBe('/usr/bin/google-chrome-stable');
    expect(findBrowser({ env: {}, platform: 'linux', exists: () => false })).toBeNull();
  });

  it('looks for Chrome, then Edge, in the usual Windows folders', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' };
    const candidates = browserCandidates(env, 'win32');
    expect(candidates[0]).toBe('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(candidates).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(candidates.findIndex((c) => c.includes('msedge'))).toBeGreaterThan(candidates.findIndex((c) => c.includes('chrome.exe')));
    expect(findBrowser({ env, platform: 'win32', exists: only('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe') })).toContain('msedge.exe');
  });

  it('finds this machine’s /usr/bin/chromium', () => {
    if (process.platform === 'linux') expect(findBrowser({ env: {} })).not.toBeNull();
  });
});

describe('hasDisplay', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY on Linux only', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
  });
});

describe('browserArgs', () => {
  it('open an app window in kiosk mode with its own quiet profile', () => {
    expect(browserArgs('http://127.0.0.1:1/kiosk', '/d/chromium-profile')).toEqual([
      '--app=http://127.0.0.1:1/kiosk',
      '--kiosk',
      '--user-data-dir=/d/chromium-profile',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
    ]);
  });
});

describe('splitArgs', () => {
  it('gives Electron every flag and serve.js only the ones it accepts', () => {
    expect(splitArgs(['--demo', '--data', '/d', '--enable-logging'])).toEqual({
      electron: ['--demo', '--data', '/d', '--enable-logging'],
      serve: ['--demo', '--data', '/d'],
    });
    expect(splitArgs(['--data=/d'])).toEqual({ electron: ['--data=/d'], serve: ['--data=/d'] });
    expect(splitArgs([])).toEqual({ electron: [], serve: [] });
  });
});

describe('fallbackNotice', () => {
  it('says what happened in Chinese and in English, with the reason', () => {
    const text = fallbackNotice('TypeError: fetch failed');
    expect(text).toContain('无法使用 Electron 桌面程序');
    expect(text).toContain('Electron could not be used');
    expect(text).toContain('Reason: TypeError: fetch failed');
    expect(text).toContain('Chromium');
  });
});

describe('gypEnv', () => {
  it('drops the npm settings that would build better-sqlite3 against Node’s headers instead of Electron’s', () => {
    const env = gypEnv({ PATH: '/usr/bin', npm_config_nodedir: '/usr', NPM_CONFIG_TARGET: '20.0.0', npm_config_runtime: 'node', npm_config_cache: '/c' });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/c' });
  });
});
