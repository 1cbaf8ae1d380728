import { describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../db/connection.js';
import { applyMigrations, latestSchemaVersion, SchemaTooNewError, schemaVersion } from '../../../db/migrate.js';
import { backupDatabase, rotateBackup } from '../../../db/backup.js';
import { keyFileProvider } from '../../../db/residents/idNumbers.js';
import { tempDb, tempDir } from '../../helpers/tempDb.js';

describe('openDatabase', () => {
  it('sets the pragmas that make a confirmed write survive a power cut', () => {
    const { db } = tempDb();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    // Erased values are zeroed, not left in free space (issue 11.6).
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
  });

  it('creates the folder and brings a new file to the latest schema, recording each migration', () => {
    const dir = tempDir();
    const file = join(dir, 'nested', 'deeper', 'app.db');
    const db = openDatabase(file);
    expect(existsSync(file)).toBe(true);
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: latestSchemaVersion() }, (_, i) => i + 1));
    db.close();
  });

  it('reopening an up-to-date file applies nothing twice', () => {
    const { db, file } = tempDb();
    db.close();
    const again = openDatabase(file);
    expect((again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(latestSchemaVersion());
    again.close();
  });

  it('refuses a database written by a newer app, with a clear message, and leaves it untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'future.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.exec('CREATE TABLE future_table (x)');
    raw.close();
    const before = statSync(file).size;
    let caught: unknown;
    try {
      openDatabase(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SchemaTooNewError);
    expect((caught as Error).message).toContain('请安装新版本');
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    check.close();
    expect(statSync(file).size).toBe(before);
  });

  it('rolls back every migration of a run when one of them fails', () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'x.db'));
    const broken = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT); CREATE TABLE a (x);' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (x); THIS IS NOT SQL;' },
    ];
    expect(() => applyMigrations(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
    db.close();
  });
});

describe('backups', () => {
  it('copies the live database with the online backup API while it stays usable', async () => {
    const { db, dir } = tempDb();
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('center.name', '\"测试中心\"', 'now')").run();
    const dest = await backupDatabase(db, join(dir, 'backups', 'copy.db'));
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('center.hotline', '\"12345\"', 'now')").run();
    const copy = new Database(dest, { readonly: true });
    expect(copy.prepare('SELECT value FROM settings WHERE key = ?').get('center.name')).toEqual({ value: '"测试中心"' });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });

  it('keeps only the newest backups when rotating', async () => {
    const { db, dir } = tempDb();
    const folder = join(dir, 'backups');
    const key = keyFileProvider(dir);
    const files: string[] = [];
    for (let i = 0; i < 4; i++) files.push(await rotateBackup(db, folder, { key, keep: 2, now: new Date(Date.UTC(2026, 10, 1 + i)) }));
    expect(existsSync(files[0]!)).toBe(false);
    expect(existsSync(files[1]!)).toBe(false);
    expect(existsSync(files[2]!)).toBe(true);
    expect(existsSync(files[3]!)).toBe(true);
  });
});
