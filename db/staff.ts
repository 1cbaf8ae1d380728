import { randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Db } from './connection.js';
import { ApiError } from './errors/index.js';
import { recordAudit } from './audit.js';
import { recordFailure, throttleFail, throttleReset, throttleWait, type ThrottlePolicy } from './terminals/throttle.js';
import type { SignInAccount, StaffAccount, StaffAccountDetail, StaffRole } from './api/contract/staff.js';

/** Wrong PINs allowed (per account and source) before that source waits; each wait after that doubles. */
export const FREE_ATTEMPTS = 5;

/**
 * PIN guessing is counted per account and per source. The host's own console keeps the old rule
 * (5 free, then 30 s doubling up to 15 min); each remote terminal has its own count, waiting up to
 * an hour — so a kiosk or counter can only lock itself out, never the host.
 */
export const hostPinThrottle: ThrottlePolicy = { free: FREE_ATTEMPTS, firstLockSeconds: 30, maxLockSeconds: 15 * 60, forgetAfterSeconds: 24 * 3600 };
export const remotePinThrottle: ThrottlePolicy = { free: FREE_ATTEMPTS, firstLockSeconds: 30, maxLockSeconds: 60 * 60, forgetAfterSeconds: 24 * 3600 };
/** Recovery codes are 80 bits; the limit is a second belt (per source, all accounts together). */
export const recoveryThrottle: ThrottlePolicy = { free: 5, firstLockSeconds: 60, maxLockSeconds: 60 * 60, forgetAfterSeconds: 24 * 3600 };

const pinPolicy = (source: string) => (source === 'host' ? hostPinThrottle : remotePinThrottle);
const pinScope = (staffId: number) => `pin:${staffId}`;

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

/** scrypt with a fresh salt; used for PINs and recovery codes. */
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

/** Letters and digits that cannot be misread for one another (no I, O, 0, 1): 32 symbols, 5 bits each. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_LENGTH = 16;

/** A new recovery code, grouped for reading aloud and writing down: ABCD-EFGH-JKLM-NPQR (80 bits). */
export function generateRecoveryCode(): string {
  const chars = Array.from({ length: RECOVERY_CODE_LENGTH }, () => RECOVERY_ALPHABET[randomInt(0, RECOVERY_ALPHABET.length)]);
  return chars.join('').replace(/(.{4})(?=.)/g, '$1-');
}

/** What a person typed, as the code is hashed: capitals, no spaces or dashes. */
export function normaliseRecoveryCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

export const recoveryCodePattern = new RegExp(`^[${RECOVERY_ALPHABET}]{${RECOVERY_CODE_LENGTH}}$`);

interface StaffRow {
  id: number;
  name: string;
  role: StaffRole;
  pin_hash: string;
  active: number;
  recovery_hash: string | null;
  pin_reset_at: string | null;
  last_login_at: string | null;
  created_at: string;
}

const account = (r: StaffRow): StaffAccount => ({ id: r.id, name: r.name, role: r.role });

function staffRow(db: Db, id: number): StaffRow | undefined {
  return db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined;
}

export function hasAnyStaff(db: Db): boolean {
  return db.prepare('SELECT 1 FROM staff WHERE active = 1 LIMIT 1').get() !== undefined;
}

/** The active accounts for the PIN screen, managers first. */
export function listStaff(db: Db): SignInAccount[] {
  const rows = db.prepare("SELECT * FROM staff WHERE active = 1 ORDER BY role = 'admin' DESC, name").all() as StaffRow[];
  return rows.map((r) => ({ ...account(r), needsNewPin: r.pin_reset_at !== null }));
}

/** Every account, disabled ones last, for 账号管理. */
export function listAccounts(db: Db): StaffAccountDetail[] {
  const rows = db.prepare("SELECT * FROM staff ORDER BY active DESC, role = 'admin' DESC, name").all() as StaffRow[];
  return rows.map((r) => ({
    ...account(r),
    active: r.active === 1,
    needsNewPin: r.pin_reset_at !== null,
    hasRecoveryCode: r.recovery_hash !== null,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
  }));
}

/**
 * A new account. Without a PIN the person chooses one at their first sign-in (as after a reset).
 * The stored hash is then of random bytes nobody knows, so no PIN opens it.
 */
export function createStaff(db: Db, input: { name: string; pin?: string | undefined; role: StaffRole }, now = new Date()): StaffAccount {
  const at = now.toISOString();
  const pinHash = hashPin(input.pin ?? randomBytes(16).toString('base64'));
  const info = db
    .prepare('INSERT INTO staff (name, role, pin_hash, created_at, pin_reset_at) VALUES (?, ?, ?, ?, ?)')
    .run(input.name, input.role, pinHash, at, input.pin === undefined ? at : null);
  return { id: Number(info.lastInsertRowid), name: input.name, role: input.role };
}

/** Stores the hash of a fresh recovery code for this account and returns the code (shown once). */
export function newRecoveryCode(db: Db, staffId: number): string {
  const code = generateRecoveryCode();
  db.prepare('UPDATE staff SET recovery_hash = ? WHERE id = ?').run(hashPin(normaliseRecoveryCode(code)), staffId);
  return code;
}

/** First run: the manager account and its recovery code. Refused once any account exists. */
export function setUpAdmin(db: Db, input: { name: string; pin: string }, now = new Date()): { account: StaffAccount; recoveryCode: string } {
  return db.transaction(() => {
    if (hasAnyStaff(db)) throw new ApiError('ALREADY_SET_UP');
    const a = createStaff(db, { ...input, role: 'admin' }, now);
    db.prepare('UPDATE staff SET last_login_at = ? WHERE id = ?').run(now.toISOString(), a.id);
    return { account: a, recoveryCode: newRecoveryCode(db, a.id) };
  })();
}

function activeRow(db: Db, staffId: number): StaffRow {
  if (!hasAnyStaff(db)) throw new ApiError('NOT_SET_UP');
  const row = staffRow(db, staffId);
  if (!row || row.active !== 1) throw new ApiError('NOT_FOUND');
  return row;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * Runs fn in a transaction that commits even when the answer is a refusal (the failure counts must
 * stay). IMMEDIATE: it reads then writes, and two hosts' processes signing in at once must queue
 * (busy timeout) rather than fail on a lock upgrade.
 */
function settle<T>(db: Db, fn: () => Outcome<T>): T {
  const outcome = db.transaction(fn).immediate();
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/**
 * Checks a PIN from `source` ('host', 'terminal:<id>', 'address:<ip>'). Failures are counted in the
 * database per account and source (a restart resets nothing); after FREE_ATTEMPTS wrong PINs in a
 * row that source waits, longer each time. Other sources, the host above all, are not held up.
 */
export function checkPin(db: Db, staffId: number, pin: string, source: string, now = new Date()): StaffAccount {
  return settle(db, () => {
    const row = activeRow(db, staffId);
    const scope = pinScope(row.id);
    const wait = throttleWait(db, scope, source, now);
    if (wait) return { ok: false, error: new ApiError('PIN_LOCKED', { seconds: wait }) };
    if (row.pin_reset_at) return { ok: false, error: new ApiError('PIN_RESET_REQUIRED') };
    if (verifyPin(pin, row.pin_hash)) {
      throttleReset(db, scope, source);
      db.prepare('UPDATE staff SET last_login_at = ? WHERE id = ?').run(now.toISOString(), row.id);
      return { ok: true, value: account(row) };
    }
    const { lockSeconds, remaining } = throttleFail(db, scope, source, pinPolicy(source), now);
    recordFailure(db, { kind: 'pin', source, staffId: row.id }, now);
    recordAudit(db, { action: 'staff.loginFailed', subject: `staff:${row.id}`, detail: { source, lockSeconds } }, now);
    if (lockSeconds) return { ok: false, error: new ApiError('PIN_LOCKED', { seconds: lockSeconds }) };
    return { ok: false, error: new ApiError('PIN_WRONG', { remaining }) };
  });
}

/** After a reset by the manager (or for a new account without a PIN): the person chooses their PIN. */
export function chooseNewPin(db: Db, staffId: number, pin: string, source: string, now = new Date()): StaffAccount {
  return settle(db, () => {
    const row = activeRow(db, staffId);
    if (!row.pin_reset_at) return { ok: false, error: new ApiError('PIN_NOT_RESET') };
    db.prepare('UPDATE staff SET pin_hash = ?, pin_reset_at = NULL, last_login_at = ? WHERE id = ?').run(hashPin(pin), now.toISOString(), row.id);
    throttleReset(db, pinScope(row.id));
    recordAudit(db, { staffId: row.id, action: 'staff.pinChosen', subject: `staff:${row.id}`, detail: { source } }, now);
    return { ok: true, value: account(row) };
  });
}

/**
 * The way back in for a manager who forgot the PIN or is locked out: the recovery code sets a new
 * PIN, lifts every lock on the account, and is used up — a new code is made and shown once.
 */
export function recoverWithCode(db: Db, input: { staffId: number; code: string; pin: string }, source: string, now = new Date()): { account: StaffAccount; recoveryCode: string } {
  return settle(db, () => {
    const row = activeRow(db, input.staffId);
    const wait = throttleWait(db, 'recovery', source, now);
    if (wait) return { ok: false, error: new ApiError('RECOVERY_LOCKED', { seconds: wait }) };
    if (row.recovery_hash && verifyPin(normaliseRecoveryCode(input.code), row.recovery_hash)) {
      throttleReset(db, 'recovery', source);
      throttleReset(db, pinScope(row.id));
      db.prepare('UPDATE staff SET pin_hash = ?, pin_reset_at = NULL, last_login_at = ? WHERE id = ?').run(hashPin(input.pin), now.toISOString(), row.id);
      const recoveryCode = newRecoveryCode(db, row.id);
      recordAudit(db, { staffId: row.id, action: 'staff.recovered', subject: `staff:${row.id}`, detail: { source } }, now);
      return { ok: true, value: { account: account(row), recoveryCode } };
    }
    const { lockSeconds, remaining } = throttleFail(db, 'recovery', source, recoveryThrottle, now);
    recordFailure(db, { kind: 'recovery', source, staffId: row.id }, now);
    recordAudit(db, { action: 'staff.recoveryFailed', subject: `staff:${row.id}`, detail: { source, lockSeconds } }, now);
    if (lockSeconds) return { ok: false, error: new ApiError('RECOVERY_LOCKED', { seconds: lockSeconds }) };
    return { ok: false, error: new ApiError('RECOVERY_CODE_WRONG', { remaining }) };
  });
}

/** Refuses to leave the center without an active manager. */
function guardLastManager(db: Db, row: StaffRow): void {
  if (row.role !== 'admin' || row.active !== 1) return;
  const others = db.prepare("SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND active = 1 AND id != ?").get(row.id) as { n: number };
  if (others.n === 0) throw new ApiError('STAFF_LAST_MANAGER', { name: row.name });
}

/** Manager: change an account's role or enable/disable it. Audited; the last active manager stays. */
export function updateStaff(db: Db, by: number, id: number, change: { role?: StaffRole | undefined; active?: boolean | undefined }, now = new Date()): StaffAccountDetail {
  return db.transaction(() => {
    const row = staffRow(db, id);
    if (!row) throw new ApiError('NOT_FOUND');
    const demoted = change.role === 'staff' && row.role === 'admin';
    const disabled = change.active === false && row.active === 1;
    if (demoted || disabled) guardLastManager(db, row);
    const role = change.role ?? row.role;
    const active = change.active === undefined ? row.active : change.active ? 1 : 0;
    db.prepare('UPDATE staff SET role = ?, active = ? WHERE id = ?').run(role, active, id);
    // A manager's recovery code means nothing for staff; a staff member made manager gets one from 账号管理.
    if (role === 'staff') db.prepare('UPDATE staff SET recovery_hash = NULL WHERE id = ?').run(id);
    const detail: Record<string, unknown> = {};
    if (role !== row.role) detail.role = { from: row.role, to: role };
    if (active !== row.active) detail.active = active === 1;
    if (Object.keys(detail).length) recordAudit(db, { staffId: by, action: 'staff.update', subject: `staff:${id}`, detail }, now);
    return listAccounts(db).find((a) => a.id === id)!;
  })();
}

/** Manager: the person chooses a new PIN at their next sign-in; every lock on the account is lifted. */
export function resetPin(db: Db, by: number, id: number, now = new Date()): StaffAccountDetail {
  return db.transaction(() => {
    const row = staffRow(db, id);
    if (!row) throw new ApiError('NOT_FOUND');
    db.prepare('UPDATE staff SET pin_hash = ?, pin_reset_at = ? WHERE id = ?').run(hashPin(randomBytes(16).toString('base64')), now.toISOString(), id);
    throttleReset(db, pinScope(id));
    recordAudit(db, { staffId: by, action: 'staff.resetPin', subject: `staff:${id}` }, now);
    return listAccounts(db).find((a) => a.id === id)!;
  })();
}
