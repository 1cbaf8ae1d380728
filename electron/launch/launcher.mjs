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
 * Why the desktop app could not be used, by cause, for the one paragraph the launcher prints.
 * @typedef {'electron-offline' | 'electron-stalled' | 'electron-failed' | 'driver-offline' | 'driver-no-compiler' | 'driver-failed' | 'sandbox'} FallbackCause
 */

/** @type {Record<FallbackCause, [string, string]>} */
const CAUSES = {
  'electron-offline': [
    '无法下载 Electron 桌面程序：这台电脑现在连不上下载服务器（没有联网，或被防火墙、代理挡住）。',
    'Electron could not be downloaded: this computer cannot reach the download server (offline, or a firewall or proxy blocks it).',
  ],
  'electron-stalled': [
    '下载 Electron 桌面程序时网络停住了，很久没有收到数据。网络慢时可设置 ELECTRON_MIRROR 换用国内镜像（见 README）。',
    'The Electron download stopped receiving data. On a slow line set ELECTRON_MIRROR to a nearer mirror (see README).',
  ],
  'electron-failed': ['Electron 桌面程序没能准备好（下载或解压出错）。', 'Electron could not be prepared (the download or unpacking failed).'],
  'driver-offline': [
    '数据库驱动（better-sqlite3 的 Electron 版本）下载不了：这台电脑现在连不上网络。',
    'The database driver for Electron (better-sqlite3) could not be downloaded: this computer is offline.',
  ],
  'driver-no-compiler': [
    '没有现成的数据库驱动可下载，而这台电脑上没有编译工具（Windows 需要 Visual Studio 生成工具和 Python）。建议改用安装包（npm run dist）。',
    'No ready-made database driver could be had, and this computer has no compiler (on Windows: Visual Studio Build Tools and Python). Consider the installer (npm run dist).',
  ],
  'driver-failed': ['数据库驱动（better-sqlite3）没能为 Electron 准备好。', 'The database driver (better-sqlite3) could not be prepared for Electron.'],
  sandbox: [
    'Electron 被系统的安全沙盒设置挡住，无法启动（Ubuntu 24.04 起常见，修复方法见上方）。在 Ubuntu 上建议安装 .deb 安装包，它会自动设置好。',
    'Electron was stopped by the system sandbox settings (common since Ubuntu 24.04; the fix is printed above). On Ubuntu the .deb package sets this up itself.',
  ],
};

/**
 * The one paragraph printed when the app falls back to the browser, worded by the real cause.
 * @param {FallbackCause} cause
 * @param {string} detail a short technical line, shown last for whoever troubleshoots
 */
export function fallbackNotice(cause, detail) {
  const [zh, en] = CAUSES[cause] ?? CAUSES['electron-failed'];
  return [
    zh,
    '现在改为在本机启动同一套程序的服务，并用 Chromium/Chrome 以全屏窗口打开自助机界面，数据与桌面程序相同；问题解决后再运行 npm start 即可使用桌面程序。',
    en,
    'Starting the same app as a local server on this computer instead and opening the kiosk in a Chromium/Chrome app window;',
    'the data is the same. Run npm start again once this is solved to get the desktop app.',
    `（原因 / Reason: ${detail}）`,
  ].join('\n');
}

const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|fetch failed|socket hang up|network|proxy|certificate/i;
const NO_PREBUILT = /No prebuilt binaries found|\b404\b|\bNot Found\b/;
const NO_COMPILER =
  /find VS|Visual Studio|msbuild|find Python|Could not find any Python|python3?: not found|not found: make|make: not found|g\+\+: (?:command )?not found|cc: (?:command )?not found|No Xcode|xcode-select/i;

/**
 * What a failed step's output says went wrong: the network, a missing prebuilt binary, a missing compiler, or something else.
 * @param {string} output stdout and stderr of the step
 * @returns {'offline' | 'no-prebuilt' | 'no-compiler' | 'other'}
 */
export function classifyFailure(output) {
  if (NO_COMPILER.test(output)) return 'no-compiler';
  if (NO_PREBUILT.test(output)) return 'no-prebuilt';
  if (NETWORK.test(output)) return 'offline';
  return 'other';
}

/**
 * The first line of a failure worth showing (an "Error:" line, else the last non-empty one), shortened.
 * @param {string} output
 */
export function failureLine(output) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.find((l) => /\b\w*Error\b|ERR!|error:/i.test(l)) ?? lines.at(-1) ?? '';
  return line.slice(0, 200);
}

/**
 * @typedef {{ ok: true } | { ok: false, output: string }} StepResult
 * @typedef {{ ok: true, how: 'prebuilt' | 'compiled' } | { ok: false, cause: FallbackCause, detail: string }} DriverOutcome
 */

/**
 * better-sqlite3 for Electron: ready-made binaries first (better-sqlite3 publishes them for each
 * Electron ABI; prebuild-install --runtime=electron fetches them), compiling with node-gyp only when
 * there is none, and never compiling when the network is down (node-gyp needs Electron's headers
 * from the internet too). The outcome names the real cause.
 * @param {{ tryPrebuilt: () => Promise<StepResult>, tryCompile: () => Promise<StepResult> }} steps
 * @returns {Promise<DriverOutcome>}
 */
export async function obtainElectronSqlite({ tryPrebuilt, tryCompile }) {
  const prebuilt = await tryPrebuilt();
  if (prebuilt.ok) return { ok: true, how: 'prebuilt' };
  const why = classifyFailure(prebuilt.output);
  if (why === 'offline') return { ok: false, cause: 'driver-offline', detail: `prebuild-install: ${failureLine(prebuilt.output)}` };
  const compiled = await tryCompile();
  if (compiled.ok) return { ok: true, how: 'compiled' };
  const compileWhy = classifyFailure(compiled.output);
  const detail = `prebuild-install: ${failureLine(prebuilt.output)}; node-gyp: ${failureLine(compiled.output)}`;
  if (compileWhy === 'no-compiler') return { ok: false, cause: 'driver-no-compiler', detail };
  if (compileWhy === 'offline') return { ok: false, cause: 'driver-offline', detail };
  return { ok: false, cause: 'driver-failed', detail };
}

/**
 * prebuild-install's command line for better-sqlite3 built for Electron `version`.
 * @param {string} version
 * @param {string} platform
 * @param {string} arch
 */
export function prebuildArgs(version, platform, arch) {
  return ['--runtime=electron', `--target=${version}`, `--platform=${platform}`, `--arch=${arch}`, '--verbose'];
}

/** The marker a download child prints for each chunk received. */
export const PROGRESS_MARKER = '@@houniao-progress';

/**
 * @param {string} line
 * @returns {{ transferred: number, total: number } | null}
 */
export function parseProgressLine(line) {
  const match = new RegExp(`^${PROGRESS_MARKER} (\\d+) (\\d+)$`).exec(line.trim());
  return match ? { transferred: Number(match[1]), total: Number(match[2]) } : null;
}

/**
 * "正在下载 Electron：12.3 / 110.5 MB（11%）"
 * @param {{ transferred: number, total: number }} progress
 */
export function formatProgress({ transferred, total }) {
  const mb = (/** @type {number} */ n) => (n / 1024 / 1024).toFixed(1);
  if (!total) return `正在下载 Electron / Downloading Electron: ${mb(transferred)} MB`;
  return `正在下载 Electron / Downloading Electron: ${mb(transferred)} / ${mb(total)} MB (${Math.floor((transferred / total) * 100)}%)`;
}

/**
 * Runs a child that downloads and kills it only when it stops receiving: any output (the progress
 * lines above) counts as life. A slow line in mainland China takes many minutes for ~100 MB and
 * must not be cut off at a fixed time, which would also restart it from zero next time.
 * @param {import('node:child_process').ChildProcess} child
 * @param {{ stallMs: number, onProgress?: (p: { transferred: number, total: number }) => void, kill?: (child: import('node:child_process').ChildProcess) => void }} options
 * @returns {Promise<{ code: number | null, stalled: boolean, output: string }>}
 */
export function watchDownload(child, { stallMs, onProgress, kill = (c) => c.kill('SIGKILL') }) {
  return new Promise((done) => {
    let output = '';
    let stalled = false;
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        kill(child);
      }, stallMs);
    };
    let pending = '';
    child.stdout?.on('data', (chunk) => {
      arm();
      pending += String(chunk);
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const progress = parseProgressLine(line);
        if (progress) onProgress?.(progress);
        else output += line + '\n';
      }
    });
    child.stderr?.on('data', (chunk) => {
      arm();
      output += String(chunk);
    });
    arm();
    child.on('error', (e) => (output += `${e.message}\n`));
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stalled, output: output + pending });
    });
  });
}

/**
 * Chromium's switches on the Electron command line: on a Linux desktop with an X server (Xorg, or
 * XWayland under Wayland) X11, because a Wayland session ignores our window positions since
 * Electron 38 and the hall TV would open on the kiosk's screen.
 * @param {NodeJS.ProcessEnv} env
 * @param {NodeJS.Platform} platform
 */
export function electronPlatformArgs(env, platform) {
  return platform === 'linux' && env.DISPLAY ? ['--ozone-platform=x11'] : [];
}

/**
 * Whether Electron's stderr says the Linux sandbox stopped it at launch (Ubuntu 24.04+ restricts
 * unprivileged user namespaces; the SUID helper in node_modules is not root-owned).
 * @param {string} stderr
 * @returns {{ kind: 'suid' | 'userns', helper: string | null } | null}
 */
export function detectSandboxFailure(stderr) {
  const suid = /SUID sandbox helper binary (?:was found, but is not configured correctly|could not be found)/.exec(stderr);
  const helper = /make sure that (\S+chrome-sandbox) is owned by root/.exec(stderr)?.[1] ?? null;
  if (suid) return { kind: 'suid', helper };
  if (/No usable sandbox!/.test(stderr)) return { kind: 'userns', helper };
  return null;
}

/**
 * Watches a started Electron: its stderr is passed on as it comes and kept (the first 64 KB), and on
 * exit the answer says whether the Linux sandbox stopped it at launch (within `launchMs`).
 * @param {import('node:child_process').ChildProcess} child
 * @param {{ passOn?: (chunk: Buffer | string) => void, launchMs?: number }} [options]
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, sandbox: { kind: 'suid' | 'userns', helper: string | null } | null }>}
 */
export function superviseElectron(child, { passOn = (chunk) => process.stderr.write(chunk), launchMs = 60_000 } = {}) {
  const startedAt = Date.now();
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    passOn(chunk);
    if (stderr.length < 65536) stderr += String(chunk);
  });
  return new Promise((done) => {
    child.on('close', (code, signal) => {
      const sandbox = Date.now() - startedAt < launchMs ? detectSandboxFailure(stderr) : null;
      done({ code, signal, sandbox });
    });
  });
}

/**
 * The one fix for the sandbox stop: make Electron's chrome-sandbox helper root-owned and setuid.
 * @param {{ helper: string | null }} failure
 * @param {string} defaultHelper node_modules/electron/dist/chrome-sandbox
 */
export function sandboxFix(failure, defaultHelper) {
  const helper = failure.helper ?? defaultHelper;
  return [
    'Ubuntu 的安全设置挡住了 Electron 的沙盒。请在终端里运行下面这一行（需要管理员密码），再运行 npm start：',
    'Ubuntu’s security settings stopped Electron’s sandbox. Run this once (it asks for the administrator password), then npm start again:',
    '',
    `  sudo chown root:root '${helper}' && sudo chmod 4755 '${helper}'`,
    '',
    '（正式使用请安装 .deb 安装包，它会自动设置好 / For daily use install the .deb, which sets this up itself.）',
  ].join('\n');
}
