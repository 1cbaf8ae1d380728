/**
 * Schema 14 (issue 17 points 5 and 6, issue 15's per-staff queue figures):
 * - who served a ticket: the signed-in staff member on every counter step (queue_ticket_events.staff_id)
 *   and on the ticket itself (queue_tickets.served_by: the one who called / finished it);
 * - the 评价器 ('rater') terminal role, bound to one counter: terminals and their pairing codes are
 *   rebuilt because SQLite cannot change a CHECK constraint (nothing references them by key);
 * - 好差评: one rating per ticket, with its follow-up when it is bad;
 * - 金点子: suggestions, every change an event row.
 */
export default /* sql */ `
ALTER TABLE queue_ticket_events ADD COLUMN staff_id INTEGER REFERENCES staff(id);
ALTER TABLE queue_tickets ADD COLUMN served_by INTEGER REFERENCES staff(id);

CREATE TABLE terminals_v14 (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('display', 'counter', 'kiosk', 'rater')),
  token_hash   TEXT NOT NULL UNIQUE,
  paired_at    TEXT NOT NULL,
  last_seen_at TEXT,
  revoked_at   TEXT,
  -- A 评价器 rates the tickets of exactly one counter; other roles have none.
  counter_id   INTEGER REFERENCES queue_counters(id),
  CHECK ((role = 'rater') = (counter_id IS NOT NULL))
);
INSERT INTO terminals_v14 (id, name, role, token_hash, paired_at, last_seen_at, revoked_at)
  SELECT id, name, role, token_hash, paired_at, last_seen_at, revoked_at FROM terminals;
DROP TABLE terminals;
ALTER TABLE terminals_v14 RENAME TO terminals;

CREATE TABLE terminal_pairing_codes_v14 (
  code           TEXT PRIMARY KEY,
  role           TEXT NOT NULL CHECK (role IN ('display', 'counter', 'kiosk', 'rater')),
  name           TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  used_at        TEXT,
  wrong_attempts INTEGER NOT NULL DEFAULT 0,
  stopped_at     TEXT,
  counter_id     INTEGER REFERENCES queue_counters(id),
  CHECK ((role = 'rater') = (counter_id IS NOT NULL))
);
INSERT INTO terminal_pairing_codes_v14 (code, role, name, created_at, expires_at, used_at, wrong_attempts, stopped_at)
  SELECT code, role, name, created_at, expires_at, used_at, wrong_attempts, stopped_at FROM terminal_pairing_codes;
DROP TABLE terminal_pairing_codes;
ALTER TABLE terminal_pairing_codes_v14 RENAME TO terminal_pairing_codes;

-- 好差评: one rating per ticket (一次一评), bound to the ticket, its service, counter and the staff member who served it.
CREATE TABLE service_ratings (
  id             INTEGER PRIMARY KEY,
  ticket_id      INTEGER NOT NULL UNIQUE REFERENCES queue_tickets(id),
  service_id     INTEGER NOT NULL REFERENCES queue_services(id),
  counter_id     INTEGER REFERENCES queue_counters(id),
  staff_id       INTEGER REFERENCES staff(id),
  level          INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  -- Quick reason codes (JSON array) and the typed reason; a bad rating (level <= 2) has at least one.
  reasons        TEXT NOT NULL DEFAULT '[]',
  reason_text    TEXT,
  -- Where it was given: 'rater:<terminal id>', 'kiosk:<terminal id>' or 'kiosk:host'.
  source         TEXT NOT NULL,
  rated_at       TEXT NOT NULL,
  -- A bad rating makes a follow-up: 'open' until staff mark it followed up with a note.
  follow_up      TEXT CHECK (follow_up IN ('open', 'done')),
  followed_up_at TEXT,
  followed_up_by INTEGER REFERENCES staff(id),
  follow_up_note TEXT,
  CHECK ((level <= 2) = (follow_up IS NOT NULL))
);
CREATE INDEX service_ratings_rated ON service_ratings(rated_at);
CREATE INDEX service_ratings_follow_up ON service_ratings(follow_up, rated_at) WHERE follow_up IS NOT NULL;

-- 金点子: a resident's idea from the kiosk (anonymous or by card) or entered at the desk.
CREATE TABLE suggestions (
  id            INTEGER PRIMARY KEY,
  -- NULL once erased with the resident (retention / erasure); the row and its events stay for the figures.
  text          TEXT,
  resident_id   INTEGER,
  channel       TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk')),
  status        TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'reviewing', 'adopted', 'declined', 'implemented')),
  -- The manager's published answer and the wording shown on the public list (never the resident's name).
  answer        TEXT,
  public_text   TEXT,
  answered_at   TEXT,
  answered_by   INTEGER REFERENCES staff(id),
  entered_by    INTEGER REFERENCES staff(id),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  erased_at     TEXT
);
CREATE INDEX suggestions_status ON suggestions(status, created_at);
CREATE INDEX suggestions_resident ON suggestions(resident_id) WHERE resident_id IS NOT NULL;

CREATE TABLE suggestion_events (
  id            INTEGER PRIMARY KEY,
  suggestion_id INTEGER NOT NULL REFERENCES suggestions(id),
  -- 'submitted', 'status' (from → to), 'answered', 'erased'
  kind          TEXT NOT NULL,
  from_status   TEXT,
  to_status     TEXT,
  staff_id      INTEGER REFERENCES staff(id),
  at            TEXT NOT NULL
);
CREATE INDEX suggestion_events_suggestion ON suggestion_events(suggestion_id);
CREATE INDEX suggestion_events_at ON suggestion_events(at);
`;
