import syncSql from './011_sync.js';

/**
 * Schema 17, part 2 (issue 16): the outbox without AUTOINCREMENT. AUTOINCREMENT cost every synced
 * write a second page in the commit (its counter row in sqlite_sequence) on top of the outbox row:
 * a check-in wrote ≈ 11.5 pages with the outbox on against 9.7 off (×1.16 at p50). The guarantee it
 * gave — a seq is never handed out twice, even after the newest rows are pruned — now comes from
 * the pusher never pruning the newest row (db/sync/pusher.ts), so the next seq (max + 1) is always
 * above every seq the city has seen. The triggers are dropped and made again unchanged around the
 * rebuild (their text is 011's). A file whose outbox was pruned empty keeps its high-water mark as
 * one already-confirmed, harmless row (a delete of resident 0, which the city ignores).
 */
const syncTriggers = syncSql.match(/CREATE TRIGGER sync_[\s\S]*?END;/g) ?? [];
if (syncTriggers.length !== 12) throw new Error(`migration 17: expected 12 sync triggers in 011, found ${syncTriggers.length}`);
const dropSyncTriggers = syncTriggers.map((t) => `DROP TRIGGER ${/CREATE TRIGGER (\w+)/.exec(t)![1]};`).join('\n');

const outboxWithoutAutoincrement = `
${dropSyncTriggers}
CREATE TABLE sync_outbox_next (
  seq        INTEGER PRIMARY KEY,
  -- 'snapshot': the end of a full re-snapshot (payload {"from": first seq of it}); see db/sync/state.ts.
  entity     TEXT NOT NULL CHECK (entity IN ('resident', 'stay', 'loan', 'ticket', 'snapshot')),
  entity_id  INTEGER NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  payload    TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  confirmed_at TEXT
);
INSERT INTO sync_outbox_next SELECT seq, entity, entity_id, op, payload, created_at, confirmed_at FROM sync_outbox;
INSERT INTO sync_outbox_next (seq, entity, entity_id, op, payload, confirmed_at)
  SELECT q.seq, 'resident', 0, 'delete', '{}', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM sqlite_sequence q
  WHERE q.name = 'sync_outbox' AND q.seq > (SELECT coalesce(max(seq), 0) FROM sync_outbox);
DROP TABLE sync_outbox;
ALTER TABLE sync_outbox_next RENAME TO sync_outbox;
CREATE INDEX sync_outbox_confirmed ON sync_outbox(confirmed_at) WHERE confirmed_at IS NOT NULL;
${syncTriggers.join('\n')}
`;

/**
 * Schema 17: a change counter per table the dashboard reads (issue 15). Each insert, update or
 * delete bumps its table's counter in the same transaction as the write, whoever makes it (a domain
 * function, an import, a merge, a test's plain INSERT). The dashboard keeps a report module's
 * figures for a period only while the counters of the tables that module reads are unchanged
 * (db/reports/cache.ts), so a figure is never older than the last write.
 */
const TABLES = ['residents', 'stays', 'lodgings', 'loans', 'loan_units', 'loan_categories', 'consumable_issues', 'queue_tickets', 'queue_services', 'queue_counters'];

const triggers = TABLES.flatMap((t) =>
  (['INSERT', 'UPDATE', 'DELETE'] as const).map(
    (op) => `CREATE TRIGGER report_changes_${t}_${op.toLowerCase()} AFTER ${op} ON ${t}
BEGIN
  UPDATE report_changes SET n = n + 1 WHERE tbl = '${t}';
END;`,
  ),
).join('\n');

export default `
CREATE TABLE report_changes (
  tbl TEXT PRIMARY KEY,
  n   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO report_changes (tbl) VALUES ${TABLES.map((t) => `('${t}')`).join(', ')};
${triggers}
-- Loans lent before a period and returned in or after it: the lending time is read from the index,
-- not from each of the season's returned loans' rows.
CREATE INDEX loans_returned_out ON loans(returned_at, out_at) WHERE returned_at IS NOT NULL;
${outboxWithoutAutoincrement}
`;
