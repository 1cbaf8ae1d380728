/** Schema 1: bookkeeping, settings, staff accounts, audit log. */
export default /* sql */ `
CREATE TABLE schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

-- One row per setting; value is JSON so types survive the round trip.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE staff (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('admin', 'staff')),
  pin_hash        TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT,
  active          INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL
);

-- Every change to personal data, every export, every settings change.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  staff_id  INTEGER REFERENCES staff(id),
  action    TEXT NOT NULL,
  subject   TEXT,
  detail    TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
`;
