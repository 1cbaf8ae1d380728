/** Schema 2: print jobs — what was printed where, when, and why it failed — so failures can be retried. */
export default /* sql */ `
CREATE TABLE print_jobs (
  id              INTEGER PRIMARY KEY,
  job_type        TEXT NOT NULL,
  layout_id       TEXT NOT NULL,
  -- The layout's data as JSON, ID numbers already masked: enough to print it again, nothing more.
  payload         TEXT NOT NULL,
  -- A printer chosen for this job alone (reprint, test page), as JSON; NULL = the job type's setting.
  target_override TEXT,
  target          TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('queued', 'printing', 'done', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  error           TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  printed_at      TEXT
);
CREATE INDEX print_jobs_status ON print_jobs(status, id);
`;
