import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDb, tempDir } from '../../helpers/tempDb.js';
import { openDatabase } from '../../../db/connection.js';
import { applyMigrations } from '../../../db/migrate.js';
import { migrations } from '../../../db/migrations/index.js';
import { saveEnrolment, type Enrolment } from '../../../db/sync/state.js';
import { pruneOutbox } from '../../../db/sync/pusher.js';

/**
 * The outbox's seq (max + 1, migration 21; AUTOINCREMENT before it): a seq the city has seen is never
 * handed out again — after pruning confirmed rows, after any DELETE, after VACUUM, and across the
 * rebuilds of a file whose outbox an older pusher had pruned empty.
 */
const enrolment: Enrolment = { centerId: 1, centerName: '测试站', pg: { host: '127.0.0.1', port: 9, database: 'x', user: 'center_1', password: 'x' }, cityKey: '00'.repeat(32) };
const maxSeq = (db: Database.Database) => (db.prepare('SELECT coalesce(max(seq), 0) FROM sync_outbox').pluck().get() as number) ?? 0;
const addResident = (db: Database.Database, i: number) =>
  db
    .prepare("INSERT INTO residents (card_no, name, created_at, updated_at, last_seen_at) VALUES (?, '某', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")
    .run(`Q${String(i).padStart(7, '0')}`);

describe('outbox sequence', () => {
  it('pruning keeps the newest row, so the next seq is above every seq handed out', () => {
    const { db } = tempDb();
    saveEnrolment(db, 'http://127.0.0.1:9', enrolment);
    for (let i = 0; i < 20; i++) addResident(db, i);
    const top = maxSeq(db);
    expect(top).toBe(20);
    db.prepare("UPDATE sync_outbox SET confirmed_at = '2026-01-01T00:00:00Z'").run();
    expect(pruneOutbox(db, new Date('2026-02-01T00:00:00Z'))).toBe(19);
    expect(db.prepare('SELECT seq FROM sync_outbox').pluck().all()).toEqual([top]);
    addResident(db, 100);
    expect(maxSeq(db)).toBe(top + 1);
    // Unconfirmed rows are never pruned, however old.
    db.prepare('UPDATE sync_outbox SET confirmed_at = NULL').run();
    expect(pruneOutbox(db, new Date('2030-01-01T00:00:00Z'))).toBe(0);
  });

  it('no DELETE takes the newest row, and VACUUM keeps its seq', () => {
    const { db } = tempDb();
    saveEnrolment(db, 'http://127.0.0.1:9', enrolment);
    for (let i = 0; i < 5; i++) addResident(db, i);
    const top = maxSeq(db);
    expect(db.prepare('DELETE FROM sync_outbox').run().changes).toBe(top - 1);
    expect(db.prepare('SELECT seq FROM sync_outbox').pluck().all()).toEqual([top]);
    expect(db.prepare('DELETE FROM sync_outbox WHERE seq = ?').run(top).changes).toBe(0);
    db.exec('VACUUM');
    addResident(db, 50);
    expect(maxSeq(db)).toBe(top + 1);
    // Nothing is written to sqlite_sequence for the outbox any more (the page a check-in no longer writes).
    expect(db.prepare("SELECT count(*) FROM sqlite_sequence WHERE name = 'sync_outbox'").pluck().get()).toBe(0);
  });

  it('a file whose outbox was pruned empty continues above the old high-water mark after both rebuilds', () => {
    const dir = tempDir();
    const file = join(dir, 'old.db');
    const raw = new Database(file);
    applyMigrations(
      raw,
      migrations.filter((m) => m.version <= 12),
    );
    raw.prepare('UPDATE sync_state SET enabled = 1, center_id = 1 WHERE id = 1').run();
    for (let i = 0; i < 30; i++) addResident(raw, i);
    expect(maxSeq(raw)).toBe(30);
    // The old pusher pruned every confirmed row (AUTOINCREMENT kept 30 in sqlite_sequence).
    raw.prepare('DELETE FROM sync_outbox').run();
    raw.close();

    const db = openDatabase(file);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sync_outbox'").pluck().get()).not.toMatch(/AUTOINCREMENT/);
    // The high-water mark is a confirmed seq_floor row now: not pending, and the next row is 31, never 1.
    expect(db.prepare('SELECT seq, entity, confirmed_at IS NOT NULL AS confirmed FROM sync_outbox').all()).toEqual([{ seq: 30, entity: 'seq_floor', confirmed: 1 }]);
    expect(db.prepare('SELECT count(*) FROM sync_outbox WHERE confirmed_at IS NULL').pluck().get()).toBe(0);
    addResident(db, 500);
    expect(db.prepare('SELECT seq, entity FROM sync_outbox WHERE seq > 30').all()).toEqual([{ seq: 31, entity: 'resident' }]);
    // Every sync trigger is back, unchanged.
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_%'").pluck().all();
    for (const t of ['residents', 'stays', 'loans', 'queue_tickets'].flatMap((x) => ['insert', 'update', 'delete'].map((op) => `sync_${x}_${op}`))) expect(triggers).toContain(t);
    expect(triggers).toContain('sync_outbox_keep_newest');
    // Once newer rows exist the floor goes with the next pruning.
    db.prepare("UPDATE sync_outbox SET confirmed_at = '2026-01-01T00:00:00Z'").run();
    pruneOutbox(db, new Date('2026-02-01T00:00:00Z'));
    expect(db.prepare('SELECT seq, entity FROM sync_outbox').all()).toEqual([{ seq: 31, entity: 'resident' }]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('a file with rows keeps them all and gets no floor row', () => {
    const dir = tempDir();
    const file = join(dir, 'v20.db');
    const raw = new Database(file);
    applyMigrations(
      raw,
      migrations.filter((m) => m.version <= 20),
    );
    raw.prepare('UPDATE sync_state SET enabled = 1, center_id = 1 WHERE id = 1').run();
    for (let i = 0; i < 6; i++) addResident(raw, i);
    const before = raw.prepare('SELECT * FROM sync_outbox ORDER BY seq').all();
    raw.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT * FROM sync_outbox ORDER BY seq').all()).toEqual(before);
    addResident(db, 7);
    expect(maxSeq(db)).toBe(7);
    db.close();
  });
});
