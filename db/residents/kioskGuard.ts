import type { Db } from '../connection.js';
import { recordAudit } from '../audit.js';
import { ApiError } from '../errors/index.js';
import type { Resident } from './residents.js';

/**
 * The public kiosk must not become a directory of residents (issue 11.5). Two guards, both on the
 * host's clock and in the database (a restart does not reset them):
 *
 * 1. **Per source** (a paired terminal, or the host's own kiosk as one source): every phone look-up
 *    costs 1 point, a miss (no such number, an unknown card, a wrong proof) costs 3. More than
 *    {@link LOOKUP_POINTS} points in {@link LOOKUP_WINDOW_MS} trips the guard: the source is refused
 *    for 60 s, doubling with each further trip (cap 1 h) until it has been quiet for an hour. A trip
 *    is audited (`residents.kioskLookupLimited`) so staff see it.
 * 2. **Per resident**: {@link PROOF_FAILURES} wrong proofs (birth year / last 4 of the ID number) from
 *    anyone close that person's phone path for {@link PROOF_BLOCK_MS}; the card and the desk still work.
 *
 * A person checking in by phone spends 1–2 points (look-up, then the act with the proof); one typo
 * spends 3 more. The other kiosk services (KioskIdentify task 'identify': 我要反映, 活动报名) check the
 * proof before their own act, so a phone there spends 3 (look-up, proof, act); a card spends nothing. An enumerator, missing 97 times in 100, gets 7 numbers per window before the first trip.
 */
export const LOOKUP_WINDOW_MS = 10 * 60_000;
export const LOOKUP_POINTS = 20;
export const MISS_COST = 3;
export const FIRST_BLOCK_MS = 60_000;
export const MAX_BLOCK_MS = 60 * 60_000;
/** Trips are forgiven after this long without one. */
export const STRIKE_RESET_MS = 60 * 60_000;
export const PROOF_FAILURES = 3;
export const PROOF_BLOCK_MS = 60 * 60_000;

/** The terminal a call came from; the host's own kiosk (IPC, loopback) is one source. */
export type LookupSource = string;

interface GuardRow {
  source: string;
  window_start: string;
  points: number;
  strikes: number;
  blocked_until: string | null;
  last_trip_at: string | null;
}

const secondsUntil = (iso: string, now: Date) => Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));

function readGuard(db: Db, source: LookupSource): GuardRow | null {
  return (db.prepare('SELECT * FROM kiosk_lookup_guard WHERE source = ?').get(source) as GuardRow | undefined) ?? null;
}

/** Refuses a source that is serving its block; call before looking anything up. */
export function assertLookupAllowed(db: Db, source: LookupSource, now: Date): void {
  const g = readGuard(db, source);
  if (g?.blocked_until && Date.parse(g.blocked_until) > now.getTime()) throw new ApiError('KIOSK_LOOKUP_LIMITED', { seconds: secondsUntil(g.blocked_until, now) });
}

/**
 * Spends points for one look-up (call outside the action's transaction, so a miss that throws is
 * still counted). Returns the block in seconds when this spend tripped the guard, else null.
 */
export function spendLookup(db: Db, source: LookupSource, cost: number, now: Date): number | null {
  return db.transaction(() => {
    const at = now.toISOString();
    let g = readGuard(db, source);
    if (!g) {
      db.prepare('INSERT INTO kiosk_lookup_guard (source, window_start) VALUES (?, ?)').run(source, at);
      g = readGuard(db, source)!;
    }
    let { points, strikes } = g;
    let windowStart = g.window_start;
    if (now.getTime() - Date.parse(windowStart) >= LOOKUP_WINDOW_MS) {
      windowStart = at;
      points = 0;
    }
    if (g.last_trip_at && now.getTime() - Date.parse(g.last_trip_at) >= STRIKE_RESET_MS) strikes = 0;
    points += cost;
    if (points <= LOOKUP_POINTS) {
      db.prepare('UPDATE kiosk_lookup_guard SET window_start = ?, points = ?, strikes = ? WHERE source = ?').run(windowStart, points, strikes, source);
      return null;
    }
    strikes += 1;
    const blockMs = Math.min(MAX_BLOCK_MS, FIRST_BLOCK_MS * 2 ** (strikes - 1));
    const until = new Date(now.getTime() + blockMs).toISOString();
    // The block ends with a fresh window: after it the source has its full allowance again, once.
    db.prepare('UPDATE kiosk_lookup_guard SET window_start = ?, points = 0, strikes = ?, blocked_until = ?, last_trip_at = ? WHERE source = ?').run(
      until,
      strikes,
      until,
      at,
      source,
    );
    recordAudit(db, { action: 'residents.kioskLookupLimited', subject: source, detail: { strikes, blockedSeconds: blockMs / 1000 } }, now);
    return blockMs / 1000;
  })();
}

/** What the person offers besides their phone number: something they know. */
export type KioskProof = { birthYear: number } | { idLast4: string };

/** Refuses the phone path of a person whose proofs failed too often lately. */
export function assertProofAllowed(db: Db, residentId: number, now: Date): void {
  const row = db.prepare('SELECT blocked_until FROM kiosk_proof_guard WHERE resident_id = ?').get(residentId) as { blocked_until: string | null } | undefined;
  if (row?.blocked_until && Date.parse(row.blocked_until) > now.getTime()) throw new ApiError('RESIDENT_PROOF_LOCKED');
}

/** Does the proof match the record? The last 4 of the ID number are on the masked copy, no decryption needed. */
export function proofMatches(r: Resident, proof: KioskProof): boolean {
  if ('birthYear' in proof) return r.birthYear !== null && r.birthYear === proof.birthYear;
  return r.idMasked !== null && r.idMasked.slice(-4).toUpperCase() === proof.idLast4.toUpperCase();
}

/** Counts a wrong proof for this person (from any kiosk); the third within the block time closes the phone path. */
export function recordProofFailure(db: Db, residentId: number, source: LookupSource, now: Date): void {
  db.transaction(() => {
    const at = now.toISOString();
    const row = db.prepare('SELECT failures, first_at FROM kiosk_proof_guard WHERE resident_id = ?').get(residentId) as { failures: number; first_at: string } | undefined;
    const fresh = !row || now.getTime() - Date.parse(row.first_at) >= PROOF_BLOCK_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const blocked = failures >= PROOF_FAILURES ? new Date(now.getTime() + PROOF_BLOCK_MS).toISOString() : null;
    db.prepare(
      `INSERT INTO kiosk_proof_guard (resident_id, failures, first_at, blocked_until) VALUES (@id, @failures, @first, @blocked)
       ON CONFLICT(resident_id) DO UPDATE SET failures = @failures, first_at = @first, blocked_until = @blocked`,
    ).run({ id: residentId, failures, first: fresh ? at : row.first_at, blocked });
    if (blocked) recordAudit(db, { action: 'residents.kioskProofLocked', subject: `resident:${residentId}`, detail: { source } }, now);
  })();
}

/** A right proof clears the person's count. */
export function clearProofFailures(db: Db, residentId: number): void {
  db.prepare('DELETE FROM kiosk_proof_guard WHERE resident_id = ?').run(residentId);
}

export interface LookupTrip {
  at: string;
  source: string;
  blockedSeconds: number;
}

/** Trips of the last day, newest first, for the staff console (from the audit log). */
export function recentLookupTrips(db: Db, now: Date, limit = 20): LookupTrip[] {
  const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const rows = db
    .prepare("SELECT at, subject, detail FROM audit_log WHERE action IN ('residents.kioskLookupLimited', 'residents.kioskProofLocked') AND at >= ? ORDER BY id DESC LIMIT ?")
    .all(since, limit) as Array<{ at: string; subject: string; detail: string | null }>;
  return rows.map((r) => {
    const d = r.detail ? (JSON.parse(r.detail) as { blockedSeconds?: number; source?: string }) : {};
    return { at: r.at, source: d.source ?? r.subject, blockedSeconds: d.blockedSeconds ?? PROOF_BLOCK_MS / 1000 };
  });
}
