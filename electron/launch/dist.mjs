// `npm run dist`: electron-builder with node_modules/better-sqlite3 given back to Node afterwards.
// electron-builder's npmRebuild rebuilds the driver in place for Electron's ABI (the installer needs
// that build); left so, `npm test` and the browser fallback then fail with a NODE_MODULE_VERSION error.
// The Node build is set aside first and put back whatever happens, with no network needed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The files of better-sqlite3 a rebuild replaces, relative to the project root. */
export const NODE_BUILD_FILES = [join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')];

/**
 * Runs `rebuild` (electron-builder, which rebuilds better-sqlite3 in place) and puts the Node build
 * back afterwards, also when it fails or is interrupted.
 * @template T
 * @param {string} root the project folder
 * @param {() => T} rebuild
 * @returns {T}
 */
export function keepingNodeBuild(root, rebuild) {
  const saved = mkdtempSync(join(tmpdir(), 'houniao-node-build-'));
  const kept = NODE_BUILD_FILES.filter((rel) => existsSync(join(root, rel)));
  for (const rel of kept) {
    mkdirSync(dirname(join(saved, rel)), { recursive: true });
    copyFileSync(join(root, rel), join(saved, rel));
  }
  const restore = () => {
    for (const rel of kept) copyFileSync(join(saved, rel), join(root, rel));
  };
  const onSignal = () => {
    restore();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return rebuild();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    restore();
    rmSync(saved, { recursive: true, force: true });
  }
}

/**
 * Whether plain Node can open a database with the project's better-sqlite3 (what `npm test` needs).
 * @param {string} root
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function checkNodeBuild(root) {
  const script = "const Database = require('better-sqlite3'); const db = new Database(':memory:'); db.prepare('select 1').get(); db.close();";
  const result = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (result.status === 0) return { ok: true };
  const line = (result.stderr || String(result.error ?? '')).split('\n').find((l) => /Error|NODE_MODULE_VERSION/.test(l)) ?? `exit ${result.status}`;
  return { ok: false, reason: line.trim() };
}

function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const builder = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const result = keepingNodeBuild(root, () => spawnSync(process.execPath, [builder, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }));
  const node = checkNodeBuild(root);
  if (!node.ok) {
    console.error(`node_modules/better-sqlite3 不能在 Node 中使用了，请运行 npm rebuild better-sqlite3 / better-sqlite3 no longer loads in Node: ${node.reason}`);
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
