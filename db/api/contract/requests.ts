import { z } from 'zod';
import { defineOp } from './define.js';
import { kioskIdentity } from './residents.js';
import { phoneSchema } from '../../residents/schema.js';
import type { BoardRow, InboxView, PublicRequestView, RequestCase, RequestCategory, RequestHandler, SubmittedRequest } from '../../requests/types.js';

export type * from '../../requests/types.js';
export { RATING_SCALE, BAD_RATING_MAX } from '../../requests/scale.js';

/**
 * 接诉即办 (issue 17). Kiosk operations are `public` (a kiosk terminal may call them; a hall display
 * may not — db/terminals/access.ts lets it call only `requests.board`); everything that shows a
 * request's text or changes a case is `staff`, categories are the manager's.
 */
const id = z.number().int().positive();
const level = z.enum(['green', 'yellow', 'red']);
const states = ['new', 'triaged', 'assigned', 'paused_resident', 'paused_external', 'resolved', 'revisit', 'closed'] as const;
const description = z.string().trim().min(1, 'requestDescription').max(500, 'requestDescription');
const reason = z.string().trim().min(2, 'requestReason').max(200, 'requestReason');
const code = z.string().trim().min(1, 'required').max(200, 'invalid');
const icon = z.enum(['parking', 'cleaning', 'meal', 'doctor', 'house', 'transport', 'neighbours', 'other']);
const caseInput = z.object({ id }).strict();
const stateErrors = ['REQUEST_NOT_FOUND', 'REQUEST_STATE'] as const;

export const categoryInputSchema = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1, 'requestCategoryName').max(30, 'requestCategoryName'),
    nameEn: z.string().trim().max(60, 'invalid').default(''),
    icon,
    phrases: z.array(z.string().trim().min(1, 'requestPhrase').max(30, 'requestPhrase')).max(12, 'requestPhrase').default([]),
    deadlineHours: z.number().int('requestDeadlineHours').min(1, 'requestDeadlineHours').max(720, 'requestDeadlineHours').default(48),
    active: z.boolean().default(true),
    sort: z.number().int('invalid').min(0, 'invalid').max(999, 'invalid').default(0),
  })
  .strict();

export const handlerInputSchema = z
  .object({
    id: id.optional(),
    kind: z.enum(['grid', 'informant', 'property', 'merchant', 'department']),
    name: z.string().trim().min(1, 'requestHandlerName').max(30, 'requestHandlerName'),
    phone: z.string().trim().max(20, 'invalid').nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();

export interface HandlerOptions {
  outside: RequestHandler[];
  staff: Array<{ id: number; name: string }>;
}

export const requestsOperations = {
  'requests.categories': defineOp<RequestCategory[]>()({
    summary: '我要反映: the categories offered at the kiosk, with their icons and quick phrases.',
    input: z.object({}).strict(),
    role: 'public',
  }),
  'requests.kiosk.submit': defineOp<SubmittedRequest>()({
    summary: '我要反映 at the kiosk: identified by card, or phone + proof as at check-in; prints the receipt (or the screen is the receipt).',
    input: z
      .object({
        categoryId: id,
        description,
        callbackPhone: phoneSchema.optional(),
        who: kioskIdentity,
      })
      .strict(),
    role: 'public',
    errors: ['REQUEST_CATEGORY_UNKNOWN', 'RESIDENT_NOT_FOUND', 'CARD_INVALID', 'RESIDENT_PROOF_NEEDED', 'RESIDENT_PROOF_WRONG', 'RESIDENT_PROOF_LOCKED', 'KIOSK_LOOKUP_LIMITED'],
  }),
  'requests.kiosk.status': defineOp<PublicRequestView[]>()({
    summary: 'A scanned receipt (one request) or service card (the holder’s recent requests): stage and published answer only. Guessing is rate-limited.',
    input: z.object({ code }).strict(),
    role: 'public',
    errors: ['REQUEST_NOT_FOUND', 'CARD_INVALID', 'RESIDENT_NOT_FOUND', 'KIOSK_LOOKUP_LIMITED'],
  }),
  'requests.kiosk.rate': defineOp<PublicRequestView>()({
    summary: '评单: the five-level rating of a result, once; 不满意 and below need a reason and reopen the case as a 回访.',
    input: z
      .object({
        code,
        /** With a card: which of the holder's requests (its number). */
        number: z.string().trim().max(20, 'invalid').optional(),
        rating: z.number().int('invalid').min(1, 'invalid').max(5, 'invalid'),
        reason: z.string().trim().max(200, 'requestRatingReason').optional(),
      })
      .strict(),
    role: 'public',
    errors: ['REQUEST_NOT_FOUND', 'REQUEST_NOT_RATABLE', 'REQUEST_ALREADY_RATED', 'REQUEST_NOT_YOURS', 'CARD_INVALID', 'RESIDENT_NOT_FOUND', 'KIOSK_LOOKUP_LIMITED'],
  }),
  'requests.board': defineOp<{ enabled: boolean; rows: BoardRow[] }>()({
    summary: 'The hall display’s anonymous board (number, category, stage) when the manager has turned it on; no text, no names.',
    input: z.object({}).strict(),
    role: 'public',
  }),
  'requests.inbox': defineOp<InboxView>()({
    summary: 'The staff inbox: new first, filters by state, level, category and timing; colours from each deadline.',
    input: z
      .object({
        state: z.enum([...states, 'open', 'all']).default('open'),
        level: z.enum(['green', 'yellow', 'red', 'none']).optional(),
        categoryId: id.optional(),
        timing: z.enum(['overdue', 'dueSoon']).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    role: 'staff',
  }),
  'requests.get': defineOp<RequestCase>()({
    summary: 'One case with its text and timeline; every opening is audited (requests.view), like a resident profile.',
    input: caseInput,
    role: 'staff',
    errors: ['REQUEST_NOT_FOUND'],
  }),
  'requests.byCode': defineOp<{ id: number }>()({
    summary: 'A 派单单 or receipt QR scanned at the desk: which case it is.',
    input: z.object({ code }).strict(),
    role: 'staff',
    errors: ['REQUEST_NOT_FOUND'],
  }),
  'requests.create': defineOp<SubmittedRequest>()({
    summary: 'A request taken at the desk (phone call, walk-in), optionally for a registered resident.',
    input: z.object({ residentId: id.optional(), categoryId: id, description, callbackPhone: phoneSchema.optional(), print: z.boolean().default(false) }).strict(),
    role: 'staff',
    errors: ['REQUEST_CATEGORY_UNKNOWN', 'NOT_FOUND'],
  }),
  'requests.triage': defineOp<RequestCase>()({ summary: '分级 绿/黄/红.', input: z.object({ id, level }).strict(), role: 'staff', errors: [...stateErrors] }),
  'requests.assign': defineOp<RequestCase>()({
    summary: '派单 to a staff account or an outside handler.',
    input: z.union([z.object({ id, staffId: id }).strict(), z.object({ id, handlerId: id }).strict()]),
    role: 'staff',
    errors: [...stateErrors, 'REQUEST_NEEDS_LEVEL', 'REQUEST_HANDLER_UNKNOWN'],
  }),
  'requests.note': defineOp<RequestCase>()({
    summary: 'An internal note on the timeline (never shown to the resident).',
    input: z.object({ id, note: z.string().trim().min(1, 'requestNote').max(500, 'requestNote') }).strict(),
    role: 'staff',
    errors: ['REQUEST_NOT_FOUND', 'REQUEST_ERASED'],
  }),
  'requests.pause': defineOp<RequestCase>()({
    summary: '暂停计时: 待居民补充 or 待配件/外单位.',
    input: z.object({ id, why: z.enum(['resident', 'external']), reason: z.string().trim().max(200, 'requestReason').optional() }).strict(),
    role: 'staff',
    errors: [...stateErrors],
  }),
  'requests.resume': defineOp<RequestCase>()({ summary: '恢复计时.', input: caseInput, role: 'staff', errors: [...stateErrors] }),
  'requests.transfer': defineOp<RequestCase>()({
    summary: '转类别: the deadline follows the new category.',
    input: z.object({ id, categoryId: id, reason: z.string().trim().max(200, 'requestReason').optional() }).strict(),
    role: 'staff',
    errors: [...stateErrors, 'REQUEST_CATEGORY_UNKNOWN', 'REQUEST_SAME_CATEGORY'],
  }),
  'requests.escalate': defineOp<RequestCase>()({
    summary: '升级 one level with a reason.',
    input: z.object({ id, reason }).strict(),
    role: 'staff',
    errors: [...stateErrors, 'REQUEST_NEEDS_LEVEL', 'REQUEST_TOP_LEVEL'],
  }),
  'requests.result': defineOp<RequestCase>()({
    summary: '记录办理结果: the answer published to the resident.',
    input: z.object({ id, answer: z.string().trim().min(2, 'requestAnswer').max(500, 'requestAnswer') }).strict(),
    role: 'staff',
    errors: [...stateErrors],
  }),
  'requests.close': defineOp<RequestCase>()({
    summary: '结案 a resolved case the resident has not rated.',
    input: z.object({ id, note: z.string().trim().max(200, 'requestNote').optional() }).strict(),
    role: 'staff',
    errors: [...stateErrors],
  }),
  'requests.printDispatch': defineOp<{ printJobId: number }>()({
    summary: '打印派单单 for the outside handler: A4 (report printer) or 80 mm (desk receipt printer).',
    input: z.object({ id, paper: z.enum(['a4', 'receipt']).default('a4') }).strict(),
    role: 'staff',
    errors: [...stateErrors],
  }),
  'requests.handlers': defineOp<HandlerOptions>()({
    summary: 'Who a case can be given to: outside handlers (网格员, 物业 …) and staff accounts.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'requests.saveHandler': defineOp<RequestHandler>()({
    summary: 'Add or change an outside handler (no login).',
    input: handlerInputSchema,
    role: 'staff',
    errors: ['REQUEST_HANDLER_UNKNOWN', 'REQUEST_HANDLER_EXISTS'],
  }),
  'requests.allCategories': defineOp<RequestCategory[]>()({
    summary: 'Every category, retired ones too (settings page, filters).',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'requests.saveCategory': defineOp<RequestCategory>()({
    summary: 'Add or change a category: icon, quick phrases, deadline in hours.',
    input: categoryInputSchema,
    role: 'admin',
    errors: ['REQUEST_CATEGORY_UNKNOWN', 'REQUEST_CATEGORY_EXISTS'],
  }),
} as const;
