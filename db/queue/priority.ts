import type { Db } from '../connection.js';
import { readSettings } from '../settings.js';
import { residentForTicket } from '../residents/priority.js';

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
