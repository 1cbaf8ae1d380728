import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyMigrations } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to a compiled better_sqlite3.node for a different ABI (Electron); omitted under Node. */
  nativeBinding?: string;
  /** Skip migrations (only for tools that inspect a file as it is). */
  migrate?: boolean;
}

/**
 * Opens the app's SQLite file with the pragmas every connection must have and brings its schema
 * up to date. WAL + synchronous=FULL: a write the user saw confirmed survives a power cut.
 * secure_delete=ON: deleted or overwritten content (an erased resident's name, phone, ID
 * ciphertext) is zeroed in the file instead of lingering in free space (issue 11.6; its cost is
 * the "secure_delete" row of `npm run bench`).
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    applyPragmas(db);
    if (options.migrate !== false) applyMigrations(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
}

/** Current time in the one convention the database uses: ISO-8601 UTC text. */
export function nowIso(date: Date = new Date()): string {
  return date.toISOString();
}
