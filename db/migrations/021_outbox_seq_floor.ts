/**
 * Schema 21 (issue 16): the outbox's seq without AUTOINCREMENT, with the same guarantee — a seq the
 * city has seen is never handed out again (the city keys its events by center and seq, so a reused
 * seq would be dropped there as a duplicate: a change lost).
 *
 * Why: AUTOINCREMENT keeps its high-water mark in sqlite_sequence and rewrites that row on every
 * insert, so every business write of an enrolled center wrote one more database page than it needs
 * — at a kiosk check-in that page alone made the outbox cost ×1.13 instead of ×1.05 (npm run bench,
 * residents.checkin.card.outbox_on). An INTEGER PRIMARY KEY hands out max(seq) + 1, which is only
 * ever a reused number if the newest row is deleted. So the newest row is never deleted: the trigger
 * `sync_outbox_keep_newest` skips it in any DELETE (pruning, a test, a hand-run statement), and the
 * top seq stays taken. The guarantee is now the schema's, not a WHERE clause's in the pruner.
 *
 * The rebuild is migration 18's (rows copied aside, the table dropped and created again under the
 * same name so the triggers that write into it stay valid). A file whose outbox was pruned empty
 * by an older pusher has its high-water mark only in sqlite_sequence: it becomes one row of entity
 * 'seq_floor' (already confirmed, so it is not pending; the city stores it as an event like any
 * other and projects nothing from it), pruned once newer rows exist.
 */
const ENTITIES = ['resident', 'stay', 'loan', 'ticket', 'request', 'activity', 'signup', 'attendance', 'rating', 'snapshot', 'seq_floor'];

export default `
CREATE TEMP TABLE sync_outbox_copy AS SELECT * FROM sync_outbox;
CREATE TEMP TABLE sync_outbox_top AS SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'), 0) AS seq;
DROP TABLE sync_outbox;
CREATE TABLE sync_outbox (
  seq        INTEGER PRIMARY KEY,
  entity     TEXT NOT NULL CHECK (entity IN (${ENTITIES.map((e) => `'${e}'`).join(', ')})),
  entity_id  INTEGER NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  payload    TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  confirmed_at TEXT
);
INSERT INTO sync_outbox (seq, entity, entity_id, op, payload, created_at, confirmed_at)
  SELECT seq, entity, entity_id, op, payload, created_at, confirmed_at FROM temp.sync_outbox_copy ORDER BY seq;
INSERT INTO sync_outbox (seq, entity, entity_id, op, payload, confirmed_at)
  SELECT t.seq, 'seq_floor', 0, 'upsert', '{}', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM temp.sync_outbox_top t
  WHERE t.seq > coalesce((SELECT max(seq) FROM sync_outbox), 0);
DELETE FROM sqlite_sequence WHERE name = 'sync_outbox';
DROP TABLE temp.sync_outbox_copy;
DROP TABLE temp.sync_outbox_top;
CREATE INDEX sync_outbox_confirmed ON sync_outbox(confirmed_at) WHERE confirmed_at IS NOT NULL;
CREATE TRIGGER sync_outbox_keep_newest BEFORE DELETE ON sync_outbox WHEN OLD.seq = (SELECT max(seq) FROM sync_outbox)
BEGIN
  SELECT RAISE(IGNORE);
END;
`;
