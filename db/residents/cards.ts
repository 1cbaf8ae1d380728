import { randomInt } from 'node:crypto';

/**
 * Service card numbers and the QR payload printed on the card.
 *
 * A card number is 8 characters from an alphabet without 0/O, 1/I (people read them aloud and
 * type them on a touch screen); the last is a check character (Luhn mod 32) so a mistyped
 * number is caught before any lookup. The QR holds `HNR1:<card number>` — a version tag and the
 * card number only: a lost card reveals nothing about its owner.
 */
export const CARD_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const N = CARD_ALPHABET.length;
export const QR_PREFIX = 'HNR1:';

export function cardCheckChar(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    let addend = factor * CARD_ALPHABET.indexOf(body[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return CARD_ALPHABET[(N - (sum % N)) % N]!;
}

export function generateCardNumber(random: (max: number) => number = (max) => randomInt(max)): string {
  let body = '';
  for (let i = 0; i < 7; i++) body += CARD_ALPHABET[random(N)];
  return body + cardCheckChar(body);
}

/**
 * A typed or scanned card code → the canonical card number, or null. Accepts the QR payload,
 * lower case, spaces and dashes, and the look-alikes people type for missing letters (O→0 is not
 * in the alphabet, so O and 0 are refused rather than guessed).
 */
export function parseCardCode(raw: string): string | null {
  let s = raw.trim().toUpperCase();
  if (s.startsWith(QR_PREFIX)) s = s.slice(QR_PREFIX.length);
  s = s.replace(/[\s-]/g, '');
  if (s.length !== 8) return null;
  for (const ch of s) if (!CARD_ALPHABET.includes(ch)) return null;
  return cardCheckChar(s.slice(0, 7)) === s[7] ? s : null;
}

export function cardQrPayload(cardNo: string): string {
  return QR_PREFIX + cardNo;
}

/** "K7MP 3Q9X": two groups of four are easier to read aloud and copy. */
export function formatCardNumber(cardNo: string): string {
  return `${cardNo.slice(0, 4)} ${cardNo.slice(4)}`;
}
