import type { Db } from '../connection.js';
import { parseCardCode } from './cards.js';
import { activeIdByPhone } from './residents.js';

/**
 * Staff search: one box takes a name, pinyin initials (zjg), a phone tail (1234), a full phone,
 * or a card number / scanned QR. Every branch is an index lookup or an index range scan.
 */
export interface SearchHit {
  id: number;
  cardNo: string;
  status: string;
  name: string | null;
  phone: string | null;
  birthYear: number | null;
  originProvince: string | null;
  originCity: string | null;
  lastSeenAt: string;
  inTown: boolean;
}

const HIT = `SELECT r.id, r.card_no AS cardNo, r.status, r.name, r.phone, r.birth_year AS birthYear,
  r.origin_province AS originProvince, r.origin_city AS originCity, r.last_seen_at AS lastSeenAt,
  EXISTS (SELECT 1 FROM stays s WHERE s.resident_id = r.id AND s.departed_at IS NULL) AS inTown
  FROM residents r`;

/** The smallest string greater than every string starting with `prefix`. */
const upperBound = (prefix: string) => prefix + '\uffff';

export function searchResidents(db: Db, rawQuery: string, limit = 30): SearchHit[] {
  const q = rawQuery.trim();
  if (!q) return [];
  const found = new Map<number, SearchHit>();
  const add = (rows: unknown[]) => {
    for (const r of rows as Array<SearchHit & { inTown: number | boolean }>) {
      if (found.size >= limit) break;
      if (!found.has(r.id)) found.set(r.id, { ...r, inTown: Boolean(r.inTown) });
    }
  };
  const card = parseCardCode(q);
  if (card) add(db.prepare(`${HIT} WHERE r.card_no = ?`).all(card));
  const digits = q.replace(/[\s-]/g, '');
  if (/^\d{2,11}$/.test(digits)) {
    // A merged-away row keeps its phone only as an alias of the kept person: find the person, not the alias.
    if (digits.length === 11) {
      add(db.prepare(`${HIT} WHERE r.phone = ? AND r.status <> 'merged'`).all(digits));
      const kept = activeIdByPhone(db, digits);
      if (kept !== null) add(db.prepare(`${HIT} WHERE r.id = ?`).all(kept));
    } else {
      const rev = [...digits].reverse().join('');
      add(db.prepare(`${HIT} WHERE r.phone_rev >= ? AND r.phone_rev < ? AND r.status <> 'merged' ORDER BY r.last_seen_at DESC LIMIT ?`).all(rev, upperBound(rev), limit));
    }
  } else if (/^[a-zA-Z]{1,10}$/.test(q)) {
    const ini = q.toLowerCase();
    add(db.prepare(`${HIT} WHERE r.name_initials >= ? AND r.name_initials < ? ORDER BY length(r.name_initials), r.last_seen_at DESC LIMIT ?`).all(ini, upperBound(ini), limit));
  } else if (/\p{Script=Han}/u.test(q)) {
    // Names: a prefix is an index range; a fragment inside a name falls back to a scan, capped.
    add(db.prepare(`${HIT} WHERE r.name >= ? AND r.name < ? ORDER BY r.last_seen_at DESC LIMIT ?`).all(q, upperBound(q), limit));
    if (found.size < limit) add(db.prepare(`${HIT} WHERE r.name LIKE ? ORDER BY r.last_seen_at DESC LIMIT ?`).all(`%${q.replace(/[%_]/g, '')}%`, limit));
  }
  return [...found.values()];
}
