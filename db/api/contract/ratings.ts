import { z } from 'zod';
import { defineOp } from './define.js';
import type { RatableTicket, RatingReasonCode, RatingView } from '../../requests/ratings.js';

export type { RatableTicket, RatingReasonCode, RatingView } from '../../requests/ratings.js';

/** Quick reasons offered with a bad rating; kept here (a shared pure module) so the screens list the same codes. */
export const ratingReasons = ['wait', 'attitude', 'unclear', 'notSolved', 'paperwork', 'other'] as const satisfies readonly RatingReasonCode[];

const id = z.number().int().positive();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid');

/** What a 评价器 loads on open and after every reconnect: its counter and the ticket waiting for a rating, if any. */
export interface RaterState {
  counter: { id: number; number: number; name: string } | null;
  ticket: RatableTicket | null;
}

export const ratingsOperations = {
  'ratings.pending': defineOp<RaterState>()({
    summary: '评价器: its counter and the ticket just finished there, if still unrated (a 评价器 always gets its own counter; others name one).',
    input: z.object({ counterId: id.optional() }).strict(),
    role: 'public',
    errors: ['NOT_FOUND'],
  }),
  'ratings.ticket': defineOp<RatableTicket>()({
    summary: '好差评 at the kiosk: the scanned ticket QR, if that ticket may be rated now.',
    input: z.object({ ticketQr: z.string().trim().min(1, 'required').max(100, 'invalid') }).strict(),
    role: 'public',
    errors: ['RATING_TICKET_UNKNOWN', 'RATING_NOT_FINISHED', 'RATING_ALREADY', 'RATING_EXPIRED', 'RATING_WRONG_COUNTER', 'RATING_OWN_SERVICE', 'RATING_STAFF_DEVICE'],
  }),
  'ratings.submit': defineOp<{ id: number; followUp: boolean }>()({
    summary: '好差评: one rating of a finished ticket on the five-level scale; 不满意 and below need a reason and open a follow-up.',
    input: z
      .object({
        ticketId: id,
        level: z.number().int('invalid').min(1, 'invalid').max(5, 'invalid'),
        reasons: z.array(z.enum(ratingReasons)).max(ratingReasons.length, 'invalid').default([]),
        reasonText: z.string().max(200, 'ratingReasonText').optional(),
      })
      .strict(),
    role: 'public',
    errors: [
      'RATING_TICKET_UNKNOWN',
      'RATING_NOT_FINISHED',
      'RATING_ALREADY',
      'RATING_EXPIRED',
      'RATING_WRONG_COUNTER',
      'RATING_OWN_SERVICE',
      'RATING_STAFF_DEVICE',
      'RATING_REASON_REQUIRED',
    ],
  }),
  'ratings.list': defineOp<{ ratings: RatingView[]; openFollowUps: number }>()({
    summary: 'Staff: ratings (by default the open follow-ups of bad ones), filtered by service, staff member and local days.',
    input: z
      .object({
        show: z.enum(['open', 'done', 'bad', 'all']).default('open'),
        serviceId: id.optional(),
        staffId: id.optional(),
        from: day.optional(),
        to: day.optional(),
      })
      .strict(),
    role: 'staff',
  }),
  'ratings.followUp': defineOp<RatingView>()({
    summary: 'Staff: mark a bad rating followed up (已回访) with a note of what was done.',
    input: z.object({ id, note: z.string().trim().min(2, 'followUpNote').max(300, 'followUpNote') }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'RATING_NO_FOLLOW_UP', 'RATING_FOLLOW_UP_DONE'],
  }),
} as const;
