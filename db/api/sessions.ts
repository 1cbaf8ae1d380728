import { randomBytes } from 'node:crypto';
import type { StaffAccount } from './contract/staff.js';

export interface Session {
  token: string;
  staff: StaffAccount;
  expiresAt: number;
}

/** Signed-in staff sessions, in memory: a restart of the host signs everyone out, which is what a front desk expects. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly ttlMs = 12 * 60 * 60 * 1000) {}

  open(staff: StaffAccount, now = Date.now()): Session {
    const session = { token: randomBytes(24).toString('base64url'), staff, expiresAt: now + this.ttlMs };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The live session for a token, its expiry pushed forward (sliding). */
  get(token: string | undefined, now = Date.now()): Session | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    if (s.expiresAt <= now) {
      this.sessions.delete(token);
      return null;
    }
    s.expiresAt = now + this.ttlMs;
    return s;
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session of this account (its role changed, it was disabled or its PIN reset). */
  closeFor(staffId: number): void {
    for (const [token, s] of this.sessions) if (s.staff.id === staffId) this.sessions.delete(token);
  }
}
