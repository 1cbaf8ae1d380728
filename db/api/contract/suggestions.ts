import { z } from 'zod';
import { defineOp } from './define.js';
import type { PublicSuggestion, SuggestionEvent, SuggestionStatus, SuggestionView } from '../../requests/suggestions.js';

export type { PublicSuggestion, SuggestionEvent, SuggestionStatus, SuggestionView } from '../../requests/suggestions.js';

export const suggestionStatusList = ['new', 'reviewing', 'adopted', 'declined', 'implemented'] as const satisfies readonly SuggestionStatus[];

const id = z.number().int().positive();
/** Long enough for any idea; empty text is the domain's SUGGESTION_EMPTY, too long its SUGGESTION_TOO_LONG. */
const text = z.string().max(2000, 'suggestionText');
const card = z.string().trim().min(1, 'required').max(500, 'invalid');

export const suggestionsOperations = {
  'suggestions.submit': defineOp<{ id: number; maskedName: string | null }>()({
    summary: '金点子 at the kiosk: anonymous, or with the service card scanned (the masked name is shown back).',
    input: z.object({ text, cardPayload: card.optional() }).strict(),
    role: 'public',
    errors: ['SUGGESTION_EMPTY', 'SUGGESTION_TOO_LONG', 'CARD_INVALID'],
  }),
  'suggestions.enter': defineOp<SuggestionView>()({
    summary: '金点子 entered at the desk by staff (anonymous, or for a resident by card).',
    input: z.object({ text, cardPayload: card.optional() }).strict(),
    role: 'staff',
    errors: ['SUGGESTION_EMPTY', 'SUGGESTION_TOO_LONG', 'CARD_INVALID'],
  }),
  'suggestions.list': defineOp<{ suggestions: SuggestionView[] }>()({
    summary: 'Staff: suggestions by state, newest first; the text of an identified one is left out (open it: that view is audited).',
    input: z.object({ status: z.enum(suggestionStatusList).optional() }).strict(),
    role: 'staff',
  }),
  'suggestions.get': defineOp<{ suggestion: SuggestionView; events: SuggestionEvent[] }>()({
    summary: 'Staff: one suggestion with its history; viewing an identified one is written to the audit log.',
    input: z.object({ id }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND'],
  }),
  'suggestions.move': defineOp<SuggestionView>()({
    summary: 'Manager: 待评估 · 评估中 · 已采纳 · 未采纳 · 已落实 (each change an event row).',
    input: z.object({ id, to: z.enum(suggestionStatusList) }).strict(),
    role: 'admin',
    errors: ['NOT_FOUND', 'SUGGESTION_MOVE_NOT_ALLOWED'],
  }),
  'suggestions.answer': defineOp<SuggestionView>()({
    summary: 'Manager: publish the answer and the public wording shown on the kiosk’s list of adopted ideas.',
    input: z.object({ id, answer: z.string().max(500, 'suggestionAnswer'), publicText: z.string().max(500, 'suggestionAnswer') }).strict(),
    role: 'admin',
    errors: ['NOT_FOUND', 'SUGGESTION_ANSWER_EMPTY'],
  }),
  'suggestions.public': defineOp<PublicSuggestion[]>()({
    summary: 'The public list of adopted ideas with the published answer (kiosk and, when turned on, the hall display). No names.',
    input: z.object({}).strict(),
    role: 'public',
  }),
} as const;
