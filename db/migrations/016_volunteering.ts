/**
 * 时间银行 (issue 18.7): volunteers, hours, the points ledger and the 爱心超市 catalogue.
 *
 * The ledger is append-only double-entry. A transaction is a header row, two or more entries whose
 * amounts sum to zero, and a `ledger_postings` marker row inserted last, in the same SQLite
 * transaction: the marker's trigger refuses it unless the entries balance, so an unbalanced
 * transaction can never be posted, and balances count posted entries only. Entries, postings and
 * transaction headers refuse UPDATE and DELETE; a mistake is put right by a reversal (a new
 * transaction). Accounts are never deleted; erasure anonymises a resident's account, a merge
 * transfers its balance to the kept person's account and closes it.
 */
export default `
CREATE TABLE vol_config (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE volunteers (
  resident_id INTEGER PRIMARY KEY REFERENCES residents(id),
  skills      TEXT NOT NULL DEFAULT '[]',
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  note        TEXT,
  joined_at   TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE ledger_accounts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('resident', 'issuing', 'redemption')),
  resident_id INTEGER UNIQUE REFERENCES residents(id),
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'anonymised', 'merged')),
  created_at  TEXT NOT NULL,
  CHECK (kind = 'resident' OR resident_id IS NULL)
);
INSERT INTO ledger_accounts (id, kind, created_at) VALUES (1, 'issuing', '2026-01-01T00:00:00.000Z'), (2, 'redemption', '2026-01-01T00:00:00.000Z');

CREATE TABLE ledger_transactions (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  kind     TEXT NOT NULL CHECK (kind IN ('credit', 'redemption', 'reversal', 'transfer')),
  memo     TEXT NOT NULL,
  at       TEXT NOT NULL,
  staff_id INTEGER REFERENCES staff(id),
  reverses INTEGER UNIQUE REFERENCES ledger_transactions(id)
);

CREATE TABLE ledger_entries (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  txn_id     INTEGER NOT NULL REFERENCES ledger_transactions(id),
  account_id INTEGER NOT NULL REFERENCES ledger_accounts(id),
  amount     INTEGER NOT NULL CHECK (amount <> 0)
);
-- Covering: a balance is SUM(amount) over one account's entries, read from the index alone.
CREATE INDEX ledger_entries_account ON ledger_entries (account_id, txn_id, amount);
CREATE INDEX ledger_entries_txn ON ledger_entries (txn_id);

CREATE TABLE ledger_postings (
  txn_id    INTEGER PRIMARY KEY REFERENCES ledger_transactions(id),
  posted_at TEXT NOT NULL
);

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_entries_not_after_posting BEFORE INSERT ON ledger_entries
WHEN EXISTS (SELECT 1 FROM ledger_postings WHERE txn_id = NEW.txn_id)
BEGIN SELECT RAISE(ABORT, 'ledger transaction already posted'); END;

CREATE TRIGGER ledger_postings_balanced BEFORE INSERT ON ledger_postings
WHEN (SELECT COUNT(*) FROM ledger_entries WHERE txn_id = NEW.txn_id) < 2
  OR (SELECT SUM(amount) FROM ledger_entries WHERE txn_id = NEW.txn_id) <> 0
BEGIN SELECT RAISE(ABORT, 'ledger transaction does not balance'); END;
CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger postings are append-only'); END;
CREATE TRIGGER ledger_postings_no_delete BEFORE DELETE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger postings are append-only'); END;

CREATE TRIGGER ledger_transactions_no_update BEFORE UPDATE ON ledger_transactions
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;
CREATE TRIGGER ledger_transactions_no_delete BEFORE DELETE ON ledger_transactions
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;

CREATE TRIGGER ledger_accounts_no_delete BEFORE DELETE ON ledger_accounts
BEGIN SELECT RAISE(ABORT, 'ledger accounts are never deleted'); END;
-- Only closing changes an account (erasure: anonymised; a merge: merged, its balance transferred
-- first): the resident link goes, the kind and id never change.
CREATE TRIGGER ledger_accounts_only_anonymise BEFORE UPDATE ON ledger_accounts
WHEN NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.created_at <> OLD.created_at
  OR NOT (NEW.status IN ('anonymised', 'merged') AND NEW.resident_id IS NULL)
BEGIN SELECT RAISE(ABORT, 'ledger accounts may only be anonymised'); END;

-- Hours: from activity attendance (idempotent per attendance) or manual (pending → approved/rejected).
CREATE TABLE vol_hours (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  resident_id   INTEGER NOT NULL REFERENCES residents(id),
  source        TEXT NOT NULL CHECK (source IN ('activity', 'manual')),
  attendance_id INTEGER UNIQUE,
  activity_id   INTEGER,
  minutes       INTEGER NOT NULL CHECK (minutes > 0),
  worked_at     TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'reversed')),
  reason        TEXT,
  requested_by  INTEGER REFERENCES staff(id),
  requested_at  TEXT NOT NULL,
  decided_by    INTEGER REFERENCES staff(id),
  decided_at    TEXT,
  decision_note TEXT,
  points        INTEGER,
  txn_id        INTEGER REFERENCES ledger_transactions(id),
  CHECK (source = 'manual' OR attendance_id IS NOT NULL)
);
CREATE INDEX vol_hours_resident ON vol_hours (resident_id, status);
CREATE INDEX vol_hours_worked ON vol_hours (status, worked_at);

CREATE TABLE vol_items (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  name         TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('goods', 'meal')),
  price_points INTEGER NOT NULL CHECK (price_points > 0),
  stock        INTEGER CHECK (stock IS NULL OR stock >= 0),
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  CHECK ((kind = 'meal') = (stock IS NULL))
);

CREATE TABLE vol_redemptions (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  txn_id       INTEGER NOT NULL UNIQUE REFERENCES ledger_transactions(id),
  resident_id  INTEGER NOT NULL REFERENCES residents(id),
  staff_id     INTEGER REFERENCES staff(id),
  at           TEXT NOT NULL,
  total_points INTEGER NOT NULL CHECK (total_points > 0)
);
CREATE INDEX vol_redemptions_at ON vol_redemptions (at);

CREATE TABLE vol_redemption_lines (
  redemption_id INTEGER NOT NULL REFERENCES vol_redemptions(id),
  item_id       INTEGER NOT NULL REFERENCES vol_items(id),
  item_name     TEXT NOT NULL,
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  unit_points   INTEGER NOT NULL CHECK (unit_points > 0),
  PRIMARY KEY (redemption_id, item_id)
);
`;
