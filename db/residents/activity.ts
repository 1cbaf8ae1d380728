import type { Db } from '../connection.js';

/**
 * What a person did elsewhere in the center, for the staff profile (issue 12.6): queue tickets taken
 * with their card. Read-only over the queue's table (the queue module owns every write); loans come
 * from db/loans/lists.ts loanHistory.
 */
export interface ResidentTicket {
  id: number;
  code: string;
  serviceName: string;
  issuedAt: string;
  status: string;
}

export function ticketsOf(db: Db, residentId: number, limit: number): ResidentTicket[] {
  return db
    .prepare(
      `SELECT t.id, t.code, s.name AS serviceName, t.issued_at AS issuedAt, t.status
       FROM queue_tickets t JOIN queue_services s ON s.id = t.service_id
       WHERE t.resident_id = ? ORDER BY t.issued_at DESC LIMIT ?`,
    )
    .all(residentId, limit) as ResidentTicket[];
}
