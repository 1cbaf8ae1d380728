import type Database from 'better-sqlite3';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Copies the live database to `dest` with SQLite's online backup API: safe while the app keeps
 * writing, and (unlike db.serialize) safe under Electron's V8 sandbox.
 */
export async function backupDatabase(db: Database.Database, dest: string): Promise<string> {
  mkdirSync(dirname(dest), { recursive: true });
  await db.backup(dest);
  return dest;
}

/** A timestamped backup in `dir`, keeping only the newest `keep` files. */
export async function rotateBackup(db: Database.Database, dir: string, keep = 14, now = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = await backupDatabase(db, join(dir, `houniao-${stamp}.db`));
  const old = readdirSync(dir)
    .filter((f) => /^houniao-.*\.db$/.test(f))
    .sort()
    .reverse()
    .slice(keep);
  for (const f of old) rmSync(join(dir, f), { force: true });
  return file;
}
