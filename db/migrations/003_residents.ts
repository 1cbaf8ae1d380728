/**
 * Schema 3: seasonal residents, their stays (来/离) and the center's list of hotels and 民宿.
 * ID numbers are never stored in clear: an AES-GCM ciphertext, a keyed HMAC for uniqueness and
 * a masked copy for screens. Search columns (pinyin initials, reversed phone) are written with
 * the row so staff search stays on an index.
 */
export default /* sql */ `
CREATE TABLE residents (
  id               INTEGER PRIMARY KEY,
  card_no          TEXT NOT NULL UNIQUE,
  status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deceased', 'anonymised', 'merged')),
  merged_into      INTEGER REFERENCES residents(id),
  name             TEXT,
  name_initials    TEXT,
  phone            TEXT,
  -- The phone number reversed: a phone-tail search is then an index range scan on a prefix.
  phone_rev        TEXT,
  id_cipher        TEXT,
  id_hmac          TEXT,
  id_masked        TEXT,
  sex              TEXT CHECK (sex IN ('M', 'F')),
  birth_year       INTEGER,
  origin_province  TEXT,
  origin_city      TEXT,
  lodging_kind     TEXT CHECK (lodging_kind IN ('hotel', 'rental', 'own', 'other')),
  lodging_id       INTEGER REFERENCES lodgings(id),
  lodging_address  TEXT,
  emergency_name   TEXT,
  emergency_phone  TEXT,
  needs            TEXT NOT NULL DEFAULT '[]',
  needs_note       TEXT,
  party_member     INTEGER NOT NULL DEFAULT 0,
  party_branch     TEXT,
  interests        TEXT NOT NULL DEFAULT '[]',
  consent_version  TEXT,
  consent_at       TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  last_seen_at     TEXT NOT NULL,
  anonymised_at    TEXT
);
CREATE UNIQUE INDEX residents_phone_active ON residents(phone) WHERE status = 'active';
CREATE UNIQUE INDEX residents_id_hmac ON residents(id_hmac) WHERE id_hmac IS NOT NULL;
CREATE INDEX residents_initials ON residents(name_initials);
CREATE INDEX residents_phone_rev ON residents(phone_rev);
CREATE INDEX residents_name ON residents(name);
CREATE INDEX residents_last_seen ON residents(status, last_seen_at);

CREATE TABLE lodgings (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE,
  kind     TEXT NOT NULL CHECK (kind IN ('hotel', 'minsu', 'apartment')),
  address  TEXT,
  active   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE stays (
  id                 INTEGER PRIMARY KEY,
  resident_id        INTEGER NOT NULL REFERENCES residents(id),
  arrived_at         TEXT NOT NULL,
  -- A calendar date (YYYY-MM-DD): people plan "until 3 月 15 日", not a time.
  planned_departure  TEXT,
  departed_at        TEXT,
  source             TEXT NOT NULL CHECK (source IN ('kiosk', 'staff', 'retention', 'merge'))
);
-- At most one open stay per person.
CREATE UNIQUE INDEX stays_open ON stays(resident_id) WHERE departed_at IS NULL;
CREATE INDEX stays_resident ON stays(resident_id, arrived_at);
CREATE INDEX stays_arrived ON stays(arrived_at);
CREATE INDEX stays_departed ON stays(departed_at);
CREATE INDEX stays_open_planned ON stays(planned_departure) WHERE departed_at IS NULL;
`;
