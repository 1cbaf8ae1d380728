import { randomBytes } from 'node:crypto';

/**
 * What the QR codes of 接诉即办 hold: a random token, never the request number (J-20261201-003 is
 * easy to guess; 20 bytes of randomness are not), so whoever finds a receipt learns only what the
 * receipt already says, and guessing codes at the kiosk trips the look-up guard long before a hit.
 * HNQ1: the resident's receipt (status, answer, rating). HND1: the 派单单 an outside handler brings
 * back to the desk (a staff screen opens the case from it).
 */
const RECEIPT = 'HNQ1:';
const DISPATCH = 'HND1:';

export function newToken(): string {
  return randomBytes(20).toString('base64url');
}

export const receiptQrPayload = (token: string): string => `${RECEIPT}${token}`;
export const dispatchQrPayload = (token: string): string => `${DISPATCH}${token}`;

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

/** The token on a scanned receipt, or null when the code is not one. */
export function parseReceiptQr(code: string): string | null {
  const c = code.trim();
  if (!c.startsWith(RECEIPT)) return null;
  const t = c.slice(RECEIPT.length);
  return TOKEN.test(t) ? t : null;
}

export function parseDispatchQr(code: string): string | null {
  const c = code.trim();
  if (!c.startsWith(DISPATCH)) return null;
  const t = c.slice(DISPATCH.length);
  return TOKEN.test(t) ? t : null;
}
