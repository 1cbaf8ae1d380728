import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';

export type TerminalRole = 'display' | 'counter' | 'kiosk';

export interface Terminal {
  id: number;
  name: string;
  role: TerminalRole;
  pairedAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

/** Who is calling, as the LAN server saw it: the host itself needs no pairing. */
export type Caller = { kind: 'host' } | { kind: 'terminal'; terminal: Terminal } | { kind: 'unpaired' };

const CODE_MINUTES = 10;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

interface TerminalRow {
  id: number;
  name: string;
  role: TerminalRole;
  paired_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}
const toTerminal = (r: TerminalRow): Terminal => ({ id: r.id, name: r.name, role: r.role, pairedAt: r.paired_at, lastSeenAt: r.last_seen_at, revokedAt: r.revoked_at });

/** A six-digit code, valid for ten minutes and once, that pairs one terminal with this role. */
export function createPairingCode(db: Db, role: TerminalRole, name: string, now: Date): { code: string; expiresAt: string } {
  db.prepare('DELETE FROM terminal_pairing_codes WHERE expires_at < ?').run(now.toISOString());
  for (;;) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString();
    const r = db
      .prepare('INSERT OR IGNORE INTO terminal_pairing_codes (code, role, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(code, role, name, now.toISOString(), expiresAt);
    if (r.changes === 1) return { code, expiresAt };
  }
}

/** Trades a valid code for a terminal and its secret token (only its hash is kept). */
export function pairTerminal(db: Db, code: string, now: Date): { token: string; terminal: Terminal } {
  return db.transaction(() => {
    const row = db.prepare('SELECT role, name FROM terminal_pairing_codes WHERE code = ? AND used_at IS NULL AND expires_at >= ?').get(code, now.toISOString()) as
      { role: TerminalRole; name: string } | undefined;
    if (!row) throw new ApiError('PAIRING_CODE_WRONG');
    db.prepare('UPDATE terminal_pairing_codes SET used_at = ? WHERE code = ?').run(now.toISOString(), code);
    const token = randomBytes(32).toString('base64url');
    const id = Number(
      db.prepare('INSERT INTO terminals (name, role, token_hash, paired_at) VALUES (?, ?, ?, ?)').run(row.name, row.role, hash(token), now.toISOString()).lastInsertRowid,
    );
    return { token, terminal: getTerminal(db, id)! };
  })();
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
