import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { recordAudit } from '../audit.js';
import { recordFailure, throttleFail, throttleReset, throttleWait, type ThrottlePolicy } from './throttle.js';

/** 'rater' = 评价器: a small tablet at one counter where residents rate the service just finished (issue 17.5). */
export type TerminalRole = 'display' | 'counter' | 'kiosk' | 'rater';

export interface Terminal {
  id: number;
  name: string;
  role: TerminalRole;
  pairedAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  /** The counter a 评价器 is bound to (null for every other role). */
  counterId: number | null;
}

/**
 * Who is calling, as the LAN server saw it: the host itself needs no pairing. `address` is the
 * client's network address when the transport passes it (the throttles count per source).
 */
export type Caller = { kind: 'host' } | { kind: 'terminal'; terminal: Terminal; address?: string | null } | { kind: 'unpaired'; address?: string | null };

/** Wrong codes, from anyone, that a live pairing code survives: the next one stops it. */
export const PAIRING_CODE_TRIES = 5;

/**
 * Per source: 5 wrong codes, then a wait of 1 minute that doubles with each further wrong code up
 * to 1 hour; the count is forgotten only after a day without wrong codes (so pausing between
 * bursts gains nothing): at most 10 evaluated guesses in the first hour, then 1 an hour.
 */
export const pairingThrottle: ThrottlePolicy = { free: 5, firstLockSeconds: 60, maxLockSeconds: 3600, forgetAfterSeconds: 24 * 3600 };

const CODE_MINUTES = 10;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

interface TerminalRow {
  id: number;
  name: string;
  role: TerminalRole;
  paired_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  counter_id: number | null;
}
const toTerminal = (r: TerminalRow): Terminal => ({
  id: r.id,
  name: r.name,
  role: r.role,
  pairedAt: r.paired_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at,
  counterId: r.counter_id,
});

/**
 * A six-digit code, valid for ten minutes and once, that pairs one terminal with this role. A 评价器
 * is bound to a counter (`counterId`, which must exist); other roles take none.
 */
export function createPairingCode(db: Db, role: TerminalRole, name: string, now: Date, counterId: number | null = null): { code: string; expiresAt: string } {
  if (role === 'rater') {
    if (counterId === null || !db.prepare('SELECT 1 FROM queue_counters WHERE id = ? AND active = 1').get(counterId)) throw new ApiError('NOT_FOUND');
  } else counterId = null;
  db.prepare('DELETE FROM terminal_pairing_codes WHERE expires_at < ?').run(now.toISOString());
  for (;;) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString();
    const r = db
      .prepare('INSERT OR IGNORE INTO terminal_pairing_codes (code, role, name, created_at, expires_at, counter_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(code, role, name, now.toISOString(), expiresAt, counterId);
    if (r.changes === 1) return { code, expiresAt };
  }
}

type PairOutcome = { ok: true; token: string; terminal: Terminal } | { ok: false; error: ApiError };

/**
 * Trades a valid code for a terminal and its secret token (only its hash is kept). Guessing is
 * bounded twice: every wrong code counts against every live code (a code dies after
 * PAIRING_CODE_TRIES wrong tries from anyone), and against the source (pairingThrottle). Failures
 * are audited and kept for 终端配对. The counts are written even though the call fails.
 */
export function pairTerminal(db: Db, code: string, source: string, now: Date): { token: string; terminal: Terminal } {
  const outcome = db
    .transaction((): PairOutcome => {
      const wait = throttleWait(db, 'pair', source, now);
      if (wait) return { ok: false, error: new ApiError('PAIRING_THROTTLED', { seconds: wait }) };
      const at = now.toISOString();
      const row = db.prepare('SELECT role, name, stopped_at, counter_id FROM terminal_pairing_codes WHERE code = ? AND used_at IS NULL AND expires_at >= ?').get(code, at) as
        { role: TerminalRole; name: string; stopped_at: string | null; counter_id: number | null } | undefined;
      if (row && !row.stopped_at) {
        db.prepare('UPDATE terminal_pairing_codes SET used_at = ? WHERE code = ?').run(at, code);
        const token = randomBytes(32).toString('base64url');
        const id = Number(
          db.prepare('INSERT INTO terminals (name, role, token_hash, paired_at, counter_id) VALUES (?, ?, ?, ?, ?)').run(row.name, row.role, hash(token), at, row.counter_id)
            .lastInsertRowid,
        );
        throttleReset(db, 'pair', source);
        return { ok: true, token, terminal: getTerminal(db, id)! };
      }
      // A wrong try: one less for every live code, one more for this source.
      db.prepare('UPDATE terminal_pairing_codes SET wrong_attempts = wrong_attempts + 1 WHERE used_at IS NULL AND stopped_at IS NULL AND expires_at >= ?').run(at);
      const stopped = db
        .prepare('UPDATE terminal_pairing_codes SET stopped_at = ? WHERE stopped_at IS NULL AND used_at IS NULL AND wrong_attempts >= ?')
        .run(at, PAIRING_CODE_TRIES).changes;
      const { lockSeconds } = throttleFail(db, 'pair', source, pairingThrottle, now);
      recordFailure(db, { kind: 'pair', source }, now);
      recordAudit(db, { action: 'terminals.pairFailed', subject: source, detail: { stoppedCodes: stopped, lockSeconds } }, now);
      if (row) return { ok: false, error: new ApiError('PAIRING_CODE_STOPPED') };
      return { ok: false, error: new ApiError('PAIRING_CODE_WRONG') };
    })
    .immediate();
  if (!outcome.ok) throw outcome.error;
  return { token: outcome.token, terminal: outcome.terminal };
}

/** A pairing code that is still live (or was stopped while live), for 终端配对: never the code itself. */
export interface PairingCodeStatus {
  name: string;
  role: TerminalRole;
  counterId: number | null;
  createdAt: string;
  expiresAt: string;
  wrongAttempts: number;
  stoppedAt: string | null;
}

/** Codes not used and not expired, newest first, with the wrong tries they have seen. */
export function livePairingCodes(db: Db, now: Date): PairingCodeStatus[] {
  return db
    .prepare(
      `SELECT name, role, counter_id AS counterId, created_at AS createdAt, expires_at AS expiresAt, wrong_attempts AS wrongAttempts, stopped_at AS stoppedAt
       FROM terminal_pairing_codes WHERE used_at IS NULL AND expires_at >= ? ORDER BY created_at DESC`,
    )
    .all(now.toISOString()) as PairingCodeStatus[];
}

export function getTerminal(db: Db, id: number): Terminal | undefined {
  const r = db.prepare('SELECT * FROM terminals WHERE id = ?').get(id) as TerminalRow | undefined;
  return r && toTerminal(r);
}

/** The paired, not revoked terminal holding this token. */
export function terminalByToken(db: Db, token: string | undefined | null): Terminal | null {
  if (!token) return null;
  const r = db.prepare('SELECT * FROM terminals WHERE token_hash = ? AND revoked_at IS NULL').get(hash(token)) as TerminalRow | undefined;
  return r ? toTerminal(r) : null;
}

export function touchTerminal(db: Db, id: number, now: Date): void {
  db.prepare('UPDATE terminals SET last_seen_at = ? WHERE id = ?').run(now.toISOString(), id);
}

export function listTerminals(db: Db): Terminal[] {
  return (db.prepare('SELECT * FROM terminals ORDER BY revoked_at IS NOT NULL, id').all() as TerminalRow[]).map(toTerminal);
}

export function revokeTerminal(db: Db, id: number, now: Date): Terminal {
  const r = db.prepare('UPDATE terminals SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(now.toISOString(), id);
  if (r.changes === 0) throw new ApiError('NOT_FOUND');
  return getTerminal(db, id)!;
}
