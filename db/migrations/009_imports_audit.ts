/**
 * Schema 11: roster imports (名单导入) and the audit log viewer. Each import is one row: the file,
 * who ran it, who confirmed the residents' paper consent (纸质知情同意), and what it did. The
 * audit log gets indexes for the viewer's filters and a resident's "who viewed or changed" panel.
 */
export default /* sql */ `
CREATE TABLE roster_imports (
  id                    INTEGER PRIMARY KEY,
  at                    TEXT NOT NULL,
  staff_id              INTEGER NOT NULL REFERENCES staff(id),
  consent_confirmed_by  INTEGER NOT NULL REFERENCES staff(id),
  file_name             TEXT NOT NULL,
  file_format           TEXT NOT NULL,
  rows_total            INTEGER NOT NULL DEFAULT 0,
  created               INTEGER NOT NULL DEFAULT 0,
  updated               INTEGER NOT NULL DEFAULT 0,
  merged                INTEGER NOT NULL DEFAULT 0,
  skipped               INTEGER NOT NULL DEFAULT 0,
  rejected              INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX audit_log_subject ON audit_log(subject, at);
CREATE INDEX audit_log_staff ON audit_log(staff_id, at);
CREATE INDEX audit_log_action ON audit_log(action, at);
`;
