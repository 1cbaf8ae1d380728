import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import type { QueueClock } from './clock.js';
import { getCounter, getService } from './config.js';
import { closeExpiredTickets, countWaiting, getTicketRow, recordTicketEvent, viewTicket } from './tickets.js';
import type { CallView, CounterState } from './types.js';

/** The ticket a counter is serving now (called, not yet finished / passed / transferred). */
function currentTicketId(db: Db, counterId: number): number | undefined {
  const row = db.prepare(`SELECT id FROM queue_tickets WHERE counter_id = ? AND status = 'called' ORDER BY called_at DESC LIMIT 1`).get(counterId) as { id: number } | undefined;
  return row?.id;
}

function requireCurrent(db: Db, counterId: number): number {
  if (!getCounter(db, counterId)) throw new ApiError('NOT_FOUND');
  const id = currentTicketId(db, counterId);
  if (!id) throw new ApiError('QUEUE_NO_CURRENT');
  return id;
}

/**
 * 叫号: the next waiting ticket among the services this counter serves — priority first, then
 * place in line. IMMEDIATE, and the update re-checks 'waiting', so two counters never get one ticket.
 */
export function callNext(db: Db, counterId: number, clock: QueueClock, staffId: number | null = null): number {
  return db
    .transaction(() => {
      closeExpiredTickets(db, clock);
      const counter = getCounter(db, counterId);
      if (!counter || !counter.active) throw new ApiError('NOT_FOUND');
      if (counter.paused) throw new ApiError('QUEUE_COUNTER_PAUSED');
      if (currentTicketId(db, counterId)) throw new ApiError('QUEUE_COUNTER_BUSY');
      if (counter.serviceIds.length === 0) throw new ApiError('QUEUE_EMPTY');
      const next = db
        .prepare(
          `SELECT id, service_id FROM queue_tickets WHERE day = ? AND status = 'waiting' AND service_id IN (${counter.serviceIds.map(() => '?').join(',')})
           ORDER BY priority DESC, queued_at, id LIMIT 1`,
        )
        .get(clock.day, ...counter.serviceIds) as { id: number; service_id: number } | undefined;
      if (!next) throw new ApiError('QUEUE_EMPTY');
      const r = db
        .prepare(`UPDATE queue_tickets SET status = 'called', counter_id = ?, called_at = ?, served_by = ? WHERE id = ? AND status = 'waiting'`)
        .run(counterId, clock.at, staffId, next.id);
      if (r.changes !== 1) throw new Error('ticket left the line inside an immediate transaction');
      recordTicketEvent(db, next.id, 'called', next.service_id, counterId, clock.at, staffId);
      return next.id;
    })
    .immediate();
}

/** 重呼: announce the counter's current ticket again. */
export function recallTicket(db: Db, counterId: number, clock: QueueClock, staffId: number | null = null): number {
  return db.transaction(() => {
    const id = requireCurrent(db, counterId);
    db.prepare('UPDATE queue_tickets SET recalled_at = ?, recall_count = recall_count + 1 WHERE id = ?').run(clock.at, id);
    recordTicketEvent(db, id, 'recalled', getTicketRow(db, id)!.service_id, counterId, clock.at, staffId);
    return id;
  })();
}

/**
 * 办结 or 过号: the counter's current ticket leaves the counter with that outcome. The staff member
 * who closes it is the one who served it (served_by; kept from the call when the host has no session).
 */
export function closeCurrent(db: Db, counterId: number, outcome: 'finished' | 'no_show', clock: QueueClock, staffId: number | null = null): number {
  return db.transaction(() => {
    const id = requireCurrent(db, counterId);
    const column = outcome === 'finished' ? 'finished_at' : 'no_show_at';
    db.prepare(`UPDATE queue_tickets SET status = ?, ${column} = ?, served_by = COALESCE(?, served_by) WHERE id = ?`).run(outcome, clock.at, staffId, id);
    recordTicketEvent(db, id, outcome, getTicketRow(db, id)!.service_id, counterId, clock.at, staffId);
    return id;
  })();
}

/** A passed-over ticket (过号) may come back once, at the end of today's line. */
export function requeueTicket(db: Db, ticketId: number, clock: QueueClock): number {
  return db.transaction(() => {
    const t = db.prepare('SELECT id, status, requeued, day, service_id FROM queue_tickets WHERE id = ?').get(ticketId) as
      { id: number; status: string; requeued: number; day: string; service_id: number } | undefined;
    if (!t) throw new ApiError('NOT_FOUND');
    if (t.status !== 'no_show' || t.requeued === 1 || t.day !== clock.day) throw new ApiError('QUEUE_REQUEUE_NOT_ALLOWED');
    db.prepare(`UPDATE queue_tickets SET status = 'waiting', requeued = 1, queued_at = ?, counter_id = NULL WHERE id = ?`).run(clock.at, ticketId);
    recordTicketEvent(db, ticketId, 'requeued', t.service_id, null, clock.at);
    return ticketId;
  })();
}

/**
 * 转办: the current ticket moves to another service's line, keeping its number and its original
 * place in time (it has already waited once), so it is called soon at a counter of that service.
 */
export function transferCurrent(db: Db, counterId: number, serviceId: number, clock: QueueClock, staffId: number | null = null): number {
  return db.transaction(() => {
    const id = requireCurrent(db, counterId);
    const t = getTicketRow(db, id)!;
    const target = getService(db, serviceId);
    if (!target || !target.active) throw new ApiError('NOT_FOUND');
    if (target.id === t.service_id) throw new ApiError('QUEUE_TRANSFER_SAME');
    recordTicketEvent(db, id, 'transferred', t.service_id, counterId, clock.at, staffId);
    db.prepare(`UPDATE queue_tickets SET status = 'waiting', service_id = ?, counter_id = NULL, served_by = NULL, transferred_at = ?, queued_at = issued_at WHERE id = ?`).run(
      serviceId,
      clock.at,
      id,
    );
    return id;
  })();
}

export function callView(db: Db, ticketId: number, recall: boolean, at: string): CallView {
  const row = db
    .prepare(
      `SELECT t.id, t.code, s.name AS service_name, s.name_en AS service_name_en, c.number, c.name AS counter_name FROM queue_tickets t
       JOIN queue_services s ON s.id = t.service_id JOIN queue_counters c ON c.id = t.counter_id WHERE t.id = ?`,
    )
    .get(ticketId) as { id: number; code: string; service_name: string; service_name_en: string; number: number; counter_name: string };
  return {
    ticketId: row.id,
    code: row.code,
    serviceName: row.service_name,
    serviceNameEn: row.service_name_en,
    counterNumber: row.number,
    counterName: row.counter_name,
    calledAt: at,
    recall,
  };
}

/** The calling display's state: today's announcements, newest first, one per ticket. */
export function recentCalls(db: Db, clock: QueueClock, limit = 8): CallView[] {
  const rows = db
    .prepare(
      `SELECT e.ticket_id, e.kind, e.at, t.code, s.name AS service_name, s.name_en AS service_name_en, c.number, c.name AS counter_name
       FROM queue_ticket_events e JOIN queue_tickets t ON t.id = e.ticket_id JOIN queue_services s ON s.id = e.service_id
       JOIN queue_counters c ON c.id = e.counter_id
       WHERE e.kind IN ('called', 'recalled') AND e.at >= ? AND t.day = ? ORDER BY e.id DESC LIMIT ?`,
    )
    .all(new Date(clock.now.getTime() - 36 * 3600_000).toISOString(), clock.day, limit * 4) as Array<{
    ticket_id: number;
    kind: string;
    at: string;
    code: string;
    service_name: string;
    service_name_en: string;
    number: number;
    counter_name: string;
  }>;
  const seen = new Set<number>();
  const out: CallView[] = [];
  for (const r of rows) {
    if (seen.has(r.ticket_id)) continue;
    seen.add(r.ticket_id);
    out.push({
      ticketId: r.ticket_id,
      code: r.code,
      serviceName: r.service_name,
      serviceNameEn: r.service_name_en,
      counterNumber: r.number,
      counterName: r.counter_name,
      calledAt: r.at,
      recall: r.kind === 'recalled',
    });
    if (out.length >= limit) break;
  }
  return out;
}

export function counterState(db: Db, counterId: number, clock: QueueClock): CounterState {
  const counter = getCounter(db, counterId);
  if (!counter) throw new ApiError('NOT_FOUND');
  const current = currentTicketId(db, counterId);
  return {
    ...counter,
    current: current ? viewTicket(db, current, clock) : null,
    waiting: counter.serviceIds.reduce((n, s) => n + countWaiting(db, s, clock.day), 0),
  };
}
