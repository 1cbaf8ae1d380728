// `npm start`: build when needed, then the Electron desktop app, or — when Electron's binary cannot be
// had (offline install) — the same app served on 127.0.0.1 and opened in a Chromium app window.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  PROGRESS_MARKER,
  browserArgs,
  checkBuild,
  classifyFailure,
  electronPlatformArgs,
  electronSqlitePath,
  failureLine,
  fallbackNotice,
  findBrowser,
  formatProgress,
  gypEnv,
  hasDisplay,
  obtainElectronSqlite,
  parseDataLine,
  parseListeningLine,
  prebuildArgs,
  sandboxFix,
  splitArgs,
  superviseElectron,
  watchDownload,
} from './launcher.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const isWindows = process.platform === 'win32';
const args = splitArgs(process.argv.slice(2));
// The Electron download is cut off only after this long without receiving anything (a slow line is fine).
const STALL_MS = Number(process.env.HOUNIAO_ELECTRON_STALL_S || 120) * 1000;
const GYP_TIMEOUT_MS = 15 * 60_000;

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/**
 * Children run in their own process group (POSIX) so one signal reaches everything they started
 * (Chromium's helpers, the Electron download) and Ctrl-C arrives exactly once, from us.
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
function signalChild(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try {
    if (isWindows) child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** @param {string} command @param {string[]} argv @param {import('node:child_process').SpawnOptions} options */
function startChild(command, argv, options) {
  const child = spawn(command, argv, { detached: !isWindows, ...options });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => {
    for (const child of children) signalChild(child, signal);
    if (children.size === 0) process.exit(130);
    setTimeout(() => process.exit(130), 10_000).unref();
  });
}

function buildIfNeeded() {
  const { needed, reason } = checkBuild(root);
  if (!needed) return;
  console.log(`正在构建程序，约需一分钟… / Building the app (${reason}), about a minute…`);
  const result = spawnSync(isWindows ? 'npm.cmd' : 'npm', ['run', '-s', 'build'], {
    cwd: root,
    encoding: 'utf8',
    shell: isWindows,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    console.error('构建失败，见上方信息 / The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

const electronDir = join(root, 'node_modules', 'electron');

/** The Electron executable, when its binary is in place (what `require('electron')` would answer, without downloading). */
function installedElectron() {
  try {
    const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
    const exe = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, exe);
    const installed = readFileSync(join(electronDir, 'dist', 'version'), 'utf8')
      .replace(/^v/, '')
      .trim();
    const path = join(electronDir, 'dist', exe);
    return installed === version && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Downloads Electron's zip into @electron/get's cache, printing progress; ELECTRON_MIRROR is honoured by @electron/get. */
const DOWNLOAD_SCRIPT = `
const { createRequire } = await import('node:module');
const { pathToFileURL } = await import('node:url');
const req = createRequire(process.argv[1] + '/package.json');
const { version } = req('./package.json');
const { downloadArtifact } = await import(pathToFileURL(req.resolve('@electron/get')).href);
await downloadArtifact({
  version,
  artifactName: 'electron',
  platform: process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform,
  arch: process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch,
  cacheRoot: process.env.electron_config_cache,
  checksums: req('./checksums.json'),
  downloadOptions: { quiet: true, getProgressCallback: (p) => { process.stdout.write('${PROGRESS_MARKER} ' + p.transferred + ' ' + (p.total || 0) + '\\n'); } },
});
`;

/**
 * Electron's binary: already there, or downloaded now with progress shown and never cut off while
 * data still arrives (only after STALL_MS of silence), then unpacked by electron's own install.js.
 * @returns {Promise<{ path: string } | { cause: import('./launcher.mjs').FallbackCause, detail: string }>}
 */
async function locateElectron() {
  const ready = installedElectron();
  if (ready) return { path: ready };
  console.log('正在下载 Electron 桌面程序（约 100 MB，仅首次）… / Downloading Electron (about 100 MB, first time only)…');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  let lastShown = 0;
  const download = startChild(process.execPath, ['--input-type=module', '-e', DOWNLOAD_SCRIPT, electronDir], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const result = await watchDownload(download, {
    stallMs: STALL_MS,
    kill: (c) => signalChild(c, 'SIGKILL'),
    onProgress: (p) => {
      const now = Date.now();
      if (now - lastShown < 2000 && p.transferred !== p.total) return;
      lastShown = now;
      if (process.stdout.isTTY) process.stdout.write(`\r${formatProgress(p)}   `);
      else console.log(formatProgress(p));
    },
  });
  if (process.stdout.isTTY && lastShown) process.stdout.write('\n');
  if (result.stalled) return { cause: 'electron-stalled', detail: `no data for ${STALL_MS / 1000} s` };
  if (result.code !== 0) {
    const why = classifyFailure(result.output);
    return { cause: why === 'offline' ? 'electron-offline' : 'electron-failed', detail: `Electron download: ${failureLine(result.output)}` };
  }
  // The zip is in the cache now: electron's install.js only unpacks it.
  const unpack = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: root, env, encoding: 'utf8', timeout: 10 * 60_000 });
  const path = installedElectron();
  if (unpack.status !== 0 || !path) return { cause: 'electron-failed', detail: `unpacking Electron: ${failureLine(`${unpack.stderr ?? ''}${unpack.error ?? ''}`)}` };
  return { path };
}

/**
 * Runs one step of preparing the driver and keeps its output for the cause.
 * @param {string} command @param {string[]} argv @param {import('node:child_process').SpawnSyncOptions} options
 * @returns {import('./launcher.mjs').StepResult}
 */
function step(command, argv, options) {
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status === 0) return { ok: true };
  return { ok: false, output: `${result.stdout ?? ''}\n${result.stderr ?? ''}\n${result.error ? String(result.error) : ''}` };
}

/**
 * better-sqlite3 for Electron's ABI, cached once per Electron version (see electron/nativeBinding.ts),
 * made in a copy so node_modules keeps the Node build the tests and the browser fallback need.
 * @param {string} version
 * @returns {Promise<import('./launcher.mjs').DriverOutcome | { ok: true, how: 'cached' }>}
 */
async function ensureElectronSqlite(version) {
  const target = electronSqlitePath(root, version);
  if (existsSync(target)) return { ok: true, how: 'cached' };
  console.log('正在为 Electron 准备数据库驱动（仅首次，需要联网）… / Preparing the database driver for Electron (first time only, needs internet)…');
  const source = join(root, 'node_modules', 'better-sqlite3');
  const work = mkdtempSync(join(tmpdir(), 'houniao-sqlite-'));
  const copy = join(work, 'better-sqlite3');
  const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
  const require = createRequire(join(root, 'package.json'));
  try {
    const oldBuild = join(source, 'build');
    cpSync(source, copy, { recursive: true, filter: (p) => p !== oldBuild && !p.startsWith(oldBuild + sep) });
    const outcome = await obtainElectronSqlite({
      tryPrebuilt: async () => {
        let bin;
        try {
          bin = createRequire(join(source, 'package.json')).resolve('prebuild-install/bin.js');
        } catch {
          return { ok: false, output: 'prebuild-install is not installed' };
        }
        const r = step(process.execPath, [bin, ...prebuildArgs(version, process.platform, process.arch)], { cwd: copy, env: gypEnv(process.env), timeout: 5 * 60_000 });
        return r.ok && existsSync(built) ? r : { ok: false, output: r.ok ? 'no binary after prebuild-install' : r.output };
      },
      tryCompile: async () => {
        console.log('没有现成的驱动，正在编译（约两分钟）… / No ready-made driver; compiling it (about two minutes)…');
        let gyp;
        try {
          gyp = { command: process.execPath, argv: [require.resolve('node-gyp/bin/node-gyp.js')] };
        } catch {
          gyp = { command: isWindows ? 'npx.cmd' : 'npx', argv: ['--no-install', 'node-gyp'] };
        }
        const r = step(gyp.command, [...gyp.argv, 'rebuild', `--target=${version}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers', '--release'], {
          cwd: copy,
          env: gypEnv(process.env),
          shell: isWindows && gyp.command !== process.execPath,
          timeout: GYP_TIMEOUT_MS,
        });
        return r.ok && existsSync(built) ? r : { ok: false, output: r.ok ? 'no binary after node-gyp' : r.output };
      },
    });
    if (!outcome.ok) return outcome;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, target);
    return outcome;
  } catch (e) {
    return { ok: false, cause: 'driver-failed', detail: e instanceof Error ? e.message : String(e) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Electron itself, its stderr passed through and watched: a Linux sandbox stop at launch prints the
 * one fix and falls back to the browser instead of leaving a FATAL line and nothing else.
 * @param {string} electronPath
 */
function runElectron(electronPath) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // set, it would make Electron a plain Node
  const child = startChild(electronPath, ['.', ...electronPlatformArgs(process.env, process.platform), ...args.electron], {
    cwd: root,
    env,
    stdio: ['inherit', 'inherit', 'pipe'],
  });
  child.on('error', (e) => {
    console.error(`Electron 没能启动 / Electron did not start: ${e.message}`);
    process.exit(1);
  });
  void superviseElectron(child).then(({ code, signal, sandbox }) => {
    if (sandbox) {
      console.log(`\n${sandboxFix(sandbox, join(dirname(electronPath), 'chrome-sandbox'))}\n`);
      return runServe('sandbox', `${sandbox.kind === 'suid' ? 'SUID sandbox helper not configured' : 'no usable sandbox'} (exit ${code ?? signal})`);
    }
    process.exit(code ?? (signal ? 1 : 0));
  });
}

/**
 * @param {string} url
 * @param {string | null} dataDir
 * @param {() => void} stopServer
 */
function openKiosk(url, dataDir, stopServer) {
  const printUrl = () => {
    console.log(`请在浏览器中打开 / Open this address in a browser: ${url}`);
    console.log('按 Ctrl+C 停止 / Press Ctrl+C to stop.');
  };
  const browser = findBrowser();
  if (!browser || !hasDisplay(process.env, process.platform)) return printUrl();
  const profile = join(dataDir ?? join(tmpdir(), 'houniao'), 'chromium-profile');
  console.log(`正在打开自助机界面 / Opening the kiosk in ${browser}: ${url}`);
  const startedAt = Date.now();
  let failed = false;
  const browserFailed = () => {
    if (failed) return;
    failed = true;
    console.log('浏览器没能打开 / The browser did not open.');
    printUrl();
  };
  const child = startChild(browser, browserArgs(url, profile), { stdio: 'ignore' });
  child.on('error', browserFailed);
  child.on('exit', (code) => {
    const quick = Date.now() - startedAt < 5_000;
    if (failed || (quick && code !== 0)) return browserFailed(); // it never really opened
    if (quick) return; // handed the window to a browser already running on this profile: keep serving it
    stopServer(); // the kiosk window was closed: end the session, as closing the desktop app would
  });
}

/**
 * @param {import('./launcher.mjs').FallbackCause} cause
 * @param {string} detail
 */
function runServe(cause, detail) {
  console.log(fallbackNotice(cause, detail));
  const serveJs = join(root, 'dist', 'electron', 'serve.js');
  const child = startChild(process.execPath, [serveJs, '--host', '127.0.0.1', '--port', '0', ...args.serve], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  /** @type {string | null} */
  let dataDir = null;
  let opened = false;
  const lines = createInterface({ input: /** @type {NodeJS.ReadableStream} */ (child.stdout) });
  lines.on('line', (line) => {
    console.log(line);
    dataDir ??= parseDataLine(line);
    const url = parseListeningLine(line);
    if (url && !opened) {
      opened = true;
      openKiosk(`${url}/kiosk`, dataDir, () => signalChild(child, 'SIGTERM'));
    }
  });
  child.on('exit', (code, signal) => {
    for (const other of children) signalChild(other, 'SIGTERM');
    process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
  });
}

async function main() {
  buildIfNeeded();
  const electron = await locateElectron();
  if ('cause' in electron) return runServe(electron.cause, electron.detail);
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const sqlite = await ensureElectronSqlite(version);
  if (!sqlite.ok) return runServe(sqlite.cause, sqlite.detail);
  runElectron(electron.path);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
