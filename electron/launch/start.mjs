// `npm start`: build when needed, then the Electron desktop app, or — when Electron's binary cannot be
// had (offline install) — the same app served on 127.0.0.1 and opened in a Chromium app window.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { browserArgs, checkBuild, electronSqlitePath, fallbackNotice, findBrowser, gypEnv, hasDisplay, parseDataLine, parseListeningLine, splitArgs } from './launcher.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const isWindows = process.platform === 'win32';
const args = splitArgs(process.argv.slice(2));
// Electron's package downloads its binary on first use; offline that fails, but a stalled network can hang. Long enough for a real download on a decent line.
const ELECTRON_TIMEOUT_MS = Number(process.env.HOUNIAO_ELECTRON_TIMEOUT_S || 60) * 1000;
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

/**
 * `require('electron')` in a child process: it downloads the binary synchronously and throws when it
 * cannot, and a child is the only way to put a time limit on that.
 * @returns {Promise<{ path: string } | { reason: string }>}
 */
function locateElectron() {
  const marker = '@@houniao-electron-path@@';
  const script = `const { createRequire } = require('node:module');
const path = createRequire(process.argv[1])('electron');
process.stdout.write('\\n${marker}' + path + '\\n');`;
  return new Promise((done) => {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const child = startChild(process.execPath, ['-e', script, join(root, 'package.json')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (err += d));
    const slow = setTimeout(() => console.log('正在准备 Electron… / Preparing Electron…'), 3_000);
    const timer = setTimeout(() => {
      clearTimeout(slow);
      signalChild(child, 'SIGKILL');
      done({ reason: `no Electron binary within ${ELECTRON_TIMEOUT_MS / 1000} s` });
    }, ELECTRON_TIMEOUT_MS);
    child.on('error', (e) => done({ reason: e.message }));
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(slow);
      const line = out.split('\n').find((l) => l.startsWith(marker));
      const path = line?.slice(marker.length).trim();
      if (code === 0 && path && existsSync(path)) return done({ path });
      const cause =
        err
          .split('\n')
          .find((l) => /^\s*\w*Error:/.test(l))
          ?.trim() ?? `exit code ${code}`;
      done({ reason: `Electron download failed: ${cause.slice(0, 160)}` });
    });
  });
}

/**
 * better-sqlite3 compiled for Electron's ABI, cached once per Electron version (see electron/nativeBinding.ts).
 * Needs Electron's headers from the internet the first time.
 * @param {string} version
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
function ensureElectronSqlite(version) {
  const target = electronSqlitePath(root, version);
  if (existsSync(target)) return { ok: true };
  console.log('正在为 Electron 编译数据库驱动（仅首次，需要联网，约两分钟）… / Building the database driver for Electron (first time only, needs internet, about two minutes)…');
  const source = join(root, 'node_modules', 'better-sqlite3');
  const work = mkdtempSync(join(tmpdir(), 'houniao-sqlite-'));
  const copy = join(work, 'better-sqlite3');
  try {
    const oldBuild = join(source, 'build');
    cpSync(source, copy, { recursive: true, filter: (p) => p !== oldBuild && !p.startsWith(oldBuild + sep) });
    const require = createRequire(join(root, 'package.json'));
    let gyp;
    try {
      gyp = { command: process.execPath, argv: [require.resolve('node-gyp/bin/node-gyp.js')] };
    } catch {
      gyp = { command: isWindows ? 'npx.cmd' : 'npx', argv: ['--no-install', 'node-gyp'] };
    }
    const result = spawnSync(gyp.command, [...gyp.argv, 'rebuild', `--target=${version}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers', '--release'], {
      cwd: copy,
      env: gypEnv(process.env),
      encoding: 'utf8',
      shell: isWindows && gyp.command !== process.execPath,
      timeout: GYP_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (result.status !== 0 || !existsSync(built)) {
      // node-gyp's own explanation: its "stack" lines before the call frames.
      const explanation = (result.stderr ?? '')
        .split('\n')
        .filter((l) => l.startsWith('gyp ERR! stack ') && !/^gyp ERR! stack\s+at /.test(l))
        .map((l) => l.slice('gyp ERR! stack '.length).trim())
        .join(' ');
      const tail = explanation || (result.error ? String(result.error) : `exit code ${result.status}`);
      return { ok: false, reason: `better-sqlite3 could not be compiled for Electron ${version}: ${tail.slice(0, 200)}` };
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, target);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: `better-sqlite3 could not be compiled for Electron: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** @param {string} electronPath */
function runElectron(electronPath) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // set, it would make Electron a plain Node
  const child = startChild(electronPath, ['.', ...args.electron], { cwd: root, env, stdio: 'inherit' });
  child.on('error', (e) => {
    console.error(`Electron 没能启动 / Electron did not start: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
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

/** @param {string} reason */
function runServe(reason) {
  console.log(fallbackNotice(reason));
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
  if ('reason' in electron) return runServe(electron.reason);
  const version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const sqlite = ensureElectronSqlite(version);
  if (!sqlite.ok) return runServe(sqlite.reason);
  runElectron(electron.path);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
