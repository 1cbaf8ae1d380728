import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 in node_modules is built for Node (the tests need that); Electron needs a build for
 * its own ABI. `npm start` (electron/launch/start.mjs) compiles one into this cache; the same path
 * convention lives in electron/launch/launcher.mjs and a test keeps the two in step.
 */
export const ELECTRON_SQLITE_CACHE = ['node_modules', '.cache', 'houniao-electron-sqlite'] as const;

export function electronSqlitePath(projectRoot: string, electronVersion: string): string {
  return join(projectRoot, ...ELECTRON_SQLITE_CACHE, electronVersion, 'better_sqlite3.node');
}

/**
 * The binding to hand to better-sqlite3, or undefined to load its own: packaged builds have
 * electron-builder's rebuilt module (npmRebuild), and a missing cache means node_modules may
 * already have been rebuilt for Electron by hand.
 */
export function findElectronSqlite(options: { projectRoot: string; electronVersion: string; isPackaged: boolean; exists?: (file: string) => boolean }): string | undefined {
  if (options.isPackaged) return undefined;
  const file = electronSqlitePath(options.projectRoot, options.electronVersion);
  return (options.exists ?? existsSync)(file) ? file : undefined;
}
