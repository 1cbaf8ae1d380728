import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_BUILD_FILES, checkNodeBuild, keepingNodeBuild } from '../../../electron/launch/dist.mjs';
import { tempDir } from '../../helpers/tempDb.js';

const repo = new URL('../../../', import.meta.url).pathname;

/** A project folder holding a real copy of better-sqlite3 (Node build) and what it requires. */
function projectWithDriver(): string {
  const root = tempDir();
  const from = join(repo, 'node_modules');
  const to = join(root, 'node_modules');
  for (const rel of ['better-sqlite3/package.json', 'better-sqlite3/lib', 'better-sqlite3/build/Release/better_sqlite3.node', 'bindings', 'file-uri-to-path']) {
    cpSync(join(from, rel), join(to, rel), { recursive: true });
  }
  return root;
}

/** What electron-builder's npmRebuild does to node_modules: a better_sqlite3.node Node cannot load. */
function rebuildInPlaceForElectron(root: string): void {
  for (const rel of NODE_BUILD_FILES) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), 'built for another ABI');
  }
}

describe('npm run dist', () => {
  it('leaves better-sqlite3 loadable by Node (so npm test passes) after electron-builder rebuilt it for Electron', () => {
    const root = projectWithDriver();
    expect(checkNodeBuild(root)).toEqual({ ok: true });
    keepingNodeBuild(root, () => {
      rebuildInPlaceForElectron(root);
      // Without the wrapper this is the state dist used to leave behind.
      expect(checkNodeBuild(root).ok).toBe(false);
    });
    expect(checkNodeBuild(root)).toEqual({ ok: true });
  }, 60_000);

  it('puts the Node build back when electron-builder fails', () => {
    const root = projectWithDriver();
    expect(() =>
      keepingNodeBuild(root, () => {
        rebuildInPlaceForElectron(root);
        throw new Error('electron-builder failed');
      }),
    ).toThrow('electron-builder failed');
    expect(checkNodeBuild(root)).toEqual({ ok: true });
  }, 60_000);

  it('is what package.json runs', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    expect(pkg.scripts.dist).toBe('npm run build && node electron/launch/dist.mjs');
  });
});
