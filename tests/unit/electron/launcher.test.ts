import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import {
  BUILD_OUTPUTS,
  PROGRESS_MARKER,
  browserArgs,
  browserCandidates,
  checkBuild,
  classifyFailure,
  detectSandboxFailure,
  electronPlatformArgs,
  failureLine,
  fallbackNotice,
  findBrowser,
  formatProgress,
  gypEnv,
  hasDisplay,
  obtainElectronSqlite,
  parseDataLine,
  parseListeningLine,
  parseProgressLine,
  prebuildArgs,
  sandboxFix,
  splitArgs,
  superviseElectron,
  watchDownload,
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
  it('says what happened by its real cause, in Chinese and in English, with the detail', () => {
    const offline = fallbackNotice('electron-offline', 'TypeError: fetch failed');
    expect(offline).toContain('连不上下载服务器');
    expect(offline).toContain('cannot reach the download server');
    expect(offline).toContain('Reason: TypeError: fetch failed');
    expect(offline).toContain('Chromium');
    const compiler = fallbackNotice('driver-no-compiler', 'gyp ERR! find VS');
    expect(compiler).toContain('Visual Studio');
    expect(compiler).not.toContain('连不上');
    expect(fallbackNotice('electron-stalled', 'no data for 120 s')).toContain('ELECTRON_MIRROR');
    expect(fallbackNotice('sandbox', 'x')).toContain('.deb');
  });
});

// What the tools print, as they print it.
const PREBUILD_OFFLINE =
  'prebuild-install info begin Prebuild-install version 7.1.3\nprebuild-install warn install request to https://github.com/WiseLibs/better-sqlite3/releases/download/v12.11.1/better-sqlite3-v12.11.1-electron-v150-win32-x64.tar.gz failed, reason: getaddrinfo ENOTFOUND github.com';
const PREBUILD_MISSING = 'prebuild-install warn install No prebuilt binaries found (target=45.4.1 runtime=electron arch=ia32 libc= platform=win32)';
const GYP_NO_VS =
  'gyp ERR! find VS could not find a version of Visual Studio 2017 or newer to use\ngyp ERR! find VS You need to install the latest version of Visual Studio\ngyp ERR! configure error';
const GYP_NO_PYTHON = 'gyp ERR! find Python Python is not set from command line or npm configuration\ngyp ERR! find Python You need to install the latest version of Python.';
const GYP_OFFLINE = 'gyp http GET https://electronjs.org/headers/v45.4.1/node-v45.4.1-headers.tar.gz\ngyp ERR! stack Error: getaddrinfo EAI_AGAIN electronjs.org';

describe('the database driver for Electron', () => {
  it('classifies a failure by what the tool printed', () => {
    expect(classifyFailure(PREBUILD_OFFLINE)).toBe('offline');
    expect(classifyFailure(PREBUILD_MISSING)).toBe('no-prebuilt');
    expect(classifyFailure(GYP_NO_VS)).toBe('no-compiler');
    expect(classifyFailure(GYP_NO_PYTHON)).toBe('no-compiler');
    expect(classifyFailure('gyp ERR! build error\nmake: *** [sqlite3.o] Error 1')).toBe('other');
    expect(failureLine(GYP_OFFLINE)).toBe('gyp ERR! stack Error: getaddrinfo EAI_AGAIN electronjs.org');
  });

  it('takes the ready-made binary first and never compiles when one is there', async () => {
    let compiled = false;
    const outcome = await obtainElectronSqlite({ tryPrebuilt: async () => ({ ok: true }), tryCompile: async () => ((compiled = true), { ok: true }) });
    expect(outcome).toEqual({ ok: true, how: 'prebuilt' });
    expect(compiled).toBe(false);
  });

  it('does not try to compile offline, and says offline', async () => {
    let compiled = false;
    const outcome = await obtainElectronSqlite({ tryPrebuilt: async () => ({ ok: false, output: PREBUILD_OFFLINE }), tryCompile: async () => ((compiled = true), { ok: true }) });
    expect(outcome).toMatchObject({ ok: false, cause: 'driver-offline' });
    expect(compiled).toBe(false);
  });

  it('compiles only as the last resort, and blames the missing compiler rather than the network', async () => {
    expect(await obtainElectronSqlite({ tryPrebuilt: async () => ({ ok: false, output: PREBUILD_MISSING }), tryCompile: async () => ({ ok: true }) })).toEqual({
      ok: true,
      how: 'compiled',
    });
    const noVs = await obtainElectronSqlite({ tryPrebuilt: async () => ({ ok: false, output: PREBUILD_MISSING }), tryCompile: async () => ({ ok: false, output: GYP_NO_VS }) });
    expect(noVs).toMatchObject({ ok: false, cause: 'driver-no-compiler' });
    if (!noVs.ok) expect(noVs.detail).toContain('find VS');
    expect(
      await obtainElectronSqlite({ tryPrebuilt: async () => ({ ok: false, output: PREBUILD_MISSING }), tryCompile: async () => ({ ok: false, output: GYP_OFFLINE }) }),
    ).toMatchObject({ cause: 'driver-offline' });
    expect(
      await obtainElectronSqlite({ tryPrebuilt: async () => ({ ok: false, output: PREBUILD_MISSING }), tryCompile: async () => ({ ok: false, output: 'gyp ERR! build error' }) }),
    ).toMatchObject({ cause: 'driver-failed' });
  });

  it('asks prebuild-install for the Electron runtime and version', () => {
    expect(prebuildArgs('45.4.1', 'win32', 'x64')).toEqual(['--runtime=electron', '--target=45.4.1', '--platform=win32', '--arch=x64', '--verbose']);
  });
});

/** A real child process that prints download progress every `everyMs`, `count` times, then exits. */
function downloader(count: number, everyMs: number, { thenHang = false } = {}) {
  const script = `let i = 0; const t = setInterval(() => { i++; console.log('${PROGRESS_MARKER} ' + i * 1048576 + ' ' + ${count} * 1048576); if (i === ${count}) { clearInterval(t); if (!${thenHang}) process.exit(0); else setInterval(() => {}, 1000); } }, ${everyMs});`;
  return spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('the Electron download', () => {
  it('is not cut off while data keeps arriving, however long it takes in total', async () => {
    const seen: number[] = [];
    // 16 chunks 250 ms apart: 4 s in all, twice the 2 s stall limit (which also covers Node starting on a busy machine).
    const result = await watchDownload(downloader(16, 250), { stallMs: 2000, onProgress: (p) => seen.push(p.transferred) });
    expect(result).toMatchObject({ code: 0, stalled: false });
    expect(seen).toHaveLength(16);
    expect(seen.at(-1)).toBe(16 * 1048576);
  }, 20_000);

  it('is stopped once nothing has arrived for the stall time', async () => {
    const started = Date.now();
    const seen: number[] = [];
    const result = await watchDownload(downloader(2, 30, { thenHang: true }), { stallMs: 2000, onProgress: (p) => seen.push(p.transferred) });
    expect(result.stalled).toBe(true);
    expect(result.code).not.toBe(0);
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 20_000);

  it('keeps what the child printed for the cause', async () => {
    const child = spawn(process.execPath, ['-e', "console.error('TypeError: fetch failed\\n  cause: Error: getaddrinfo ENOTFOUND github.com'); process.exit(1)"], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = await watchDownload(child, { stallMs: 5000 });
    expect(result.code).toBe(1);
    expect(classifyFailure(result.output)).toBe('offline');
  });

  it('shows progress in megabytes and per cent', () => {
    expect(parseProgressLine(`${PROGRESS_MARKER} 52428800 104857600`)).toEqual({ transferred: 52428800, total: 104857600 });
    expect(parseProgressLine('Downloading…')).toBeNull();
    expect(formatProgress({ transferred: 52428800, total: 104857600 })).toContain('50.0 / 100.0 MB (50%)');
    expect(formatProgress({ transferred: 1048576, total: 0 })).toContain('1.0 MB');
  });
});

describe('Electron on Linux', () => {
  it('is started on X11 where there is an X server, so the TV window lands on the TV', () => {
    expect(electronPlatformArgs({ DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual(['--ozone-platform=x11']);
    expect(electronPlatformArgs({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual([]);
    expect(electronPlatformArgs({ DISPLAY: ':0' }, 'win32')).toEqual([]);
  });

  it('recognises the sandbox stop of Ubuntu 24.04 and prints the one fix', () => {
    const suid =
      "[4242:1201/090807.123456:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that /home/a/houniao/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755.";
    expect(detectSandboxFailure(suid)).toEqual({ kind: 'suid', helper: '/home/a/houniao/node_modules/electron/dist/chrome-sandbox' });
    const userns =
      '[1:2:FATAL:zygote_host_impl_linux.cc(128)] No usable sandbox! If you are running on Ubuntu 23.10+ or another Linux distro that has disabled unprivileged user namespaces with AppArmor, see …';
    expect(detectSandboxFailure(userns)).toEqual({ kind: 'userns', helper: null });
    expect(detectSandboxFailure('[1:2:ERROR:bus.cc(407)] Failed to connect to the bus')).toBeNull();
    const fix = sandboxFix({ helper: null }, '/p/node_modules/electron/dist/chrome-sandbox');
    expect(fix).toContain("sudo chown root:root '/p/node_modules/electron/dist/chrome-sandbox' && sudo chmod 4755 '/p/node_modules/electron/dist/chrome-sandbox'");
    expect(fix).toContain('.deb');
  });
});

describe('gypEnv', () => {
  it('drops the npm settings that would build better-sqlite3 against Node’s headers instead of Electron’s', () => {
    const env = gypEnv({ PATH: '/usr/bin', npm_config_nodedir: '/usr', NPM_CONFIG_TARGET: '20.0.0', npm_config_runtime: 'node', npm_config_cache: '/c' });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/c' });
  });
});

/** A stand-in Electron binary: a real process that prints `stderr` and ends as Electron does when its sandbox refuses. */
function fakeElectron(stderr: string, { exitCode = 0, trap = false, lingerMs = 0 } = {}) {
  const script = `process.stderr.write(${JSON.stringify(stderr)}); setTimeout(() => ${trap ? "process.kill(process.pid, 'SIGTRAP')" : `process.exit(${exitCode})`}, ${lingerMs});`;
  return spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
}

describe('watching Electron start', () => {
  const SUID =
    "[4242:1201/090807.123456:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that /p/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755.\n";

  it('reports a sandbox that refuses at launch (Electron dies on SIGTRAP), passing its stderr through', async () => {
    const passed: string[] = [];
    const result = await superviseElectron(fakeElectron(SUID, { trap: true }), { passOn: (c) => passed.push(String(c)) });
    expect(result.sandbox).toEqual({ kind: 'suid', helper: '/p/node_modules/electron/dist/chrome-sandbox' });
    expect(result.signal).toBe('SIGTRAP');
    expect(passed.join('')).toContain('SUID sandbox helper binary');
  });

  it('reports nothing for an ordinary exit with ordinary warnings', async () => {
    const result = await superviseElectron(fakeElectron('[1:2:ERROR:bus.cc(407)] Failed to connect to the bus\n', { exitCode: 0 }), { passOn: () => {} });
    expect(result).toEqual({ code: 0, signal: null, sandbox: null });
  });

  it('does not blame the sandbox for a late exit, long after a good start', async () => {
    const result = await superviseElectron(fakeElectron(SUID, { exitCode: 1, lingerMs: 300 }), { passOn: () => {}, launchMs: 100 });
    expect(result.sandbox).toBeNull();
    expect(result.code).toBe(1);
  });
});
