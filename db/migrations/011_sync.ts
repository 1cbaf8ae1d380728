/**
 * City sync, center side: the outbox. Triggers write one row per business change in the same
 * transaction as the change — one mechanism for every domain, so no write path can forget it. Each
 * payload is built from a whitelist of columns: never a name, phone, ID number, address or free text.
 * A resident's cross-center key (HMAC of the ID number or phone under the city key) is added by the
 * pusher when it sends, since the ID number is stored sealed (db/sync/pusher.ts).
 * Nothing is queued until the center has enrolled (sync_state.enabled); enrolment queues a snapshot.
 */
const residentPayload = (r: string) =>
  `json_object('birth_year', ${r}.birth_year, 'sex', ${r}.sex, 'origin_province', ${r}.origin_province, 'origin_city', ${r}.origin_city,` +
  ` 'lodging_kind', ${r}.lodging_kind, 'party_member', ${r}.party_member, 'needs', json(${r}.needs), 'status', ${r}.status,` +
  ` 'merged_into', ${r}.merged_into, 'created_at', ${r}.created_at)`;
const stayPayload = (s: string) =>
  `json_object('resident_id', ${s}.resident_id, 'arrived_at', ${s}.arrived_at, 'planned_departure', ${s}.planned_departure, 'departed_at', ${s}.departed_at)`;
const loanPayload = (l: string) =>
  `json_object('resident_id', ${l}.resident_id, 'category', (SELECT c.name FROM loan_units u JOIN loan_categories c ON c.id = u.category_id WHERE u.id = ${l}.unit_id),` +
  ` 'out_at', ${l}.out_at, 'due_at', ${l}.due_at, 'returned_at', ${l}.returned_at, 'condition', ${l}.condition, 'deposit_fen', ${l}.deposit_fen,` +
  ` 'refund_fen', ${l}.refund_fen, 'kept_fen', ${l}.kept_fen)`;
const ticketPayload = (t: string) =>
  `json_object('service', (SELECT s.name FROM queue_services s WHERE s.id = ${t}.service_id), 'day', ${t}.day, 'status', ${t}.status,` +
  ` 'priority', ${t}.priority, 'issued_at', ${t}.issued_at, 'called_at', ${t}.called_at, 'finished_at', ${t}.finished_at,` +
  ` 'counter', (SELECT c.number FROM queue_counters c WHERE c.id = ${t}.counter_id))`;

const enabled = 'EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND enabled = 1)';

function triggers(table: string, entity: string, payload: (row: string) => string, updateOf: string): string {
  return `
CREATE TRIGGER sync_${table}_insert AFTER INSERT ON ${table} WHEN ${enabled}
BEGIN
  INSERT INTO sync_outbox (entity, entity_id, op, payload) VALUES ('${entity}', NEW.id, 'upsert', ${payload('NEW')});
END;
CREATE TRIGGER sync_${table}_update AFTER UPDATE OF ${updateOf} ON ${table} WHEN ${enabled}
BEGIN
  INSERT INTO sync_outbox (entity, entity_id, op, payload) VALUES ('${entity}', NEW.id, 'upsert', ${payload('NEW')});
END;
CREATE TRIGGER sync_${table}_delete AFTER DELETE ON ${table} WHEN ${enabled}
BEGIN
  INSERT INTO sync_outbox (entity, entity_id, op, payload) VALUES ('${entity}', OLD.id, 'delete', '{}');
END;`;
}

export default `
-- AUTOINCREMENT: a pruned top row's seq is never handed out again (the city keys events by it).
CREATE TABLE sync_outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  entity     TEXT NOT NULL CHECK (entity IN ('resident', 'stay', 'loan', 'ticket')),
  entity_id  INTEGER NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  payload    TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  -- Set when the city has confirmed the row (its cursor passed it); pruned some days later.
  confirmed_at TEXT
);
CREATE INDEX sync_outbox_confirmed ON sync_outbox(confirmed_at) WHERE confirmed_at IS NOT NULL;

-- One row: the enrolment (credentials from the hub) and the pusher's last outcome.
CREATE TABLE sync_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  enabled         INTEGER NOT NULL DEFAULT 0,
  hub_url         TEXT,
  center_id       INTEGER,
  center_name     TEXT,
  pg_host         TEXT,
  pg_port         INTEGER,
  pg_database     TEXT,
  pg_user         TEXT,
  pg_password     TEXT,
  pg_ssl          TEXT,
  city_key        TEXT,
  enrolled_at     TEXT,
  last_success_at TEXT,
  last_attempt_at TEXT,
  last_error      TEXT,
  server_cursor   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_state (id) VALUES (1);
${triggers('residents', 'resident', residentPayload, 'status, birth_year, sex, origin_province, origin_city, lodging_kind, party_member, needs, merged_into, phone, id_hmac')}
${triggers('stays', 'stay', stayPayload, 'resident_id, arrived_at, planned_departure, departed_at')}
${triggers('loans', 'loan', loanPayload, 'resident_id, due_at, returned_at, condition, refund_fen, kept_fen')}
${triggers('queue_tickets', 'ticket', ticketPayload, 'service_id, status, called_at, finished_at, counter_id')}
`;

/** The same payloads for a snapshot of existing rows (queued once at enrolment). */
export const snapshotSql = `
INSERT INTO sync_outbox (entity, entity_id, op, payload) SELECT 'resident', r.id, 'upsert', ${residentPayload('r')} FROM residents r ORDER BY r.id;
INSERT INTO sync_outbox (entity, entity_id, op, payload) SELECT 'stay', s.id, 'upsert', ${stayPayload('s')} FROM stays s ORDER BY s.id;
INSERT INTO sync_outbox (entity, entity_id, op, payload) SELECT 'loan', l.id, 'upsert', ${loanPayload('l')} FROM loans l ORDER BY l.id;
INSERT INTO sync_outbox (entity, entity_id, op, payload) SELECT 'ticket', t.id, 'upsert', ${ticketPayload('t')} FROM queue_tickets t ORDER BY t.id;
`;
