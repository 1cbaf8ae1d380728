/**
 * Schema 10: reports (issue 15). Saved 自定义统计 layouts, and indexes the period figures need so a
 * season's loans and returns are index range scans rather than a walk over every loan ever made.
 */
export default /* sql */ `
CREATE TABLE report_templates (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  -- JSON: { rows: [...], cols: [...], filters: {...} } as the cross-tab op takes it.
  layout      TEXT NOT NULL,
  staff_id    INTEGER REFERENCES staff(id),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
-- A period's residents and closed-stay lengths read from the index alone (no table lookups).
CREATE INDEX IF NOT EXISTS stays_period ON stays(departed_at, arrived_at, resident_id);
CREATE INDEX IF NOT EXISTS loans_out_at ON loans(out_at);
-- Loans still out that were lent before a period began (loans_open_due is by due date).
CREATE INDEX IF NOT EXISTS loans_open_out ON loans(out_at) WHERE returned_at IS NULL;
CREATE INDEX IF NOT EXISTS loans_returned_at ON loans(returned_at) WHERE returned_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS consumable_issues_at ON consumable_issues(at);
`;
