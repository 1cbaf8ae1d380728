import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Db } from './connection.js';
import { ApiError } from './errors/index.js';
import type { StaffAccount, StaffRole } from './api/contract/staff.js';

/** Wrong PINs allowed before an account locks; each lock after that doubles, up to MAX_LOCK_SECONDS. */
export const FREE_ATTEMPTS = 5;
const FIRST_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(expected, actual);
}

export function hasAnyStaff(db: Db): boolean {
  return db.prepare('SELECT 1 FROM staff WHERE active = 1 LIMIT 1').get() !== undefined;
}

export function listStaff(db: Db): StaffAccount[] {
  return db.prepare("SELECT id, name, role FROM staff WHERE active = 1 ORDER BY role = 'admin' DESC, name").all() as StaffAccount[];
}

export function createStaff(db: Db, input: { name: string; pin: string; role: StaffRole }, now = new Date()): StaffAccount {
  const info = db.prepare('INSERT INTO staff (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)').run(input.name, input.role, hashPin(input.pin), now.toISOString());
  return { id: Number(info.lastInsertRowid), name: input.name, role: input.role };
}

/** First run: the manager account. Refused once any account exists. */
export function setUpAdmin(db: Db, input: { name: string; pin: string }, now = new Date()): StaffAccount {
  return db.transaction(() => {
    if (hasAnyStaff(db)) throw new ApiError('ALREADY_SET_UP');
    return createStaff(db, { ...input, role: 'admin' }, now);
  })();
}

function lockSeconds(failedAttempts: number): number {
  const locksSoFar = failedAttempts - FREE_ATTEMPTS;
  return Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** Math.max(0, locksSoFar));
}

/**
 * Checks a PIN. Counts failures in the database (a restart does not reset them); after
 * FREE_ATTEMPTS wrong PINs in a row the account locks, longer each time.
 */
export function checkPin(db: Db, staffId: number, pin: string, now = new Date()): StaffAccount {
  if (!hasAnyStaff(db)) throw new ApiError('NOT_SET_UP');
  const row = db.prepare('SELECT id, name, role, pin_hash, failed_attempts, locked_until FROM staff WHERE id = ? AND active = 1').get(staffId) as
    { id: number; name: string; role: StaffRole; pin_hash: string; failed_attempts: number; locked_until: string | null } | undefined;
  if (!row) throw new ApiError('NOT_FOUND');
  if (row.locked_until && Date.parse(row.locked_until) > now.getTime()) {
    throw new ApiError('PIN_LOCKED', { seconds: Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 1000) });
  }
  if (verifyPin(pin, row.pin_hash)) {
    db.prepare('UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(row.id);
    return { id: row.id, name: row.name, role: row.role };
  }
  const failed = row.failed_attempts + 1;
  if (failed >= FREE_ATTEMPTS) {
    const seconds = lockSeconds(failed);
    db.prepare('UPDATE staff SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(failed, new Date(now.getTime() + seconds * 1000).toISOString(), row.id);
    throw new ApiError('PIN_LOCKED', { seconds });
  }
  db.prepare('UPDATE staff SET failed_attempts = ? WHERE id = ?').run(failed, row.id);
  throw new ApiError('PIN_WRONG', { remaining: FREE_ATTEMPTS - failed });
}
