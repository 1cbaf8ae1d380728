/**
 * Schema 7: the kiosk's guard against finding residents by enumeration (issue 11.5) and the short
 * undo of a departure (issue 12.2).
 *
 * - `kiosk_lookup_guard`: one row per source (a paired terminal, or the host's own kiosk): points
 *   spent in the current window, consecutive trips (the backoff doubles with each) and until when the
 *   source is refused.
 * - `kiosk_proof_guard`: wrong proofs (birth year / last 4 of the ID number) per resident from any
 *   source; too many and the phone path is closed for that person for a while (the card still works).
 * - `stay_undo`: a departure may be taken back for a short time by whoever holds its token (the
 *   kiosk that recorded it); only the token's SHA-256 is kept.
 */
export default /* sql */ `
CREATE TABLE kiosk_lookup_guard (
  source         TEXT PRIMARY KEY,
  window_start   TEXT NOT NULL,
  points         INTEGER NOT NULL DEFAULT 0,
  strikes        INTEGER NOT NULL DEFAULT 0,
  blocked_until  TEXT,
  last_trip_at   TEXT
);

CREATE TABLE kiosk_proof_guard (
  resident_id    INTEGER PRIMARY KEY REFERENCES residents(id),
  failures       INTEGER NOT NULL DEFAULT 0,
  first_at       TEXT NOT NULL,
  blocked_until  TEXT
);

CREATE TABLE stay_undo (
  token_hash     TEXT PRIMARY KEY,
  stay_id        INTEGER NOT NULL REFERENCES stays(id),
  expires_at     TEXT NOT NULL
);
`;
