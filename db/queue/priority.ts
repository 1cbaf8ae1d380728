import type { Db } from '../connection.js';
import { readSettings } from '../settings.js';
import { residentForTicket } from '../residents/priority.js';
import { maskName } from '../residents/schema.js';

/** What the residents module tells the queue about a scanned service card. */
export interface TicketResident {
  residentId: number;
  age: number | null;
  disability: boolean;
}

export type ResidentLookup = (db: Db, cardPayload: string, now: Date) => TicketResident | null;

/** The residents module answers who holds a card; tests may stand in for it. */
let residentLookup: ResidentLookup = residentForTicket;

export function setResidentLookup(lookup: ResidentLookup | null): void {
  residentLookup = lookup ?? residentForTicket;
}

/** Who holds a scanned card, or null for an unknown or unreadable one. */
export function ticketResident(db: Db, cardPayload: string, now: Date): TicketResident | null {
  return residentLookup(db, cardPayload, now);
}

/** 优先: when the center enables it, residents of the configured age or with a disability flag go first. */
export async function decidePriority(db: Db, cardPayload: string, now: Date): Promise<{ priority: boolean; residentId: number | null }> {
  // An unknown or unreadable card still gets a ticket, just without priority.
  const resident = residentLookup(db, cardPayload, now);
  if (!resident) return { priority: false, residentId: null };
  const rule = readSettings(db)['queue.priority'];
  const priority = rule.enabled && ((resident.age !== null && resident.age >= rule.minAge) || (rule.disability && resident.disability));
  return { priority, residentId: resident.residentId };
}

/**
 * 取号's card scan: who holds the card (masked name only, 张*国 — enough to recognise yourself) and
 * whether they go first. Null for a code that is not one of our cards.
 */
export async function cardHolder(db: Db, cardPayload: string, now: Date): Promise<{ residentId: number; maskedName: string; priority: boolean } | null> {
  const decided = await decidePriority(db, cardPayload, now);
  if (decided.residentId === null) return null;
  const row = db.prepare('SELECT name FROM residents WHERE id = ?').get(decided.residentId) as { name: string | null } | undefined;
  return { residentId: decided.residentId, maskedName: maskName(row?.name ?? null), priority: decided.priority };
}
