import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import type { QueueClock } from './clock.js';
import { getService } from './config.js';
import { isWithinHours } from '../localTime.js';
import type { TicketStatus, TicketView } from './types.js';
import { assertTakeAllowed } from './takeLimit.js';

interface TicketRow {
  id: number;
  code: string;
  service_id: number;
  service_name: string;
  service_name_en: string;
  status: TicketStatus;
  priority: number;
  day: string;
  queued_at: string;
  issued_at: string;
  called_at: string | null;
  counter_id: number | null;
  counter_number: number | null;
  requeued: number;
  print_job_id: number | null;
  print_status: TicketView['printStatus'];
}

const TICKET_SELECT = `SELECT t.*, s.name AS service_name, s.name_en AS service_name_en, c.number AS counter_number, p.status AS print_status
  FROM queue_tickets t JOIN queue_services s ON s.id = t.service_id LEFT JOIN queue_counters c ON c.id = t.counter_id
  LEFT JOIN print_jobs p ON p.id = t.print_job_id`;

/** A1 → A001: three digits read well on a TV and on paper; past 999 the number just grows. */
export function formatTicketCode(prefix: string, number: number): string {
  return prefix + String(number).padStart(3, '0');
}

/** One step of a ticket; `staffId` is the signed-in staff member at the counter (null: the kiosk, closing time, the host without a session). */
export function recordTicketEvent(db: Db, ticketId: number, kind: string, serviceId: number, counterId: number | null, at: string, staffId: number | null = null): void {
  db.prepare('INSERT INTO queue_ticket_events (ticket_id, kind, service_id, counter_id, at, staff_id) VALUES (?, ?, ?, ?, ?, ?)').run(
    ticketId,
    kind,
    serviceId,
    counterId,
    at,
    staffId,
  );
}

/**
 * Closing time: tickets from earlier days that are still open, and today's waiting tickets of
 * services already closed, become 未办理 (unserved) so the line never carries over to tomorrow.
 */
export function closeExpiredTickets(db: Db, clock: QueueClock): number {
  const earlier = db
    .prepare(`UPDATE queue_tickets SET status = 'unserved', closed_at = ? WHERE status IN ('waiting', 'called') AND day < ? RETURNING id, service_id, counter_id`)
    .all(clock.at, clock.day) as Array<{ id: number; service_id: number; counter_id: number | null }>;
  const closedServices = db.prepare(`SELECT id FROM queue_services WHERE closes_at <= ?`).all(clock.time) as Array<{ id: number }>;
  const today = closedServices.length
    ? (db
        .prepare(
          `UPDATE queue_tickets SET status = 'unserved', closed_at = ? WHERE status = 'waiting' AND day = ? AND service_id IN (${closedServices.map((s) => s.id).join(',')}) RETURNING id, service_id, counter_id`,
        )
        .all(clock.at, clock.day) as Array<{ id: number; service_id: number; counter_id: number | null }>)
    : [];
  for (const t of [...earlier, ...today]) recordTicketEvent(db, t.id, 'unserved', t.service_id, t.counter_id, clock.at);
  return earlier.length + today.length;
}

/** Average minutes a ticket of this service took at a counter today (last 20), else the configured default. */
export function observedServiceMinutes(db: Db, serviceId: number, clock: QueueClock): number {
  const row = db
    .prepare(
      `SELECT AVG((julianday(finished_at) - julianday(called_at)) * 1440) AS minutes FROM (
         SELECT called_at, finished_at FROM queue_tickets
         WHERE service_id = ? AND day = ? AND status = 'finished' AND called_at IS NOT NULL
         ORDER BY finished_at DESC LIMIT 20)`,
    )
    .get(serviceId, clock.day) as { minutes: number | null };
  return row.minutes && row.minutes > 0 ? row.minutes : clock.defaultServiceMinutes;
}

function openCounters(db: Db, serviceId: number): number {
  const row = db
    .prepare(`SELECT COUNT(*) AS n FROM queue_counter_services l JOIN queue_counters c ON c.id = l.counter_id WHERE l.service_id = ? AND c.active = 1 AND c.paused = 0`)
    .get(serviceId) as { n: number };
  return Math.max(1, row.n);
}

/** Estimated minutes for `ahead` people, spread over the counters serving the service now. */
export function estimateWaitMinutes(db: Db, serviceId: number, ahead: number, clock: QueueClock): number {
  if (ahead === 0) return 0;
  return Math.ceil((ahead * observedServiceMinutes(db, serviceId, clock)) / openCounters(db, serviceId));
}

export function countWaiting(db: Db, serviceId: number, day: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM queue_tickets WHERE day = ? AND status = 'waiting' AND service_id = ?`).get(day, serviceId) as { n: number }).n;
}

/** Waiting tickets that will be called before this one: higher priority, or same priority and queued earlier. */
function countAhead(db: Db, t: TicketRow): number {
  return (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM queue_tickets WHERE day = ? AND status = 'waiting' AND service_id = ?
           AND (priority > ? OR (priority = ? AND (queued_at < ? OR (queued_at = ? AND id < ?))))`,
      )
      .get(t.day, t.service_id, t.priority, t.priority, t.queued_at, t.queued_at, t.id) as { n: number }
  ).n;
}

export function getTicketRow(db: Db, id: number): TicketRow | undefined {
  return db.prepare(`${TICKET_SELECT} WHERE t.id = ?`).get(id) as TicketRow | undefined;
}

export function viewTicket(db: Db, id: number, clock: QueueClock): TicketView {
  const t = getTicketRow(db, id);
  if (!t) throw new ApiError('NOT_FOUND');
  const ahead = t.status === 'waiting' ? countAhead(db, t) : 0;
  return {
    id: t.id,
    code: t.code,
    serviceId: t.service_id,
    serviceName: t.service_name,
    serviceNameEn: t.service_name_en,
    status: t.status,
    priority: t.priority > 0,
    ahead,
    waitMinutes: t.status === 'waiting' ? estimateWaitMinutes(db, t.service_id, ahead, clock) : 0,
    issuedAt: t.issued_at,
    calledAt: t.called_at,
    counterId: t.counter_id,
    counterNumber: t.counter_number,
    requeued: t.requeued === 1,
    printJobId: t.print_job_id,
    printStatus: t.print_status ?? null,
  };
}

/** Today's tickets of one resident (taken with their card) that are still waiting or being served. */
export function openTicketIdsOf(db: Db, residentId: number, clock: QueueClock): number[] {
  return (
    db.prepare("SELECT id FROM queue_tickets WHERE resident_id = ? AND day = ? AND status IN ('waiting', 'called') ORDER BY id").all(residentId, clock.day) as Array<{ id: number }>
  ).map((r) => r.id);
}

export interface IssueRequest {
  serviceId: number;
  priority?: boolean;
  residentId?: number | null;
  /** Where it was taken ('terminal:<id>'; null = the host): limited per terminal, see takeLimit.ts. */
  source?: string | null;
}

/**
 * Takes the next number of a service for today. The day's counter row is bumped inside an
 * IMMEDIATE transaction, so two kiosks can never be handed the same number nor leave a gap.
 */
export function issueTicket(db: Db, req: IssueRequest, clock: QueueClock): number {
  return db
    .transaction(() => {
      closeExpiredTickets(db, clock);
      assertTakeAllowed(db, req.source ?? null, clock.at);
      const service = getService(db, req.serviceId);
      if (!service || !service.active) throw new ApiError('NOT_FOUND');
      if (!isWithinHours(clock.time, service.opensAt, service.closesAt)) {
        throw new ApiError('QUEUE_SERVICE_CLOSED', { service: service.name, opensAt: service.opensAt, closesAt: service.closesAt });
      }
      const { last_number: number } = db
        .prepare(
          `INSERT INTO queue_day_numbers (service_id, day, last_number) VALUES (?, ?, 1)
           ON CONFLICT(service_id, day) DO UPDATE SET last_number = last_number + 1 RETURNING last_number`,
        )
        .get(service.id, clock.day) as { last_number: number };
      if (number > service.dailyLimit) throw new ApiError('QUEUE_DAILY_LIMIT', { service: service.name, limit: service.dailyLimit });
      const id = Number(
        db
          .prepare(
            `INSERT INTO queue_tickets (issued_service_id, service_id, day, number, code, priority, resident_id, status, queued_at, issued_at, source)
             VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)`,
          )
          .run(
            service.id,
            service.id,
            clock.day,
            number,
            formatTicketCode(service.prefix, number),
            req.priority ? 1 : 0,
            req.residentId ?? null,
            clock.at,
            clock.at,
            req.source ?? null,
          ).lastInsertRowid,
      );
      recordTicketEvent(db, id, 'issued', service.id, null, clock.at);
      return id;
    })
    .immediate();
}

export function setTicketPrintJob(db: Db, ticketId: number, jobId: number): void {
  db.prepare('UPDATE queue_tickets SET print_job_id = ? WHERE id = ?').run(jobId, ticketId);
}

/** Today's tickets a counter page lists: the waiting line and those passed over (过号) that may come back once. */
export function listTodayTickets(db: Db, clock: QueueClock, statuses: TicketStatus[] = ['waiting', 'no_show', 'called']): TicketView[] {
  const rows = db
    .prepare(`SELECT t.id FROM queue_tickets t WHERE t.day = ? AND t.status IN (${statuses.map(() => '?').join(',')}) ORDER BY t.priority DESC, t.queued_at, t.id LIMIT 500`)
    .all(clock.day, ...statuses) as Array<{ id: number }>;
  return rows.map((r) => viewTicket(db, r.id, clock));
}

/** A card scanned after the tap counts for a ticket this young, taken at the same kiosk. */
export const LATE_CARD_SECONDS = 180;

/**
 * 取号 when the card is scanned after the service was tapped: the ticket just taken becomes the
 * card holder's, with their priority, as if the card had come first. Only a waiting ticket without a
 * card, taken at the same terminal in the last three minutes — nobody can raise a stranger's ticket.
 */
export function attachCard(db: Db, ticketId: number, holder: { residentId: number; priority: boolean }, source: string | null, clock: QueueClock): void {
  db.transaction(() => {
    const t = db.prepare('SELECT status, resident_id, source, issued_at FROM queue_tickets WHERE id = ?').get(ticketId) as
      { status: TicketStatus; resident_id: number | null; source: string | null; issued_at: string } | undefined;
    if (!t || t.source !== source) throw new ApiError('NOT_FOUND');
    if (t.resident_id === holder.residentId) return;
    const young = Date.parse(clock.at) - Date.parse(t.issued_at) <= LATE_CARD_SECONDS * 1000;
    if (t.resident_id !== null || t.status !== 'waiting' || !young) throw new ApiError('QUEUE_CARD_TOO_LATE');
    db.prepare('UPDATE queue_tickets SET resident_id = ?, priority = ? WHERE id = ?').run(holder.residentId, holder.priority ? 1 : 0, ticketId);
  }).immediate();
}
