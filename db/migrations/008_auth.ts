/**
 * Schema 6: sign-in and pairing security (issue 11 points 2 and 3, issue 15 point 7).
 * - Pairing codes count wrong tries from anyone while they are live and die after a handful.
 * - Failed attempts (pairing, PIN, recovery code) are kept per source for the throttle and for the
 *   manager's lists; a source is the host itself, a paired terminal or a LAN address.
 * - Staff accounts gain a recovery code (managers; only its scrypt hash), a "choose a new PIN at
 *   next sign-in" mark and the last sign-in time. staff.failed_attempts / locked_until from schema 1
 *   are no longer used: the lock is now per account and source in auth_throttle.
 */
export default /* sql */ `
ALTER TABLE terminal_pairing_codes ADD COLUMN wrong_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE terminal_pairing_codes ADD COLUMN stopped_at TEXT;

ALTER TABLE staff ADD COLUMN recovery_hash TEXT;
ALTER TABLE staff ADD COLUMN pin_reset_at TEXT;
ALTER TABLE staff ADD COLUMN last_login_at TEXT;

-- One row per (what is being guessed, who is guessing): consecutive failures and the lock they earned.
CREATE TABLE auth_throttle (
  scope           TEXT NOT NULL,
  source          TEXT NOT NULL,
  failures        INTEGER NOT NULL DEFAULT 0,
  last_failure_at TEXT,
  locked_until    TEXT,
  PRIMARY KEY (scope, source)
);

-- Every failed attempt, for the manager's lists (kept 90 days).
CREATE TABLE auth_failures (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  kind     TEXT NOT NULL CHECK (kind IN ('pair', 'pin', 'recovery')),
  source   TEXT NOT NULL,
  staff_id INTEGER REFERENCES staff(id)
);
CREATE INDEX auth_failures_kind_at ON auth_failures(kind, at);
`;
