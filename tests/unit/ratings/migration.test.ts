import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { applyMigrations } from '../../../db/migrate.js';
import { migrations } from '../../../db/migrations/index.js';
import { tempDir } from '../../helpers/tempDb.js';

describe('migration 014 (ratings)', () => {
  it('keeps paired terminals and live pairing codes when it rebuilds their tables, and binds a rater to a counter', () => {
    const db = new Database(join(tempDir(), 'old.db'));
    db.pragma('foreign_keys = ON');
    applyMigrations(
      db,
      migrations.filter((m) => m.version < 14),
    );
    db.prepare(
      `INSERT INTO terminals (name, role, token_hash, paired_at, last_seen_at) VALUES ('大厅电视', 'display', 'h1', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')`,
    ).run();
    db.prepare(`INSERT INTO terminal_pairing_codes (code, role, name, created_at, expires_at, wrong_attempts) VALUES ('123456', 'kiosk', '自助机', 'a', 'b', 3)`).run();
    db.prepare(`INSERT INTO queue_counters (number, name) VALUES (1, '1号窗口')`).run();
    applyMigrations(db);
    expect(db.prepare('SELECT name, role, token_hash, last_seen_at, counter_id FROM terminals').all()).toEqual([
      { name: '大厅电视', role: 'display', token_hash: 'h1', last_seen_at: '2026-01-02T00:00:00Z', counter_id: null },
    ]);
    expect(db.prepare('SELECT code, role, wrong_attempts FROM terminal_pairing_codes').all()).toEqual([{ code: '123456', role: 'kiosk', wrong_attempts: 3 }]);
    const add = db.prepare(`INSERT INTO terminals (name, role, token_hash, paired_at, counter_id) VALUES (?, ?, ?, 'x', ?)`);
    expect(() => add.run('评价器', 'rater', 'h2', null)).toThrow(/CHECK/);
    expect(() => add.run('电视', 'display', 'h3', 1)).toThrow(/CHECK/);
    expect(() => add.run('评价器', 'rater', 'h4', 99)).toThrow(/FOREIGN KEY/);
    add.run('评价器', 'rater', 'h5', 1);
    expect(() => add.run('重复', 'display', 'h1', null)).toThrow(/UNIQUE/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
