import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { requireResident } from './residents.js';

/**
 * Two records for one person (registered twice, new phone): the stays of `dropId` move to `keepId`,
 * empty fields of the kept record are filled from the dropped one, and the dropped record becomes
 * an empty 'merged' row pointing at the kept one (its card stops resolving). Inside a transaction.
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

export function mergeResidents(db: Db, keepId: number, dropId: number, now: Date): { movedStays: number } {
  if (keepId === dropId) throw new ApiError('MERGE_SAME');
  const keep = requireResident(db, keepId);
  const drop = requireResident(db, dropId);
  if (keep.status !== 'active' || drop.status !== 'active') throw new ApiError('RESIDENT_INACTIVE');
  const dropRow = db.prepare(`SELECT ${FILLABLE.join(', ')}, last_seen_at FROM residents WHERE id = ?`).get(dropId) as Record<string, unknown>;
  const at = now.toISOString();
  // Only one open stay may remain: the dropped record's open stay is closed if both are in town.
  const keepOpen = db.prepare('SELECT id FROM stays WHERE resident_id = ? AND departed_at IS NULL').get(keepId);
  if (keepOpen) db.prepare('UPDATE stays SET departed_at = ? WHERE resident_id = ? AND departed_at IS NULL').run(at, dropId);
  const moved = db.prepare('UPDATE stays SET resident_id = ? WHERE resident_id = ?').run(keepId, dropId).changes;
  // Free the unique phone/ID on the dropped row before the kept row takes them over.
  db.prepare(
    `UPDATE residents SET status = 'merged', merged_into = ?, name = NULL, name_initials = NULL, phone = NULL, phone_rev = NULL,
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
  return { movedStays: moved };
}
