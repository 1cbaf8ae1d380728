import type Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

export class SchemaTooNewError extends Error {
  readonly code = 'SCHEMA_TOO_NEW';
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `数据库版本 (${found}) 比本程序支持的版本 (${supported}) 更新，请安装新版本的候鸟驿站后再打开。` +
        ` / The database (schema ${found}) was written by a newer version of this app (supports ${supported}); install the newer version.`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/** Highest schema version this build knows. */
export const latestSchemaVersion = (list: Migration[] = allMigrations): number => list.at(-1)?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration newer than the file's user_version, all in one transaction: either the
 * whole upgrade lands or none of it does. A file from a newer app is refused, never touched.
 */
export function applyMigrations(db: Database.Database, migrations: Migration[] = allMigrations): number {
  const current = schemaVersion(db);
  const latest = latestSchemaVersion(migrations);
  if (current > latest) throw new SchemaTooNewError(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }
    db.pragma(`user_version = ${latest}`);
  })();
  return latest;
}
