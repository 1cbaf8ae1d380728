import { recordAudit } from '../../audit.js';
import { ApiError } from '../../errors/index.js';
import { cardHolder } from '../../queue/priority.js';
import { answerSuggestion, getSuggestion, listSuggestions, moveSuggestion, publicSuggestions, submitSuggestion, suggestionEvents } from '../../requests/suggestions.js';
import type { suggestionsOperations } from '../contract/suggestions.js';
import { requireSession, type CallContext, type Handlers } from './types.js';

/** The resident behind a scanned service card, or CARD_INVALID; no card = anonymous. */
async function holderOf(ctx: CallContext, cardPayload: string | undefined): Promise<{ residentId: number; maskedName: string } | null> {
  if (!cardPayload) return null;
  const holder = await cardHolder(ctx.db, cardPayload, ctx.now);
  if (!holder) throw new ApiError('CARD_INVALID');
  return holder;
}

export const suggestionsHandlers: Handlers<keyof typeof suggestionsOperations> = {
  'suggestions.submit': async (ctx, { text, cardPayload }) => {
    const holder = await holderOf(ctx, cardPayload);
    const id = submitSuggestion(ctx.db, { text, channel: 'kiosk', residentId: holder?.residentId ?? null }, ctx.now);
    ctx.emit({ type: 'suggestions.changed' });
    return { id, maskedName: holder?.maskedName ?? null };
  },
  'suggestions.enter': async (ctx, { text, cardPayload }) => {
    const staffId = requireSession(ctx).staff.id;
    const holder = await holderOf(ctx, cardPayload);
    const id = ctx.db.transaction(() => {
      const id = submitSuggestion(ctx.db, { text, channel: 'desk', residentId: holder?.residentId ?? null, enteredBy: staffId }, ctx.now);
      recordAudit(ctx.db, { staffId, action: 'suggestions.enter', subject: `suggestion:${id}`, detail: holder ? { resident: holder.residentId } : undefined }, ctx.now);
      return id;
    })();
    ctx.emit({ type: 'suggestions.changed' });
    return getSuggestion(ctx.db, id);
  },
  // The list leaves out the text of identified suggestions: reading one is opening it (audited below).
  'suggestions.list': (ctx, { status }) => ({
    suggestions: listSuggestions(ctx.db, { status: status ?? null }).map((s) => (s.identified ? { ...s, text: null, residentId: null } : s)),
  }),
  'suggestions.get': (ctx, { id }) => {
    const suggestion = getSuggestion(ctx.db, id);
    if (suggestion.identified) {
      // Like a resident profile: who read an identified person's words, and when (PIPL).
      recordAudit(ctx.db, { staffId: requireSession(ctx).staff.id, action: 'suggestions.view', subject: `resident:${suggestion.residentId}`, detail: { suggestion: id } }, ctx.now);
    }
    return { suggestion, events: suggestionEvents(ctx.db, id) };
  },
  'suggestions.move': (ctx, { id, to }) => {
    const staffId = requireSession(ctx).staff.id;
    const s = moveSuggestion(ctx.db, id, to, staffId, ctx.now);
    ctx.emit({ type: 'suggestions.changed' });
    return s;
  },
  'suggestions.answer': (ctx, { id, answer, publicText }) => {
    const staffId = requireSession(ctx).staff.id;
    const s = answerSuggestion(ctx.db, id, { answer, publicText }, staffId, ctx.now);
    ctx.emit({ type: 'suggestions.changed' });
    return s;
  },
  'suggestions.public': (ctx) => publicSuggestions(ctx.db),
};
