import { recordAudit } from '../../audit.js';
import { callNext, callView, closeCurrent, counterState, recallTicket, recentCalls, requeueTicket, transferCurrent } from '../../queue/calls.js';
import { queueClock, type QueueClock } from '../../queue/clock.js';
import { listCounters, listServices, saveCounter, saveService, setCounterPaused } from '../../queue/config.js';
import { isWithinHours, localClock } from '../../localTime.js';
import {
  attachCard,
  closeExpiredTickets,
  countWaiting,
  estimateWaitMinutes,
  issueTicket,
  listTodayTickets,
  openTicketIdsOf,
  setTicketPrintJob,
  viewTicket,
} from '../../queue/tickets.js';
import { ApiError } from '../../errors/index.js';
import type { ServiceLine, TicketView } from '../../queue/types.js';
import type { QueueTicketData } from '../../printing/layouts/queueTicket.js';
import { readSettings } from '../../settings.js';
import type { queueOperations } from '../contract/queue.js';
import { cardHolder, decidePriority, ticketResident } from '../../queue/priority.js';
import { ticketSource } from '../../queue/takeLimit.js';
import { ticketQrPayload } from '../../queue/ticketQr.js';
import { requireSession, type CallContext, type Handlers } from './types.js';
import { lastFinishedAt } from '../../requests/ratings.js';

function clockOf(ctx: CallContext): QueueClock {
  return queueClock(ctx.db, ctx.now);
}

function lines(ctx: CallContext): ServiceLine[] {
  const clock = clockOf(ctx);
  closeExpiredTickets(ctx.db, clock);
  return listServices(ctx.db, { activeOnly: true }).map((s) => {
    const waiting = countWaiting(ctx.db, s.id, clock.day);
    return {
      id: s.id,
      name: s.name,
      nameEn: s.nameEn,
      prefix: s.prefix,
      waiting,
      waitMinutes: estimateWaitMinutes(ctx.db, s.id, waiting, clock),
      open: isWithinHours(clock.time, s.opensAt, s.closesAt),
      opensAt: s.opensAt,
      closesAt: s.closesAt,
    };
  });
}

function ticketPrintData(ticket: TicketView, timeZone: string): QueueTicketData {
  const local = localClock(new Date(ticket.issuedAt), timeZone);
  return {
    code: ticket.code,
    service: ticket.serviceName,
    ahead: ticket.ahead,
    waitMinutes: ticket.waitMinutes,
    issuedAt: ticket.issuedAt,
    issuedLocal: `${local.day} ${local.time}`,
    priority: ticket.priority,
    qr: ticketQrPayload(ticket.id),
  };
}

/** Sends the ticket to the ticket printer; the job id stays on the ticket for 重新打印. */
function submitTicketPrint(ctx: CallContext, ticket: TicketView): number {
  const { jobId } = ctx.print.submit({ jobType: 'ticket', layoutId: 'queueTicket', data: ticketPrintData(ticket, readSettings(ctx.db)['queue.timezone']) });
  setTicketPrintJob(ctx.db, ticket.id, jobId);
  return jobId;
}

/** At the kiosk: print unless no ticket printer is chosen (then the screen is the ticket). */
function printTicket(ctx: CallContext, ticket: TicketView): number | null {
  if (readSettings(ctx.db)['printing.targets'].ticket.kind === 'none') return null;
  return submitTicketPrint(ctx, ticket);
}

/**
 * A counter action: run it, tell the screens, hand back the counter's new state. Not written to
 * the audit log: queue_ticket_events already records every step with its counter and time.
 */
function counterAction(ctx: CallContext, counterId: number, run: (clock: QueueClock) => number, announce: false | 'call' | 'recall') {
  const clock = clockOf(ctx);
  const ticketId = run(clock);
  if (announce) ctx.emit({ type: 'queue.called', call: callView(ctx.db, ticketId, announce === 'recall', clock.at) });
  ctx.emit({ type: 'queue.changed' });
  return counterState(ctx.db, counterId, clock);
}

/** The signed-in staff member at the counter: recorded on the ticket's events and as the one who served it. */
const staffOf = (ctx: CallContext): number | null => ctx.session?.staff.id ?? null;

/** 办结: the counter's 评价器 (and a kiosk) may now take the resident's rating of this ticket. */
function afterFinish(ctx: CallContext, counterId: number): void {
  const ready = lastFinishedAt(ctx.db, counterId);
  if (ready) ctx.emit({ type: 'rating.ready', ...ready });
}

export const queueHandlers: Handlers<keyof typeof queueOperations> = {
  'queue.screenSettings': ({ db }) => {
    const s = readSettings(db);
    return { 'queue.timezone': s['queue.timezone'], 'display.voice': s['display.voice'], 'display.layout': s['display.layout'], 'display.notices': s['display.notices'] };
  },
  'queue.lines': (ctx) => lines(ctx),
  'queue.take': async (ctx, { serviceId, cardPayload }) => {
    const clock = clockOf(ctx);
    const priority = cardPayload ? await decidePriority(ctx.db, cardPayload, ctx.now) : { priority: false, residentId: null };
    const id = issueTicket(ctx.db, { serviceId, ...priority, source: ticketSource(ctx.caller) }, clock);
    ctx.emit({ type: 'queue.changed' });
    const ticket = viewTicket(ctx.db, id, clock);
    try {
      // Viewed again after printing: the job id and its status are on the ticket now.
      if (printTicket(ctx, ticket)) return viewTicket(ctx.db, id, clock);
    } catch (err) {
      // The number is already the resident's: a printing problem must never take it away.
      console.error('[queue] ticket print not submitted', err);
    }
    return ticket;
  },
  'queue.card': async (ctx, { cardPayload }) => {
    const holder = await cardHolder(ctx.db, cardPayload, ctx.now);
    if (!holder) throw new ApiError('CARD_INVALID');
    const clock = clockOf(ctx);
    closeExpiredTickets(ctx.db, clock);
    const tickets = openTicketIdsOf(ctx.db, holder.residentId, clock).map((id) => viewTicket(ctx.db, id, clock));
    return { maskedName: holder.maskedName, priority: holder.priority, tickets };
  },
  'queue.attachCard': async (ctx, { ticketId, cardPayload }) => {
    const holder = await cardHolder(ctx.db, cardPayload, ctx.now);
    if (!holder) throw new ApiError('CARD_INVALID');
    const clock = clockOf(ctx);
    attachCard(ctx.db, ticketId, holder, ticketSource(ctx.caller), clock);
    ctx.emit({ type: 'queue.changed' });
    return viewTicket(ctx.db, ticketId, clock);
  },
  'queue.ticket': (ctx, { id }) => viewTicket(ctx.db, id, clockOf(ctx)),
  'queue.myTickets': (ctx, { cardPayload }) => {
    const holder = ticketResident(ctx.db, cardPayload, ctx.now);
    if (!holder) throw new ApiError('CARD_INVALID');
    const clock = clockOf(ctx);
    closeExpiredTickets(ctx.db, clock);
    return openTicketIdsOf(ctx.db, holder.residentId, clock).map((id) => viewTicket(ctx.db, id, clock));
  },
  'queue.display': (ctx) => {
    const clock = clockOf(ctx);
    closeExpiredTickets(ctx.db, clock);
    const recent = recentCalls(ctx.db, clock, 9);
    return { current: recent[0] ?? null, recent: recent.slice(1), lines: lines(ctx) };
  },
  'queue.counters': (ctx) => {
    const clock = clockOf(ctx);
    return listCounters(ctx.db, { activeOnly: true }).map((c) => counterState(ctx.db, c.id, clock));
  },
  'queue.tickets': (ctx) => {
    const clock = clockOf(ctx);
    closeExpiredTickets(ctx.db, clock);
    return listTodayTickets(ctx.db, clock);
  },
  'queue.callNext': (ctx, { counterId }) => counterAction(ctx, counterId, (c) => callNext(ctx.db, counterId, c, staffOf(ctx)), 'call'),
  'queue.recall': (ctx, { counterId }) => counterAction(ctx, counterId, (c) => recallTicket(ctx.db, counterId, c, staffOf(ctx)), 'recall'),
  'queue.noShow': (ctx, { counterId }) => counterAction(ctx, counterId, (c) => closeCurrent(ctx.db, counterId, 'no_show', c, staffOf(ctx)), false),
  'queue.finish': (ctx, { counterId }) => {
    const state = counterAction(ctx, counterId, (c) => closeCurrent(ctx.db, counterId, 'finished', c, staffOf(ctx)), false);
    afterFinish(ctx, counterId);
    return state;
  },
  'queue.transfer': (ctx, { counterId, serviceId }) => counterAction(ctx, counterId, (c) => transferCurrent(ctx.db, counterId, serviceId, c, staffOf(ctx)), false),
  'queue.requeue': (ctx, { ticketId }) => {
    const clock = clockOf(ctx);
    requeueTicket(ctx.db, ticketId, clock);
    recordAudit(ctx.db, { staffId: requireSession(ctx).staff.id, action: 'queue.requeue', subject: String(ticketId) }, ctx.now);
    ctx.emit({ type: 'queue.changed' });
    return viewTicket(ctx.db, ticketId, clock);
  },
  'queue.pause': (ctx, { counterId, paused }) => {
    setCounterPaused(ctx.db, counterId, paused);
    recordAudit(ctx.db, { staffId: requireSession(ctx).staff.id, action: paused ? 'queue.pause' : 'queue.resume', subject: String(counterId) }, ctx.now);
    ctx.emit({ type: 'queue.changed' });
    return counterState(ctx.db, counterId, clockOf(ctx));
  },
  'queue.reprint': (ctx, { ticketId }) => {
    const clock = clockOf(ctx);
    const ticket = viewTicket(ctx.db, ticketId, clock);
    const jobId = submitTicketPrint(ctx, ticket);
    recordAudit(ctx.db, { staffId: requireSession(ctx).staff.id, action: 'queue.reprint', subject: String(ticketId), detail: { jobId } }, ctx.now);
    ctx.emit({ type: 'queue.changed' });
    return viewTicket(ctx.db, ticketId, clock);
  },
  'queue.config': (ctx) => ({ services: listServices(ctx.db), counters: listCounters(ctx.db) }),
  'queue.saveService': (ctx, input) => {
    const service = saveService(ctx.db, input);
    recordAudit(ctx.db, { staffId: requireSession(ctx).staff.id, action: 'queue.saveService', subject: String(service.id), detail: input }, ctx.now);
    ctx.emit({ type: 'queue.changed' });
    return service;
  },
  'queue.saveCounter': (ctx, input) => {
    const counter = saveCounter(ctx.db, input);
    recordAudit(ctx.db, { staffId: requireSession(ctx).staff.id, action: 'queue.saveCounter', subject: String(counter.id), detail: input }, ctx.now);
    ctx.emit({ type: 'queue.changed' });
    return counter;
  },
};
