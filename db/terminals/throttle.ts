import type { Db } from '../connection.js';
import type { Caller } from './terminals.js';

/**
 * Guessing limits, counted per source: the host itself, each paired terminal, each LAN address. A
 * source that fails too often waits, longer each time; other sources are not affected, so a kiosk
 * (or a script on the Wi-Fi) can never lock the manager out of the host's own console.
 * Kept in the database: a restart forgets nothing.
 */
export interface ThrottlePolicy {
  /** Failures in a row allowed before the first wait. */
  free: number;
  /** The first wait; each further failure doubles it, up to maxLockSeconds. */
  firstLockSeconds: number;
  maxLockSeconds: number;
  /** A source quiet for this long after its last failure (or the end of its wait) starts afresh. */
  forgetAfterSeconds: number;
}

export type FailureKind = 'pair' | 'pin' | 'recovery';

/** Where a call came from, as a stable key: 'host', 'terminal:<id>' or 'address:<ip>'. */
export function sourceOf(caller: Caller | undefined): string {
  if (!caller || caller.kind === 'host') return 'host';
  if (caller.kind === 'terminal') return `terminal:${caller.terminal.id}`;
  return `address:${addressKey(caller.address)}`;
}

/**
 * The part of an address one device controls: IPv4 as is (also when mapped into IPv6), IPv6 by
 * its /64 — a device picks any address in its network's /64 at will, so counting single IPv6
 * addresses would give it 2^64 fresh starts.
 */
export function addressKey(address: string | null | undefined): string {
  if (!address) return 'unknown';
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!a.includes(':')) return a;
  const [head, tail] = a.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

interface ThrottleRow {
  failures: number;
  last_failure_at: string | null;
  locked_until: string | null;
}

function row(db: Db, scope: string, source: string): ThrottleRow | undefined {
  return db.prepare('SELECT failures, last_failure_at, locked_until FROM auth_throttle WHERE scope = ? AND source = ?').get(scope, source) as ThrottleRow | undefined;
}

function forgotten(r: ThrottleRow, policy: ThrottlePolicy, now: Date): boolean {
  const last = Math.max(r.last_failure_at ? Date.parse(r.last_failure_at) : 0, r.locked_until ? Date.parse(r.locked_until) : 0);
  return now.getTime() - last > policy.forgetAfterSeconds * 1000;
}

/** Seconds this source must still wait before trying again (0 = it may try now). */
export function throttleWait(db: Db, scope: string, source: string, now: Date): number {
  const r = row(db, scope, source);
  if (!r?.locked_until) return 0;
  const ms = Date.parse(r.locked_until) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

export function lockSecondsAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxLockSeconds, policy.firstLockSeconds * 2 ** (failures - policy.free));
}

/** Counts one failure of this source; returns the failures in a row and the wait it earned (0 = none yet). */
export function throttleFail(db: Db, scope: string, source: string, policy: ThrottlePolicy, now: Date): { failures: number; lockSeconds: number; remaining: number } {
  const r = row(db, scope, source);
  const failures = (r && !forgotten(r, policy, now) ? r.failures : 0) + 1;
  const lockSeconds = lockSecondsAfter(failures, policy);
  const lockedUntil = lockSeconds ? new Date(now.getTime() + lockSeconds * 1000).toISOString() : null;
  db.prepare(
    `INSERT INTO auth_throttle (scope, source, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (scope, source) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`,
  ).run(scope, source, failures, now.toISOString(), lockedUntil);
  return { failures, lockSeconds, remaining: Math.max(0, policy.free - failures) };
}

/** A success from this source: its count starts again. */
export function throttleReset(db: Db, scope: string, source?: string): void {
  if (source === undefined) db.prepare('DELETE FROM auth_throttle WHERE scope = ?').run(scope);
  else db.prepare('DELETE FROM auth_throttle WHERE scope = ? AND source = ?').run(scope, source);
}

const KEEP_FAILURES_DAYS = 90;

/** Keeps one failed attempt for the manager's lists (older than 90 days are dropped). */
export function recordFailure(db: Db, entry: { kind: FailureKind; source: string; staffId?: number | null }, now: Date): void {
  db.prepare('DELETE FROM auth_failures WHERE at < ?').run(new Date(now.getTime() - KEEP_FAILURES_DAYS * 86_400_000).toISOString());
  db.prepare('INSERT INTO auth_failures (at, kind, source, staff_id) VALUES (?, ?, ?, ?)').run(now.toISOString(), entry.kind, entry.source, entry.staffId ?? null);
}

/** Where a failure came from, for a person: the host, a paired terminal by name, or a LAN address. */
export type FailureSource = { kind: 'host' } | { kind: 'terminal'; id: number; name: string } | { kind: 'address'; address: string };

export interface AuthFailure {
  at: string;
  kind: FailureKind;
  source: FailureSource;
  staffId: number | null;
  staffName: string | null;
}

export function describeSource(db: Db, source: string): FailureSource {
  if (source === 'host') return { kind: 'host' };
  const terminal = /^terminal:(\d+)$/.exec(source);
  if (terminal) {
    const id = Number(terminal[1]);
    const r = db.prepare('SELECT name FROM terminals WHERE id = ?').get(id) as { name: string } | undefined;
    return { kind: 'terminal', id, name: r?.name ?? `#${id}` };
  }
  return { kind: 'address', address: source.replace(/^address:/, '') };
}

/** The latest failed attempts of these kinds, newest first. */
export function recentFailures(db: Db, kinds: readonly FailureKind[], limit = 50): AuthFailure[] {
  const rows = db
    .prepare(
      `SELECT f.at, f.kind, f.source, f.staff_id AS staffId, s.name AS staffName FROM auth_failures f LEFT JOIN staff s ON s.id = f.staff_id
       WHERE f.kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY f.id DESC LIMIT ?`,
    )
    .all(...kinds, limit) as Array<Omit<AuthFailure, 'source'> & { source: string }>;
  const names = new Map<string, FailureSource>();
  return rows.map((r) => {
    if (!names.has(r.source)) names.set(r.source, describeSource(db, r.source));
    return { ...r, source: names.get(r.source)! };
  });
}
