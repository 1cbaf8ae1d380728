import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { requireResident } from './residents.js';
import { runMergeHooks } from './residentHooks.js';

export { resolveMerged } from './residents.js';

/**
 * Two records for one person (registered twice, new phone). `dropId` becomes a 'merged' row
 * pointing at `keepId`, and everything that pointed at it points at the kept record:
 *  - every column that references residents(id) (found in the schema, so a table another domain
 *    adds later moves too) and every `resident_id` column without a declared key (queue tickets);
 *  - the dropped card number and phone stay on the merged row as aliases: the old card still
 *    resolves (to the kept person, see `resolveMerged`), and the same phone cannot register the
 *    duplicate again;
 *  - the day's figures stay as if the duplicate never existed: when both are in town, the
 *    duplicate's open stay is folded into the kept one (earliest arrival wins) rather than closed
 *    "now" as a departure; a duplicate hold for the same thing and day is cancelled.
 * Empty fields of the kept record are filled from the dropped one. Call inside a transaction.
 */
const FILLABLE = [
  'id_cipher',
  'id_hmac',
  'id_masked',
  'sex',
  'birth_year',
  'origin_province',
  'origin_city',
  'lodging_kind',
  'lodging_id',
  'lodging_address',
  'emergency_name',
  'emergency_phone',
  'needs_note',
  'party_branch',
] as const;

export interface MergeResult {
  /** Rows moved per `table.column` (only those that moved something). */
  moved: Record<string, number>;
  movedStays: number;
  /** The duplicate's open stay folded into the kept record's (its id), if both were in town. */
  foldedStayId: number | null;
  /** Holds of the duplicate cancelled because the kept record holds the same thing that day. */
  cancelledHolds: number[];
  aliases: { cardNo: string; phone: string | null };
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every (table, column) that holds a resident id: declared foreign keys plus plain `resident_id` columns. */
export function residentReferences(db: Db): Array<{ table: string; column: string }> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>;
  const refs = new Map<string, { table: string; column: string }>();
  for (const { name } of tables) {
    for (const fk of db.prepare('SELECT "table" AS target, "from" AS col FROM pragma_foreign_key_list(?)').all(name) as Array<{ target: string; col: string }>)
      if (fk.target === 'residents') refs.set(`${name}.${fk.col}`, { table: name, column: fk.col });
    for (const c of db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as Array<{ name: string }>)
      if (c.name === 'resident_id') refs.set(`${name}.${c.name}`, { table: name, column: c.name });
  }
  return [...refs.values()];
}

export function mergeResidents(db: Db, keepId: number, dropId: number, now: Date): MergeResult {
  if (keepId === dropId) throw new ApiError('MERGE_SAME');
  const keep = requireResident(db, keepId);
  const drop = requireResident(db, dropId);
  if (keep.status !== 'active' || drop.status !== 'active') throw new ApiError('RESIDENT_INACTIVE');
  const dropRow = db.prepare(`SELECT ${FILLABLE.join(', ')}, last_seen_at FROM residents WHERE id = ?`).get(dropId) as Record<string, unknown>;
  const at = now.toISOString();

  // Both in town: one visit, not an arrival plus a departure. The kept stay starts at the earlier arrival.
  let foldedStayId: number | null = null;
  const keepOpen = db.prepare('SELECT id, arrived_at, planned_departure FROM stays WHERE resident_id = ? AND departed_at IS NULL').get(keepId) as
    { id: number; arrived_at: string; planned_departure: string | null } | undefined;
  const dropOpen = db.prepare('SELECT id, arrived_at, planned_departure FROM stays WHERE resident_id = ? AND departed_at IS NULL').get(dropId) as
    { id: number; arrived_at: string; planned_departure: string | null } | undefined;
  if (keepOpen && dropOpen) {
    db.prepare('UPDATE stays SET arrived_at = MIN(arrived_at, ?), planned_departure = COALESCE(planned_departure, ?) WHERE id = ?').run(
      dropOpen.arrived_at,
      dropOpen.planned_departure,
      keepOpen.id,
    );
    db.prepare('DELETE FROM stays WHERE id = ?').run(dropOpen.id);
    foldedStayId = dropOpen.id;
  }

  // The same hold twice (both records reserved the same thing for the same day) counts once.
  const dupHolds = (
    db
      .prepare(
        `SELECT d.id FROM loan_reservations d WHERE d.resident_id = ? AND d.status = 'held' AND EXISTS
           (SELECT 1 FROM loan_reservations k WHERE k.resident_id = ? AND k.status = 'held' AND k.category_id = d.category_id AND k.for_date = d.for_date)`,
      )
      .all(dropId, keepId) as Array<{ id: number }>
  ).map((r) => r.id);
  for (const id of dupHolds) db.prepare("UPDATE loan_reservations SET status = 'cancelled' WHERE id = ?").run(id);

  // Domains whose rows cannot simply be re-pointed (a points account, one volunteer row per person) settle them first.
  runMergeHooks(db, keepId, dropId, now);

  const moved: Record<string, number> = {};
  for (const { table, column } of residentReferences(db)) {
    const n = db.prepare(`UPDATE ${quote(table)} SET ${quote(column)} = ? WHERE ${quote(column)} = ?`).run(keepId, dropId).changes;
    if (n) moved[`${table}.${column}`] = n;
  }

  // The merged row keeps only its card number and phone (aliases of the kept person); the unique
  // ID number moves to the kept row, so it is freed first.
  db.prepare(
    `UPDATE residents SET status = 'merged', merged_into = ?, name = NULL, name_initials = NULL,
      id_cipher = NULL, id_hmac = NULL, id_masked = NULL, emergency_name = NULL, emergency_phone = NULL, lodging_address = NULL,
      needs_note = NULL, party_branch = NULL, updated_at = ? WHERE id = ?`,
  ).run(keepId, at, dropId);
  const sets = FILLABLE.map((c) => `${c} = COALESCE(${c}, @${c})`).join(', ');
  db.prepare(
    `UPDATE residents SET ${sets}, needs = @needs, interests = @interests, party_member = MAX(party_member, @party_member),
      last_seen_at = MAX(last_seen_at, @last_seen_at), updated_at = @at WHERE id = @id`,
  ).run({
    ...dropRow,
    needs: JSON.stringify([...new Set([...keep.needs, ...drop.needs])]),
    interests: JSON.stringify([...new Set([...keep.interests, ...drop.interests])]),
    party_member: drop.partyMember ? 1 : 0,
    at,
    id: keepId,
  });
  return { moved, movedStays: moved['stays.resident_id'] ?? 0, foldedStayId, cancelledHolds: dupHolds, aliases: { cardNo: drop.cardNo, phone: drop.phone } };
}
