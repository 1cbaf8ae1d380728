import { recordAudit } from '../../audit.js';
import { ApiError } from '../../errors/index.js';
import { getCounter } from '../../queue/config.js';
import { parseTicketQr } from '../../queue/ticketQr.js';
import { countOpenFollowUps, listRatings, markFollowedUp, pendingForCounter, submitRating, ticketToRate, type RatingSource } from '../../requests/ratings.js';
import type { ratingsOperations } from '../contract/ratings.js';
import { requireSession, type CallContext, type Handlers } from './types.js';

/** Who is rating, from the transport: a 评价器 (bound to its counter), a kiosk, or the host; with any staff session it carries. */
function ratingSource(ctx: CallContext): RatingSource {
  const caller = ctx.caller ?? { kind: 'host' as const };
  const staffId = ctx.session?.staff.id ?? null;
  if (caller.kind === 'terminal') {
    const t = caller.terminal;
    if (t.role === 'rater') return { source: `rater:${t.id}`, raterCounterId: t.counterId, staffId };
    return { source: `kiosk:${t.id}`, staffId, staffDevice: t.role === 'counter' };
  }
  return { source: 'kiosk:host', staffId };
}

export const ratingsHandlers: Handlers<keyof typeof ratingsOperations> = {
  'ratings.pending': (ctx, { counterId }) => {
    const caller = ctx.caller;
    // A 评价器 is bound to its counter: whatever it asks, it gets that one.
    const bound = caller?.kind === 'terminal' && caller.terminal.role === 'rater' ? caller.terminal.counterId : null;
    const id = bound ?? counterId;
    if (!id) throw new ApiError('NOT_FOUND');
    const counter = getCounter(ctx.db, id);
    if (!counter) throw new ApiError('NOT_FOUND');
    return { counter: { id: counter.id, number: counter.number, name: counter.name }, ticket: pendingForCounter(ctx.db, counter.id, ctx.now) };
  },
  'ratings.ticket': (ctx, { ticketQr }) => {
    const ticketId = parseTicketQr(ticketQr);
    if (ticketId === null) throw new ApiError('RATING_TICKET_UNKNOWN');
    return ticketToRate(ctx.db, ticketId, ratingSource(ctx), ctx.now);
  },
  'ratings.submit': (ctx, input) => {
    const r = submitRating(ctx.db, input, ratingSource(ctx), ctx.now);
    ctx.emit({ type: 'ratings.changed' });
    return r;
  },
  'ratings.list': (ctx, filter) => ({ ratings: listRatings(ctx.db, filter), openFollowUps: countOpenFollowUps(ctx.db) }),
  'ratings.followUp': (ctx, { id, note }) => {
    const staffId = requireSession(ctx).staff.id;
    ctx.db.transaction(() => {
      markFollowedUp(ctx.db, id, staffId, note, ctx.now);
      recordAudit(ctx.db, { staffId, action: 'ratings.followUp', subject: `rating:${id}` }, ctx.now);
    })();
    ctx.emit({ type: 'ratings.changed' });
    return listRatings(ctx.db, { show: 'all', id })[0]!;
  },
};
