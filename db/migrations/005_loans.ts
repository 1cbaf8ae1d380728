/**
 * Schema 5: equipment loans and inventory. Categories (equipment with units, or consumables with a
 * stock count), asset-tagged units, loans to residents, reservations, consumable hand-outs.
 * Money is integer fen; times ISO-8601 UTC; reservation dates are the center's local date (YYYY-MM-DD).
 */
export default /* sql */ `
CREATE TABLE loan_categories (
  id                  INTEGER PRIMARY KEY,
  name                TEXT NOT NULL UNIQUE,
  kind                TEXT NOT NULL CHECK (kind IN ('equipment', 'consumable')),
  -- Asset tags are <prefix>-<number>: ASCII so every USB scanner types them the same.
  tag_prefix          TEXT NOT NULL,
  next_tag_no         INTEGER NOT NULL DEFAULT 1,
  loan_minutes        INTEGER NOT NULL DEFAULT 1440 CHECK (loan_minutes > 0),
  deposit_fen         INTEGER NOT NULL DEFAULT 0 CHECK (deposit_fen >= 0),
  -- After a return the unit is 消毒中 this long and cannot be lent.
  cleaning_minutes    INTEGER NOT NULL DEFAULT 0 CHECK (cleaning_minutes >= 0),
  stock               INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
  price_fen           INTEGER NOT NULL DEFAULT 0 CHECK (price_fen >= 0),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);

CREATE TABLE loan_units (
  id           INTEGER PRIMARY KEY,
  category_id  INTEGER NOT NULL REFERENCES loan_categories(id),
  asset_tag    TEXT NOT NULL UNIQUE COLLATE NOCASE,
  status       TEXT NOT NULL CHECK (status IN ('available', 'out', 'repair', 'retired')),
  location     TEXT NOT NULL DEFAULT '',
  clean_until  TEXT,
  note         TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX loan_units_category ON loan_units(category_id, status);

CREATE TABLE loans (
  id               INTEGER PRIMARY KEY,
  unit_id          INTEGER NOT NULL REFERENCES loan_units(id),
  resident_id      INTEGER NOT NULL REFERENCES residents(id),
  out_at           TEXT NOT NULL,
  due_at           TEXT NOT NULL,
  deposit_fen      INTEGER NOT NULL CHECK (deposit_fen >= 0),
  deposit_method   TEXT NOT NULL CHECK (deposit_method IN ('cash', 'wechat', 'alipay', 'waived')),
  override_reason  TEXT,
  staff_id         INTEGER,
  reminded_at      TEXT,
  returned_at      TEXT,
  condition        TEXT CHECK (condition IN ('good', 'damaged', 'lost')),
  return_note      TEXT,
  refund_fen       INTEGER,
  kept_fen         INTEGER,
  return_staff_id  INTEGER,
  -- A returned loan's deposit is split exactly into refunded + kept: the totals always add up.
  CHECK ((returned_at IS NULL AND refund_fen IS NULL AND kept_fen IS NULL)
      OR (returned_at IS NOT NULL AND refund_fen >= 0 AND kept_fen >= 0 AND refund_fen + kept_fen = deposit_fen))
);
-- The last line of defence for "one resident at a time": at most one open loan per unit.
CREATE UNIQUE INDEX loans_open_unit ON loans(unit_id) WHERE returned_at IS NULL;
CREATE INDEX loans_open_due ON loans(due_at) WHERE returned_at IS NULL;
CREATE INDEX loans_resident ON loans(resident_id, out_at);
CREATE INDEX loans_unit ON loans(unit_id, out_at);

CREATE TABLE loan_reservations (
  id           INTEGER PRIMARY KEY,
  category_id  INTEGER NOT NULL REFERENCES loan_categories(id),
  resident_id  INTEGER NOT NULL REFERENCES residents(id),
  for_date     TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('held', 'collected', 'cancelled')),
  loan_id      INTEGER REFERENCES loans(id),
  note         TEXT,
  staff_id     INTEGER,
  created_at   TEXT NOT NULL
);
CREATE INDEX loan_reservations_date ON loan_reservations(category_id, for_date, status);

CREATE TABLE consumable_issues (
  id           INTEGER PRIMARY KEY,
  category_id  INTEGER NOT NULL REFERENCES loan_categories(id),
  resident_id  INTEGER REFERENCES residents(id),
  kind         TEXT NOT NULL CHECK (kind IN ('handout', 'sale', 'restock')),
  quantity     INTEGER NOT NULL CHECK (quantity > 0),
  amount_fen   INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
  method       TEXT CHECK (method IN ('cash', 'wechat', 'alipay')),
  note         TEXT,
  staff_id     INTEGER,
  at           TEXT NOT NULL
);
CREATE INDEX consumable_issues_category ON consumable_issues(category_id, at);
`;
