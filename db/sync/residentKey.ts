import { createHmac } from 'node:crypto';
import type { Db } from '../connection.js';
import { normaliseIdNumber, openIdNumber, type KeyProvider } from '../residents/idNumbers.js';

/**
 * A resident's cross-center key: HMAC-SHA256 under the city key of the normalised ID number, or of
 * the mobile number when there is none. The same person registered at two centers gets the same key;
 * the key reveals neither number (the city re-keys it again with a server-only secret).
 */
export function residentKey(cityKeyHex: string, facts: { idNumber: string | null; phone: string | null }): string | null {
  const subject = facts.idNumber ? `id:${normaliseIdNumber(facts.idNumber)}` : facts.phone ? `phone:${facts.phone.replace(/\D/g, '')}` : null;
  if (!subject) return null;
  return createHmac('sha256', Buffer.from(cityKeyHex, 'hex')).update(subject).digest('hex');
}

/** The key of one resident row as it is now (null once anonymised or merged away, or with no number). */
export function residentKeyOf(db: Db, residentId: number, cityKeyHex: string, idKey: KeyProvider | null): string | null {
  const row = db.prepare('SELECT status, phone, id_cipher FROM residents WHERE id = ?').get(residentId) as
    { status: string; phone: string | null; id_cipher: string | null } | undefined;
  if (!row || row.status !== 'active') return null;
  let idNumber: string | null = null;
  if (row.id_cipher) {
    // An ID number we cannot open must not fall back to the phone: the key would differ per center.
    if (!idKey) return null;
    idNumber = openIdNumber(row.id_cipher, idKey);
  }
  return residentKey(cityKeyHex, { idNumber, phone: row.phone });
}
