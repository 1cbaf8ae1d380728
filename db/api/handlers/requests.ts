import { recordAudit } from '../../audit.js';
import { recordRequestView } from '../../requests/viewAudit.js';
import { ApiError } from '../../errors/index.js';
import { readSetting } from '../../settings.js';
import { parseCardCode } from '../../residents/cards.js';
import { findActiveByCard, getResident } from '../../residents/residents.js';
import { maskName } from '../../residents/schema.js';
import { assertLookupAllowed, MISS_COST } from '../../residents/kioskGuard.js';
import { getCategory, listCategories, saveCategory } from '../../requests/categories.js';
import { handlerKindLabels, listHandlers, saveHandler } from '../../requests/handlers.js';
import { dispatchQrPayload, parseDispatchQr, parseReceiptQr, receiptQrPayload } from '../../requests/receiptQr.js';
import {
  assignRequest,
  autoCloseUnrated,
  board,
  caseView,
  closeRequest,
  escalateRequest,
  inbox,
  levelLabels,
  markDispatchPrinted,
  noteRequest,
  pauseRequest,
  publicView,
  rateRequest,
  recordResult,
  resumeRequest,
  rowByDispatchToken,
  rowByToken,
  rowsOfResident,
  submitRequest,
  transferRequest,
  triageRequest,
  type RequestRow,
} from '../../requests/requests.js';
import type { RequestDispatchData } from '../../printing/layouts/requestDispatch.js';
import type { RequestReceiptData } from '../../printing/layouts/requestReceipt.js';
import type { SubmittedRequest } from '../../requests/types.js';
import type { requestsOperations } from '../contract/requests.js';
import { sourceOf, spendOrRefuse, verifiedResident } from './residents.js';
import { requireSession, type CallContext, type Handlers } from './types.js';

const actor = (ctx: CallContext) => ({ staffId: requireSession(ctx).staff.id });

/** The staff view of a case: its text is personal data, so every opening is audited (as a profile is). */
function viewCase(ctx: CallContext, id: number) {
  const c = caseView(ctx.db, id, ctx.now);
  recordRequestView(ctx.db, requireSession(ctx).staff.id, { id, number: c.number, residentId: c.resident?.id ?? null }, ctx.now);
  return c;
}

/** A case change, then the case as staff see it (the view in the same call is audited too). */
function change(ctx: CallContext, run: () => RequestRow) {
  const r = run();
  return viewCase(ctx, r.id);
}

function submitted(ctx: CallContext, r: RequestRow, print: boolean): SubmittedRequest {
  const cat = getCategory(ctx.db, r.category_id)!;
  let printJobId: number | null = null;
  if (print && readSetting(ctx.db, 'printing.targets').ticket.kind !== 'none') {
    try {
      const data: RequestReceiptData = { number: r.number, categoryName: cat.name, submittedAt: r.submitted_at, deadlineAt: r.deadline_at, qr: receiptQrPayload(r.token) };
      printJobId = ctx.print.submit({ jobType: 'ticket', layoutId: 'requestReceipt', data }).jobId;
    } catch (err) {
      // The request is recorded: a printing problem must not take it away (the screen shows the receipt).
      console.error('[requests] receipt print not submitted', err);
    }
  }
  return {
    id: r.id,
    number: r.number,
    qrPayload: receiptQrPayload(r.token),
    categoryName: cat.name,
    categoryNameEn: cat.nameEn,
    submittedAt: r.submitted_at,
    deadlineAt: r.deadline_at,
    printJobId,
  };
}

/**
 * A code scanned at the kiosk: a receipt (one request) or a service card (the holder's). Look-ups
 * go through the same guard as the other kiosk look-ups: a token that is not ours costs the source
 * the miss price, so guessing tokens trips the block as guessing phones does.
 */
function kioskRows(ctx: CallContext, code: string): { rows: RequestRow[]; residentId: number | null } {
  const { db, now } = ctx;
  const source = sourceOf(ctx);
  assertLookupAllowed(db, source, now);
  const token = parseReceiptQr(code);
  if (token) {
    const r = rowByToken(db, token);
    if (!r) {
      spendOrRefuse(ctx, source, MISS_COST);
      throw new ApiError('REQUEST_NOT_FOUND');
    }
    return { rows: [r], residentId: null };
  }
  const card = parseCardCode(code);
  if (!card) {
    spendOrRefuse(ctx, source, MISS_COST);
    throw new ApiError('REQUEST_NOT_FOUND');
  }
  const resident = findActiveByCard(db, card);
  if (!resident) {
    spendOrRefuse(ctx, source, MISS_COST);
    throw new ApiError('RESIDENT_NOT_FOUND');
  }
  return { rows: rowsOfResident(db, resident.id, now), residentId: resident.id };
}

export const requestsHandlers: Handlers<keyof typeof requestsOperations> = {
  'requests.categories': ({ db }) => listCategories(db, { activeOnly: true }),

  'requests.kiosk.submit': (ctx, input) => {
    const r = verifiedResident(ctx, input.who);
    const row = submitRequest(
      ctx.db,
      { residentId: r.id, categoryId: input.categoryId, description: input.description, callbackPhone: input.callbackPhone ?? null, source: 'kiosk' },
      ctx.now,
    );
    return submitted(ctx, row, true);
  },

  'requests.kiosk.status': (ctx, { code }) => {
    autoCloseUnrated(ctx.db, ctx.now);
    return kioskRows(ctx, code).rows.map((r) => publicView(ctx.db, r));
  },

  'requests.kiosk.rate': (ctx, { code, number, rating, reason }) => {
    const { rows, residentId } = kioskRows(ctx, code);
    let row: RequestRow | undefined = rows[0];
    if (residentId !== null) {
      row = rows.find((r) => r.number === number);
      if (!row) throw new ApiError('REQUEST_NOT_YOURS');
    }
    if (!row) throw new ApiError('REQUEST_NOT_FOUND');
    const next = rateRequest(ctx.db, row.id, rating, reason, ctx.now);
    return publicView(ctx.db, next);
  },

  'requests.board': ({ db, now }) => (readSetting(db, 'display.requestsBoard') ? { enabled: true, rows: board(db, now) } : { enabled: false, rows: [] }),

  'requests.inbox': (ctx, input) => {
    autoCloseUnrated(ctx.db, ctx.now);
    return inbox(ctx.db, input, ctx.now);
  },

  'requests.get': (ctx, { id }) => viewCase(ctx, id),

  'requests.byCode': ({ db }, { code }) => {
    const dispatch = parseDispatchQr(code);
    const receipt = parseReceiptQr(code);
    const r = dispatch
      ? rowByDispatchToken(db, dispatch)
      : receipt
        ? rowByToken(db, receipt)
        : /^J-\d{8}-\d{3,}$/.test(code)
          ? (db.prepare('SELECT * FROM requests WHERE number = ?').get(code) as RequestRow | undefined)
          : null;
    if (!r) throw new ApiError('REQUEST_NOT_FOUND');
    return { id: r.id };
  },

  'requests.create': (ctx, input) => {
    const staffId = requireSession(ctx).staff.id;
    if (input.residentId && !getResident(ctx.db, input.residentId)) throw new ApiError('NOT_FOUND');
    const row = ctx.db.transaction(() => {
      const r = submitRequest(
        ctx.db,
        { residentId: input.residentId ?? null, categoryId: input.categoryId, description: input.description, callbackPhone: input.callbackPhone ?? null, source: 'desk', staffId },
        ctx.now,
      );
      recordAudit(ctx.db, { staffId, action: 'requests.create', subject: `request:${r.id}`, detail: input.residentId ? { residentId: input.residentId } : undefined }, ctx.now);
      return r;
    })();
    return submitted(ctx, row, input.print);
  },

  'requests.triage': (ctx, { id, level }) => change(ctx, () => triageRequest(ctx.db, id, level, actor(ctx), ctx.now)),
  'requests.assign': (ctx, input) =>
    change(ctx, () => assignRequest(ctx.db, input.id, 'staffId' in input ? { staffId: input.staffId } : { handlerId: input.handlerId }, actor(ctx), ctx.now)),
  'requests.note': (ctx, { id, note }) => change(ctx, () => noteRequest(ctx.db, id, note, actor(ctx), ctx.now)),
  'requests.pause': (ctx, { id, why, reason }) => change(ctx, () => pauseRequest(ctx.db, id, why, reason, actor(ctx), ctx.now)),
  'requests.resume': (ctx, { id }) => change(ctx, () => resumeRequest(ctx.db, id, actor(ctx), ctx.now)),
  'requests.transfer': (ctx, { id, categoryId, reason }) => change(ctx, () => transferRequest(ctx.db, id, categoryId, reason, actor(ctx), ctx.now)),
  'requests.escalate': (ctx, { id, reason }) => change(ctx, () => escalateRequest(ctx.db, id, reason, actor(ctx), ctx.now)),
  'requests.result': (ctx, { id, answer }) => change(ctx, () => recordResult(ctx.db, id, answer, actor(ctx), ctx.now)),
  'requests.close': (ctx, { id, note }) => change(ctx, () => closeRequest(ctx.db, id, note, actor(ctx), ctx.now)),

  'requests.printDispatch': (ctx, { id, paper }) => {
    const { db, now } = ctx;
    const jobId = db.transaction(() => {
      const r = markDispatchPrinted(db, id, actor(ctx), now);
      const c = caseView(db, r.id, now);
      const h = c.handler?.type === 'outside' ? c.handler : null;
      const resident = r.resident_id ? getResident(db, r.resident_id) : null;
      const data: RequestDispatchData = {
        number: r.number,
        categoryName: c.category.name,
        levelLabel: r.level ? levelLabels[r.level].zh : '—',
        description: r.description ?? '（内容已删除）',
        residentMasked: resident?.name ? maskName(resident.name) : '—',
        callbackPhone: r.callback_phone ?? resident?.phone ?? '',
        handlerName: h?.name ?? '',
        handlerKind: h ? handlerKindLabels[h.kind].zh : '',
        submittedAt: r.submitted_at,
        deadlineAt: c.deadlineAt,
        qr: dispatchQrPayload(r.dispatch_token!),
      };
      // Printing the text on paper for someone outside is a view too, always recorded.
      recordRequestView(db, requireSession(ctx).staff.id, { id: r.id, number: r.number, residentId: r.resident_id }, now, { printed: 'dispatch' });
      return ctx.print.submit({ jobType: paper === 'a4' ? 'report' : 'loanSlip', layoutId: paper === 'a4' ? 'requestDispatch' : 'requestDispatchReceipt', data }).jobId;
    })();
    return { printJobId: jobId };
  },

  'requests.handlers': ({ db }) => ({
    outside: listHandlers(db),
    staff: db.prepare('SELECT id, name FROM staff WHERE active = 1 ORDER BY name').all() as Array<{ id: number; name: string }>,
  }),
  'requests.saveHandler': (ctx, input) =>
    ctx.db.transaction(() => {
      const h = saveHandler(ctx.db, input, ctx.now);
      recordAudit(
        ctx.db,
        { staffId: requireSession(ctx).staff.id, action: 'requests.saveHandler', subject: `requestHandler:${h.id}`, detail: { name: h.name, kind: h.kind } },
        ctx.now,
      );
      return h;
    })(),
  'requests.allCategories': ({ db }) => listCategories(db),
  'requests.saveCategory': (ctx, input) =>
    ctx.db.transaction(() => {
      const c = saveCategory(ctx.db, input);
      recordAudit(
        ctx.db,
        { staffId: requireSession(ctx).staff.id, action: 'requests.saveCategory', subject: `requestCategory:${c.id}`, detail: { name: c.name, deadlineHours: c.deadlineHours } },
        ctx.now,
      );
      return c;
    })(),
};
