import type { Db } from '../../../db/connection.js';
import { cardCheckChar, cardQrPayload, CARD_ALPHABET } from '../../../db/residents/cards.js';

/** A deterministic valid card number for the n-th test resident. */
export function cardFor(n: number): string {
  let body = '';
  let v = n + 1000;
  for (let i = 0; i < 7; i++) {
    body = CARD_ALPHABET[v % CARD_ALPHABET.length] + body;
    v = Math.floor(v / CARD_ALPHABET.length);
  }
  return body + cardCheckChar(body);
}

/** Inserts a resident the way the residents module stores one (only the columns the rules read). */
export function addResident(
  db: Db,
  n: number,
  opts: { name?: string; birthYear?: number | null; party?: boolean; inTown?: boolean; phone?: string } = {},
): { id: number; card: string } {
  const at = '2026-11-01T00:00:00.000Z';
  const cardNo = cardFor(n);
  const phone = opts.phone ?? `139${String(n).padStart(8, '0')}`;
  const id = Number(
    db
      .prepare(
        `INSERT INTO residents (card_no, name, phone, phone_rev, birth_year, party_member, party_branch, created_at, updated_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        cardNo,
        opts.name ?? `居民${n}`,
        phone,
        [...phone].reverse().join(''),
        opts.birthYear === undefined ? 1955 : opts.birthYear,
        opts.party ? 1 : 0,
        opts.party ? '第一党支部' : null,
        at,
        at,
        at,
      ).lastInsertRowid,
  );
  if (opts.inTown !== false) db.prepare("INSERT INTO stays (resident_id, arrived_at, source) VALUES (?, ?, 'staff')").run(id, at);
  return { id, card: cardQrPayload(cardNo) };
}

/** Open every day 08:00–12:00 and 14:00–21:30 (错时延时), weekends too. */
export const allWeek = Object.fromEntries(
  ['0', '1', '2', '3', '4', '5', '6'].map((d) => [
    d,
    [
      ['08:00', '12:00'],
      ['14:00', '21:30'],
    ],
  ]),
);
