/**
 * Schema 17: a change counter per table the dashboard reads (issue 15). Each insert, update or
 * delete bumps its table's counter in the same transaction as the write, whoever makes it (a domain
 * function, an import, a merge, a test's plain INSERT). The dashboard keeps a report module's
 * figures for a period only while the counters of the tables that module reads are unchanged
 * (db/reports/cache.ts), so a figure is never older than the last write.
 */
const TABLES = ['residents', 'stays', 'lodgings', 'loans', 'loan_units', 'loan_categories', 'consumable_issues', 'queue_tickets', 'queue_services', 'queue_counters'];

const triggers = TABLES.flatMap((t) =>
  (['INSERT', 'UPDATE', 'DELETE'] as const).map(
    (op) => `CREATE TRIGGER report_changes_${t}_${op.toLowerCase()} AFTER ${op} ON ${t}
BEGIN
  UPDATE report_changes SET n = n + 1 WHERE tbl = '${t}';
END;`,
  ),
).join('\n');

export default `
CREATE TABLE report_changes (
  tbl TEXT PRIMARY KEY,
  n   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO report_changes (tbl) VALUES ${TABLES.map((t) => `('${t}')`).join(', ')};
${triggers}
-- Loans lent before a period and returned in or after it: the lending time is read from the index,
-- not from each of the season's returned loans' rows.
CREATE INDEX loans_returned_out ON loans(returned_at, out_at) WHERE returned_at IS NOT NULL;
`;
