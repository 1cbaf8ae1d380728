import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { centerTimeZone, localDate, startOfLocalDay } from '../localTime.js';
import { readSetting } from '../settings.js';
import { isBadRating } from './scale.js';

/**
 * 好差评 at the counter (issue 17.5): after 办结 the resident rates the service once, on the
 * counter's 评价器 or at the kiosk by scanning the ticket's QR. A rating is bound to the ticket, the
 * service it was served for, the counter and the staff member who served it (queue_tickets.served_by).
 * A bad rating (≤ 2) needs a reason and opens a follow-up staff work through on the ratings page.
 *
 * Who may rate ('own' service): a rating comes from a resident device — a 评价器, a paired kiosk, or
 * the host's kiosk window. A call that carries a staff session is refused when that staff member
 * served the ticket (the console and the kiosk share one browser tab, and one token, on the host); a
 * counter terminal is a staff device and cannot rate at all. A 评价器 rates only its own counter's tickets.
 */

/** Quick reasons offered with a bad rating (the list is `ratingReasons` in the contract; labels in the `ratings` i18n section). */
export type RatingReasonCode = 'wait' | 'attitude' | 'unclear' | 'notSolved' | 'paperwork' | 'other';

/** What a rating screen shows for a ticket it may rate: no personal data, only the number and service. */
export interface RatableTicket {
  ticketId: number;
  code: string;
  serviceName: string;
  serviceNameEn: string;
  counterId: number;
  finishedAt: string;
}

export interface RatingInput {
  ticketId: number;
  level: number;
  reasons: RatingReasonCode[];
  reasonText?: string | null;
}

/** Who is giving the rating, as the transport saw it. */
export interface RatingSource {
  /** 'rater:<id>', 'kiosk:<id>' or 'kiosk:host'. */
  source: string;
  /** Set for a 评价器: the one counter whose tickets it may rate. */
  raterCounterId?: number | null;
  /** A staff member signed in on the calling screen, if any. */
  staffId?: number | null;
  /** The caller is a counter terminal (a staff device). */
  staffDevice?: boolean;
}

interface TicketRow {
  id: number;
  code: string;
  status: string;
  service_id: number;
  service_name: string;
  service_name_en: string;
  counter_id: number | null;
  served_by: number | null;
  finished_at: string | null;
  resident_id: number | null;
}

function ticketRow(db: Db, ticketId: number): TicketRow | undefined {
  return db
    .prepare(
      `SELECT t.id, t.code, t.status, t.service_id, s.name AS service_name, s.name_en AS service_name_en, t.counter_id, t.served_by, t.finished_at, t.resident_id
       FROM queue_tickets t JOIN queue_services s ON s.id = t.service_id WHERE t.id = ?`,
    )
    .get(ticketId) as TicketRow | undefined;
}

const ratable = (t: TicketRow): RatableTicket => ({
  ticketId: t.id,
  code: t.code,
  serviceName: t.service_name,
  serviceNameEn: t.service_name_en,
  counterId: t.counter_id!,
  finishedAt: t.finished_at!,
});

/**
 * Until when a ticket finished at `finishedAt` may be rated: setting `ratings.windowHours` hours
 * after 办结, or with 0 (the default) until the end of that local day on the center's clock.
 */
export function ratingDeadline(db: Db, finishedAt: string): Date {
  const hours = readSetting(db, 'ratings.windowHours');
  if (hours > 0) return new Date(Date.parse(finishedAt) + hours * 3_600_000);
  const zone = centerTimeZone(db);
  const day = localDate(new Date(finishedAt), zone);
  const next = new Date(startOfLocalDay(day, zone).getTime() + 36 * 3_600_000);
  return startOfLocalDay(localDate(next, zone), zone);
}

/** The ticket last finished at this counter (for the 评价器 event), or null. */
export function lastFinishedAt(db: Db, counterId: number): RatableTicket | null {
  const row = db.prepare(`SELECT id FROM queue_tickets WHERE counter_id = ? AND status = 'finished' ORDER BY finished_at DESC, id DESC LIMIT 1`).get(counterId) as
    { id: number } | undefined;
  const t = row && ticketRow(db, row.id);
  return t ? ratable(t) : null;
}

/** How long after 办结 a 评价器 that (re)opens still offers the ticket: the resident is still at the counter. */
export const RATER_OFFER_MINUTES = 10;

/** What a 评价器 shows when it opens or reconnects: the counter's last finished ticket if it is still unrated and fresh. */
export function pendingForCounter(db: Db, counterId: number, now: Date): RatableTicket | null {
  const last = lastFinishedAt(db, counterId);
  if (!last) return null;
  if (now.getTime() - Date.parse(last.finishedAt) > RATER_OFFER_MINUTES * 60_000) return null;
  if (now > ratingDeadline(db, last.finishedAt)) return null;
  return ratedTicket(db, last.ticketId) ? null : last;
}

function ratedTicket(db: Db, ticketId: number): boolean {
  return db.prepare('SELECT 1 FROM service_ratings WHERE ticket_id = ?').get(ticketId) !== undefined;
}

/** Every rule a rating must pass for this ticket and this source; throws the first that fails. */
function checkRatable(db: Db, ticketId: number, who: RatingSource, now: Date): TicketRow {
  if (who.staffDevice) throw new ApiError('RATING_STAFF_DEVICE');
  const t = ticketRow(db, ticketId);
  if (!t) throw new ApiError('RATING_TICKET_UNKNOWN');
  if (t.status !== 'finished' || !t.finished_at || t.counter_id === null) throw new ApiError('RATING_NOT_FINISHED', { code: t.code });
  if (who.raterCounterId != null && who.raterCounterId !== t.counter_id) throw new ApiError('RATING_WRONG_COUNTER', { code: t.code });
  if (who.staffId != null && who.staffId === t.served_by) throw new ApiError('RATING_OWN_SERVICE');
  if (ratedTicket(db, t.id)) throw new ApiError('RATING_ALREADY', { code: t.code });
  if (now > ratingDeadline(db, t.finished_at)) throw new ApiError('RATING_EXPIRED', { code: t.code });
  return t;
}

/** The kiosk's ticket scan: the ticket if it may be rated now (the same checks as submitting). */
export function ticketToRate(db: Db, ticketId: number, who: RatingSource, now: Date): RatableTicket {
  return ratable(checkRatable(db, ticketId, who, now));
}

/** Records one rating (一次一评). A bad one needs a quick reason or a typed one, and opens a follow-up. */
export function submitRating(db: Db, input: RatingInput, who: RatingSource, now: Date): { id: number; followUp: boolean } {
  return db
    .transaction(() => {
      const t = checkRatable(db, input.ticketId, who, now);
      const text = input.reasonText?.trim() || null;
      const bad = isBadRating(input.level);
      if (bad && input.reasons.length === 0 && !text) throw new ApiError('RATING_REASON_REQUIRED');
      const id = Number(
        db
          .prepare(
            `INSERT INTO service_ratings (ticket_id, service_id, counter_id, staff_id, level, reasons, reason_text, source, rated_at, follow_up)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(t.id, t.service_id, t.counter_id, t.served_by, input.level, JSON.stringify(input.reasons), text, who.source, now.toISOString(), bad ? 'open' : null).lastInsertRowid,
      );
      return { id, followUp: bad };
    })
    .immediate();
}

/** One rating as the staff ratings page lists it (the resident is never named: a ticket has no name). */
export interface RatingView {
  id: number;
  ticketId: number;
  ticketCode: string;
  day: string;
  serviceId: number;
  serviceName: string;
  serviceNameEn: string;
  counterName: string | null;
  staffId: number | null;
  staffName: string | null;
  level: number;
  reasons: RatingReasonCode[];
  reasonText: string | null;
  source: string;
  ratedAt: string;
  followUp: 'open' | 'done' | null;
  followedUpAt: string | null;
  followedUpByName: string | null;
  followUpNote: string | null;
}

export interface RatingFilter {
  /** 'open' / 'done': bad ratings by follow-up state; 'bad': every bad one; 'all': every rating. */
  show: 'open' | 'done' | 'bad' | 'all';
  serviceId?: number | null;
  staffId?: number | null;
  /** Local days, inclusive. */
  from?: string | null;
  to?: string | null;
  limit?: number;
  /** One rating by id (whatever `show` says). */
  id?: number;
}

interface RatingRow {
  id: number;
  ticket_id: number;
  code: string;
  day: string;
  service_id: number;
  service_name: string;
  service_name_en: string;
  counter_name: string | null;
  staff_id: number | null;
  staff_name: string | null;
  level: number;
  reasons: string;
  reason_text: string | null;
  source: string;
  rated_at: string;
  follow_up: 'open' | 'done' | null;
  followed_up_at: string | null;
  followed_up_by_name: string | null;
  follow_up_note: string | null;
}

export function listRatings(db: Db, f: RatingFilter): RatingView[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: Math.min(f.limit ?? 200, 1000) };
  if (f.id) {
    where.push('r.id = :id');
    params.id = f.id;
  } else if (f.show === 'open' || f.show === 'done') {
    where.push('r.follow_up = :fu');
    params.fu = f.show;
  } else if (f.show === 'bad') where.push('r.follow_up IS NOT NULL');
  if (f.serviceId) {
    where.push('r.service_id = :service');
    params.service = f.serviceId;
  }
  if (f.staffId) {
    where.push('r.staff_id = :staff');
    params.staff = f.staffId;
  }
  if (f.from) {
    where.push('t.day >= :from');
    params.from = f.from;
  }
  if (f.to) {
    where.push('t.day <= :to');
    params.to = f.to;
  }
  const rows = db
    .prepare(
      `SELECT r.*, t.code, t.day, s.name AS service_name, s.name_en AS service_name_en, c.name AS counter_name, st.name AS staff_name, fb.name AS followed_up_by_name
       FROM service_ratings r JOIN queue_tickets t ON t.id = r.ticket_id JOIN queue_services s ON s.id = r.service_id
       LEFT JOIN queue_counters c ON c.id = r.counter_id LEFT JOIN staff st ON st.id = r.staff_id LEFT JOIN staff fb ON fb.id = r.followed_up_by
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.rated_at DESC, r.id DESC LIMIT :limit`,
    )
    .all(params) as RatingRow[];
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticket_id,
    ticketCode: r.code,
    day: r.day,
    serviceId: r.service_id,
    serviceName: r.service_name,
    serviceNameEn: r.service_name_en,
    counterName: r.counter_name,
    staffId: r.staff_id,
    staffName: r.staff_name,
    level: r.level,
    reasons: JSON.parse(r.reasons) as RatingReasonCode[],
    reasonText: r.reason_text,
    source: r.source,
    ratedAt: r.rated_at,
    followUp: r.follow_up,
    followedUpAt: r.followed_up_at,
    followedUpByName: r.followed_up_by_name,
    followUpNote: r.follow_up_note,
  }));
}

/** Open follow-ups (bad ratings not yet followed up), for the staff nav badge and the dashboard card. */
export function countOpenFollowUps(db: Db): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM service_ratings WHERE follow_up = 'open'`).get() as { n: number }).n;
}

/** 已回访: staff record what they did about a bad rating. Once: a done follow-up is not overwritten. */
export function markFollowedUp(db: Db, id: number, staffId: number, note: string, now: Date): void {
  db.transaction(() => {
    const r = db.prepare('SELECT follow_up FROM service_ratings WHERE id = ?').get(id) as { follow_up: string | null } | undefined;
    if (!r) throw new ApiError('NOT_FOUND');
    if (r.follow_up === null) throw new ApiError('RATING_NO_FOLLOW_UP');
    if (r.follow_up === 'done') throw new ApiError('RATING_FOLLOW_UP_DONE');
    db.prepare(`UPDATE service_ratings SET follow_up = 'done', followed_up_at = ?, followed_up_by = ?, follow_up_note = ? WHERE id = ?`).run(now.toISOString(), staffId, note, id);
  })();
}

/**
 * Erasure (residents' retention and erasure rules): a typed reason on a rating of this resident's
 * tickets may name them; it goes. The level and the quick reasons stay for the figures.
 */
export function eraseRatingTextOf(db: Db, residentId: number): number {
  return db
    .prepare('UPDATE service_ratings SET reason_text = NULL WHERE reason_text IS NOT NULL AND ticket_id IN (SELECT id FROM queue_tickets WHERE resident_id = ?)')
    .run(residentId).changes;
}
