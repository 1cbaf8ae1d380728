import type { Db } from '../connection.js';
import { parseCardCode } from './cards.js';
import { activeIdByCard } from './residents.js';
import { disabilityNeeds, type NeedId } from './schema.js';

/**
 * For the queue: who holds this service card (scanned QR payload or typed card number), their age
 * and whether they have a disability flag (行动不便, 轮椅, 视力障碍, 听力障碍). Null when the code
 * is not a card, or its owner is unknown, anonymised or deceased. The card of a record merged
 * into another resolves to the kept person.
 */
export function residentForTicket(db: Db, cardPayload: string, now: Date): { residentId: number; age: number | null; disability: boolean } | null {
  const card = parseCardCode(cardPayload);
  if (!card) return null;
  const id = activeIdByCard(db, card);
  if (id === null) return null;
  const row = db.prepare(`SELECT id, birth_year, needs FROM residents WHERE id = ? AND status = 'active'`).get(id) as
    { id: number; birth_year: number | null; needs: string } | undefined;
  if (!row) return null;
  const needs = JSON.parse(row.needs) as NeedId[];
  return {
    residentId: row.id,
    age: row.birth_year === null ? null : now.getUTCFullYear() - row.birth_year,
    disability: needs.some((n) => disabilityNeeds.has(n)),
  };
}
