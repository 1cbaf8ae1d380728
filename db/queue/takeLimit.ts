import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import type { Caller } from '../terminals/terminals.js';

/**
 * 取号 per terminal: a person at a kiosk takes a ticket every 15 s at the very most, so six a minute
 * and 120 an hour leave room for the morning rush at one kiosk while a script on a LAN device gets
 * 6 tickets in its burst instead of a service's whole day (300 by default would take it 2½ hours).
 * The host's own window (IPC) is not a LAN door and is not limited: whoever runs code on the host
 * has the database anyway, and foreign web pages on the host are refused by the transport.
 */
export const TAKE_LIMITS = [
  { windowSeconds: 60, max: 6 },
  { windowSeconds: 3600, max: 120 },
] as const;

/** How a ticket records where it was taken: 'terminal:<id>' for a paired LAN terminal, null for the host. */
export function ticketSource(caller: Caller | undefined): string | null {
  return caller?.kind === 'terminal' ? `terminal:${caller.terminal.id}` : null;
}

/**
 * Refuses one more ticket from this terminal when it took too many just now (QUEUE_TAKE_TOO_FAST
 * with the seconds to wait). Called inside the issuing IMMEDIATE transaction, so a burst of
 * concurrent requests is counted one by one and cannot slip past together.
 */
export function assertTakeAllowed(db: Db, source: string | null, at: string, limits: ReadonlyArray<{ windowSeconds: number; max: number }> = TAKE_LIMITS): void {
  if (source === null) return;
  const now = Date.parse(at);
  for (const { windowSeconds, max } of limits) {
    const since = new Date(now - windowSeconds * 1000).toISOString();
    const rows = db.prepare('SELECT issued_at FROM queue_tickets WHERE source = ? AND issued_at > ? ORDER BY issued_at DESC LIMIT ?').all(source, since, max) as Array<{
      issued_at: string;
    }>;
    if (rows.length >= max) {
      // The oldest of the last `max` leaves the window first: then one more may be taken.
      const freeAt = Date.parse(rows[rows.length - 1]!.issued_at) + windowSeconds * 1000;
      throw new ApiError('QUEUE_TAKE_TOO_FAST', { seconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) });
    }
  }
}
