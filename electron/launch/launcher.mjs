// Pure decisions for `npm start` (start.mjs). Plain JavaScript: it runs with `node` before anything is built.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders whose files are inputs to `npm run build`. */
export const SOURCE_DIRS = ['renderer', 'electron', 'db'];
/** Files whose change also changes the build, besides the source folders. */
export const SOURCE_FILES = ['vite.config.ts', 'package.json'];
/** What `npm run build` writes and the launcher needs. */
export const BUILD_OUTPUTS = ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/electron/serve.js', 'dist/renderer/index.html'];
/** The launcher itself is not part of the build: editing it must not trigger one. */
const NOT_SOURCES = [join('electron', 'launch')];

/**
 * @typedef {{ mtimeMs: number, isDirectory(): boolean }} StatLike
 * @typedef {{ stat?: (path: string) => StatLike, readdir?: (path: string) => string[], exists?: (path: string) => boolean }} FsLike
 */

/**
 * The newest modification time among the files below `dir` (0 if there are none).
 * @param {string} root
 * @param {string} dir relative to root
 * @param {FsLike} fs
 * @returns {number}
 */
function newestBelow(root, dir, fs) {
  const stat = fs.stat ?? statSync;
  const readdir = fs.readdir ?? ((p) => readdirSync(p));
  let newest = 0;
  /** @param {string} rel */
  const walk = (rel) => {
    if (NOT_SOURCES.includes(rel)) return;
    const info = stat(join(root, rel));
    if (!info.isDirectory()) {
      newest = Math.max(newest, info.mtimeMs);
      return;
    }
    for (const name of readdir(join(root, rel))) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      walk(join(rel, name));
    }
  };
  walk(dir);
  return newest;
}

/**
 * Whether `npm run build` must run first, and why (for the one line the launcher prints).
 * @param {string} root the project folder
 * @param {FsLike} [fs] stand-ins for tests
 * @returns {{ needed: boolean, reason: string }}
 */
export function checkBuild(root, fs = {}) {
  const exists = fs.exists ?? existsSync;
  const stat = fs.stat ?? statSync;
  const missing = BUILD_OUTPUTS.find((out) => !exists(join(root, out)));
  if (missing) return { needed: true, reason: `${missing} is missing` };
  const builtAt = Math.min(...BUILD_OUTPUTS.map((out) => stat(join(root, out)).mtimeMs));
  const inputs = [...SOURCE_DIRS, ...SOURCE_FILES].filter((p) => exists(join(root, p)));
  const changedAt = Math.max(0, ...inputs.map((p) => newestBelow(root, p, fs)));
  if (changedAt > builtAt) return { needed: true, reason: 'sources changed since the last build' };
  return { needed: false, reason: 'build is up to date' };
}

/**
 * The address from serve.js's "Listening on http://HOST:PORT" line, or null for any other line.
 * @param {string} line
 * @returns {string | null}
 */
export function parseListeningLine(line) {
  const match = /Listening on (https?:\/\/\S+)/.exec(line);
  return match ? match[1].replace(/\/+$/, '') : null;
}

/**
 * The data folder from serve.js's "数据目录 / Data: DIR" line, or null.
 * @param {string} line
 * @returns {string | null}
 */
export function parseDataLine(line) {
  const match = /Data: (.+)$/.exec(line.trim());
  return match ? match[1] : null;
}

/**
 * Chromium-family browsers to try for the app window, most specific first.
 * @param {NodeJS.ProcessEnv} env
 * @param {NodeJS.Platform} platform
 * @returns {string[]}
 */
export function browserCandidates(env, platform) {
  const fromEnv = env.CHROME_PATH ? [env.CHROME_PATH] : [];
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter(Boolean);
    return [...fromEnv, ...roots.map((r) => `${r}\\Google\\Chrome\\Application\\chrome.exe`), ...roots.map((r) => `${r}\\Microsoft\\Edge\\Application\\msedge.exe`)];
  }
  if (platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return [...fromEnv, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
}

/**
 * The first browser that exists, or null.
 * @param {{ env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, exists?: (path: string) => boolean }} [options]
 * @returns {string | null}
 */
export function findBrowser({ env = process.env, platform = process.platform, exists = existsSync } = {}) {
  return browserCandidates(env, platform).find((p) => exists(p)) ?? null;
}

/**
 * Whether a window can be shown at all: on Linux a session has DISPLAY or WAYLAND_DISPLAY; an SSH login or a server has neither.
 * @param {NodeJS.ProcessEnv} env
 * @param {NodeJS.Platform} platform
 */
export function hasDisplay(env, platform) {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * The browser's command line: an app window (no address bar) in kiosk mode, with its own profile
 * in the data folder so it never mixes with someone's everyday browsing, and no calls home.
 * @param {string} url
 * @param {string} profileDir
 * @returns {string[]}
 */
export function browserArgs(url, profileDir) {
  return [
    `--app=${url}`,
    '--kiosk',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
  ];
}

/**
 * The user's flags, split for each child: Electron gets them all (it ignores what it does not know),
 * serve.js only --demo and --data (it rejects anything else).
 * @param {string[]} argv process.argv.slice(2)
 * @returns {{ electron: string[], serve: string[] }}
 */
export function splitArgs(argv) {
  /** @type {string[]} */
  const serve = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--demo' || arg.startsWith('--data=')) serve.push(arg);
    else if (arg === '--data' && i + 1 < argv.length) serve.push(arg, argv[++i]);
  }
  return { electron: [...argv], serve };
}

/**
 * Where the Electron-ABI build of better-sqlite3 is cached (kept in step with electron/nativeBinding.ts).
 * @param {string} root
 * @param {string} electronVersion
 */
export function electronSqlitePath(root, electronVersion) {
  return join(root, 'node_modules', '.cache', 'houniao-electron-sqlite', electronVersion, 'better_sqlite3.node');
}

/**
 * The environment for node-gyp without npm's settings that would point it at Node's own headers
 * (`npm start` exports them, e.g. a user's `nodedir`): the Electron flags on its command line must win.
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
export function gypEnv(env) {
  const overriding = /^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|build_from_source)$/i;
  return Object.fromEntries(Object.entries(env).filter(([key]) => !overriding.test(key)));
}

/**
 * The one paragraph printed when the app falls back to the browser.
 * @param {string} reason a short technical cause, shown last for whoever troubleshoots
 */
export function fallbackNotice(reason) {
  return [
    '无法使用 Electron 桌面程序，很可能是因为这台电脑没有联网（Electron 程序和它的数据库驱动要在第一次启动时下载）。',
    '现在改为在本机启动同一套程序的服务，并用 Chromium/Chrome 以全屏窗口打开自助机界面，数据与桌面程序相同；联网后再运行 npm start 即可使用桌面程序。',
    'Electron could not be used, most likely because this computer is offline (Electron and its database driver are',
    'downloaded on first start). Starting the same app as a local server on this computer instead and opening the kiosk',
    'in a Chromium/Chrome app window; the data is the same. Run npm start again once online to get the desktop app.',
    `（原因 / Reason: ${reason}）`,
  ].join('\n');
}
