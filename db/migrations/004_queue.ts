/**
 * Schema 4: the queue — services, counters, tickets with every timestamp the statistics need — and
 * the LAN terminals paired with this host.
 */
export default /* sql */ `
CREATE TABLE queue_services (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  prefix      TEXT NOT NULL UNIQUE,
  -- Local wall-clock time of the center ('HH:MM'); '24:00' = until midnight.
  opens_at    TEXT NOT NULL DEFAULT '08:30',
  closes_at   TEXT NOT NULL DEFAULT '17:30',
  daily_limit INTEGER NOT NULL DEFAULT 300,
  active      INTEGER NOT NULL DEFAULT 1,
  sort        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE queue_counters (
  id      INTEGER PRIMARY KEY,
  number  INTEGER NOT NULL UNIQUE,
  name    TEXT NOT NULL,
  paused  INTEGER NOT NULL DEFAULT 0,
  active  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE queue_counter_services (
  counter_id INTEGER NOT NULL REFERENCES queue_counters(id) ON DELETE CASCADE,
  service_id INTEGER NOT NULL REFERENCES queue_services(id) ON DELETE CASCADE,
  PRIMARY KEY (counter_id, service_id)
);

-- The last number given out per service and local day: the one row a ticket issue locks and bumps.
CREATE TABLE queue_day_numbers (
  service_id  INTEGER NOT NULL REFERENCES queue_services(id),
  day         TEXT NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (service_id, day)
);

CREATE TABLE queue_tickets (
  id                INTEGER PRIMARY KEY,
  -- The service that issued the number (uniqueness) and the one whose line it waits in now (transfer).
  issued_service_id INTEGER NOT NULL REFERENCES queue_services(id),
  service_id        INTEGER NOT NULL REFERENCES queue_services(id),
  day               TEXT NOT NULL,
  number            INTEGER NOT NULL,
  code              TEXT NOT NULL,
  priority          INTEGER NOT NULL DEFAULT 0,
  resident_id       INTEGER,
  status            TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'finished', 'no_show', 'transferred', 'unserved')),
  counter_id        INTEGER REFERENCES queue_counters(id),
  requeued          INTEGER NOT NULL DEFAULT 0,
  -- Place in line: the issue time, or the time of a re-queue / transfer.
  queued_at         TEXT NOT NULL,
  issued_at         TEXT NOT NULL,
  called_at         TEXT,
  recalled_at       TEXT,
  recall_count      INTEGER NOT NULL DEFAULT 0,
  finished_at       TEXT,
  no_show_at        TEXT,
  transferred_at    TEXT,
  closed_at         TEXT,
  print_job_id      INTEGER,
  UNIQUE (issued_service_id, day, number)
);
CREATE INDEX queue_tickets_line ON queue_tickets(day, status, service_id, priority DESC, queued_at, id);
CREATE INDEX queue_tickets_counter ON queue_tickets(counter_id, status);
-- Closing time looks for tickets still open from earlier days: few rows, found without a scan.
CREATE INDEX queue_tickets_open ON queue_tickets(status, day);

-- Every step of every ticket, for waiting and service time per service and counter.
CREATE TABLE queue_ticket_events (
  id         INTEGER PRIMARY KEY,
  ticket_id  INTEGER NOT NULL REFERENCES queue_tickets(id),
  kind       TEXT NOT NULL,
  service_id INTEGER NOT NULL,
  counter_id INTEGER,
  at         TEXT NOT NULL
);
CREATE INDEX queue_ticket_events_ticket ON queue_ticket_events(ticket_id);

CREATE TABLE terminals (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('display', 'counter', 'kiosk')),
  token_hash   TEXT NOT NULL UNIQUE,
  paired_at    TEXT NOT NULL,
  last_seen_at TEXT,
  revoked_at   TEXT
);

-- One-time codes staff hand to a new terminal (typed or scanned as a QR); short-lived.
CREATE TABLE terminal_pairing_codes (
  code       TEXT PRIMARY KEY,
  role       TEXT NOT NULL CHECK (role IN ('display', 'counter', 'kiosk')),
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT
);
`;
