/**
 * Schema 19 (issue 15): change counters for the tables the queue's figures read since the per-staff
 * figures and 好差评 (migration 14): `staff` (names) and `service_ratings`. With them the queue module
 * may keep its dashboard figures like residents and loans (db/reports/cache.ts).
 */
const TABLES = ['staff', 'service_ratings', 'queue_ticket_events'];
const triggers = TABLES.flatMap((t) =>
  (['INSERT', 'UPDATE', 'DELETE'] as const).map(
    (op) => `CREATE TRIGGER report_changes_${t}_${op.toLowerCase()} AFTER ${op} ON ${t}
BEGIN
  UPDATE report_changes SET n = n + 1 WHERE tbl = '${t}';
END;`,
  ),
).join('\n');

export default `
INSERT INTO report_changes (tbl) VALUES ${TABLES.map((t) => `('${t}')`).join(', ')};
${triggers}
`;
