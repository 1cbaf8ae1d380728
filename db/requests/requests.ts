import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection.js';
import { ApiError, fieldMessageCatalog, type FieldMessageKey } from '../errors/index.js';
import { centerTimeZone, localDate } from '../localTime.js';
import { readSetting } from '../settings.js';
import { maskPhone } from '../residents/schema.js';
import { getCategory, requireActiveCategory } from './categories.js';
import { effectiveDeadline, elapsedMs, HOUR_MS, resumeClock, storedDeadline, timingOf, type RequestClock } from './deadlines.js';
import { recordEvent } from './events.js';
import { getHandler, requireActiveHandler } from './handlers.js';
import { dispatchQrPayload, newToken, receiptQrPayload } from './receiptQr.js';
import { isBadRating } from './scale.js';
import type { BoardRow, CloseReason, EventKind, HandlerRef, InboxRow, InboxView, PublicRequestView, RequestCase, RequestEventView, RequestLevel, RequestState } from './types.js';

/**
 * 接诉即办 (issue 17): a resident's request from the kiosk (or the desk) through triage, a handler,
 * pauses, transfers and escalations to a result the resident rates; a bad rating reopens it as a
 * 回访 with its own deadline; a result nobody rates closes as 未评价 after `requests.autoCloseDays`.
 * Every change is one transaction that writes the request and its event row together; a refused
 * change throws an ApiError before anything is written.
 */

export interface RequestRow {
  id: number;
  number: string;
  token: string;
  dispatch_token: string | null;
  resident_id: number | null;
  category_id: number;
  description: string | null;
  callback_phone: string | null;
  level: RequestLevel | null;
  state: RequestState;
  paused_from: RequestState | null;
  handler_staff_id: number | null;
  handler_id: number | null;
  source: 'kiosk' | 'desk';
  submitted_at: string;
  clock_start: string;
  due_hours: number;
  paused_ms: number;
  paused_at: string | null;
  deadline_at: string;
  answer: string | null;
  result_at: string | null;
  rating: number | null;
  rating_reason: string | null;
  rated_at: string | null;
  closed_at: string | null;
  close_reason: CloseReason | null;
  erased_at: string | null;
  updated_at: string;
}

export const stateLabels: Record<RequestState, { zh: string; en: string }> = {
  new: { zh: '待分级', en: 'New' },
  triaged: { zh: '待派单', en: 'Triaged' },
  assigned: { zh: '办理中', en: 'In hand' },
  paused_resident: { zh: '待居民补充', en: 'Waiting for the resident' },
  paused_external: { zh: '待配件/外单位', en: 'Waiting for parts / another body' },
  resolved: { zh: '已办结待评价', en: 'Resolved, awaiting rating' },
  revisit: { zh: '回访中', en: 'Follow-up' },
  closed: { zh: '已结案', en: 'Closed' },
};

export const levelLabels: Record<RequestLevel, { zh: string; en: string }> = {
  green: { zh: '绿 · 当场办结', en: 'Green · done at the desk' },
  yellow: { zh: '黄 · 社区协调', en: 'Yellow · community' },
  red: { zh: '红 · 街道吹哨/部门', en: 'Red · district / department' },
};

const actionLabels: Record<string, { zh: string; en: string }> = {
  triage: { zh: '分级', en: 'triage' },
  assign: { zh: '派单', en: 'assign' },
  note: { zh: '备注', en: 'add a note' },
  pause: { zh: '暂停计时', en: 'pause' },
  resume: { zh: '恢复计时', en: 'resume' },
  transfer: { zh: '转类别', en: 'transfer' },
  escalate: { zh: '升级', en: 'escalate' },
  result: { zh: '记录办理结果', en: 'record the result' },
  close: { zh: '结案', en: 'close' },
  rate: { zh: '评价', en: 'rate' },
  dispatch: { zh: '打印派单单', en: 'print the dispatch slip' },
};

const OPEN_STATES: readonly RequestState[] = ['new', 'triaged', 'assigned', 'paused_resident', 'paused_external', 'revisit'];
const isOpen = (s: RequestState) => OPEN_STATES.includes(s);
const isPaused = (s: RequestState) => s === 'paused_resident' || s === 'paused_external';

function refuse(row: RequestRow, action: string): never {
  const a = actionLabels[action] ?? { zh: action, en: action };
  const s = stateLabels[row.state];
  throw new ApiError('REQUEST_STATE', { state: s.zh, stateEn: s.en, action: a.zh, actionEn: a.en });
}
function allow(row: RequestRow, action: string, states: readonly RequestState[]): void {
  if (!states.includes(row.state)) refuse(row, action);
}

/** Statements prepared once per connection: 我要反映 and the inbox are the hot paths (tests/bench). */
const statements = new WeakMap<Db, Map<string, Statement>>();
function stmt(db: Db, sql: string): Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare(sql)));
  return st;
}

export function getRow(db: Db, id: number): RequestRow | null {
  return (stmt(db, 'SELECT * FROM requests WHERE id = ?').get(id) as RequestRow | undefined) ?? null;
}
export function requireRow(db: Db, id: number): RequestRow {
  const r = getRow(db, id);
  if (!r) throw new ApiError('REQUEST_NOT_FOUND');
  return r;
}
export function rowByToken(db: Db, token: string): RequestRow | null {
  return (db.prepare('SELECT * FROM requests WHERE token = ?').get(token) as RequestRow | undefined) ?? null;
}
export function rowByDispatchToken(db: Db, token: string): RequestRow | null {
  return (db.prepare('SELECT * FROM requests WHERE dispatch_token = ?').get(token) as RequestRow | undefined) ?? null;
}

const clockOf = (r: RequestRow): RequestClock => ({ clockStart: r.clock_start, dueHours: r.due_hours, pausedMs: r.paused_ms, pausedAt: r.paused_at });

type Actor = { staffId: number | null };

/** Writes the changed columns and the event for them, in the caller's transaction. */
function apply(
  db: Db,
  row: RequestRow,
  changes: Partial<RequestRow>,
  event: { kind: EventKind; actor?: Actor; handlerId?: number | null; detail?: Record<string, unknown> },
  now: Date,
): RequestRow {
  const next: RequestRow = { ...row, ...changes, updated_at: now.toISOString() };
  const keys = Object.keys(changes).concat('updated_at') as Array<keyof RequestRow>;
  db.prepare(`UPDATE requests SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run(
    Object.fromEntries([...keys.map((k) => [k, next[k]]), ['id', row.id]]) as Record<string, unknown>,
  );
  recordEvent(
    db,
    {
      requestId: row.id,
      kind: event.kind,
      state: next.state,
      categoryId: next.category_id,
      level: next.level,
      staffId: event.actor?.staffId ?? null,
      handlerId: event.handlerId ?? null,
      detail: event.detail ?? null,
    },
    now,
  );
  return next;
}

function fieldError(path: string, key: FieldMessageKey): ApiError {
  const m = fieldMessageCatalog[key];
  return new ApiError('VALIDATION_FAILED', {}, [{ path, key, zh: m.zh, en: m.en }]);
}

function nextNumber(db: Db, day: string): string {
  const row = stmt(db, 'INSERT INTO request_day_numbers (day, last_number) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET last_number = last_number + 1 RETURNING last_number').get(
    day,
  ) as {
    last_number: number;
  };
  return `J-${day.replaceAll('-', '')}-${String(row.last_number).padStart(3, '0')}`;
}

export interface SubmitInput {
  residentId: number | null;
  categoryId: number;
  description: string;
  callbackPhone?: string | null;
  source: 'kiosk' | 'desk';
  staffId?: number | null;
}

/** 受理: a new request with its number, receipt token and the category's deadline. */
export function submitRequest(db: Db, input: SubmitInput, now: Date): RequestRow {
  const description = input.description.trim();
  if (!description) throw fieldError('description', 'requestDescription');
  return db.transaction(() => {
    const cat = requireActiveCategory(db, input.categoryId);
    const at = now.toISOString();
    const number = nextNumber(db, localDate(now, centerTimeZone(db)));
    const deadline = storedDeadline({ clockStart: at, dueHours: cat.deadlineHours, pausedMs: 0 });
    const id = Number(
      stmt(
        db,
        `INSERT INTO requests (number, token, resident_id, category_id, description, callback_phone, state, source, submitted_at, clock_start, due_hours, deadline_at, updated_at)
           VALUES (@number, @token, @resident, @category, @description, @phone, 'new', @source, @at, @at, @hours, @deadline, @at)`,
      ).run({
        number,
        token: newToken(),
        resident: input.residentId,
        category: cat.id,
        description,
        phone: input.callbackPhone ?? null,
        source: input.source,
        at,
        hours: cat.deadlineHours,
        deadline,
      }).lastInsertRowid,
    );
    recordEvent(db, { requestId: id, kind: 'submitted', state: 'new', categoryId: cat.id, level: null, staffId: input.staffId ?? null, detail: { deadline } }, now);
    return getRow(db, id)!;
  })();
}

/** 分级 绿/黄/红; a new case becomes 待派单, a case in hand keeps its state. */
export function triageRequest(db: Db, id: number, level: RequestLevel, actor: Actor, now: Date): RequestRow {
  return db.transaction(() => {
    const r = requireRow(db, id);
    allow(r, 'triage', ['new', 'triaged', 'assigned', 'paused_resident', 'paused_external', 'revisit']);
    return apply(db, r, { level, state: r.state === 'new' ? 'triaged' : r.state }, { kind: 'triaged', actor, detail: { from: r.level, level } }, now);
  })();
}

export type AssignTo = { staffId: number } | { handlerId: number };

/** 派单 to a staff account or an outside handler (the case must have a level first). */
export function assignRequest(db: Db, id: number, to: AssignTo, actor: Actor, now: Date): RequestRow {
  return db.transaction(() => {
    const r = requireRow(db, id);
    if (r.state === 'new') throw new ApiError('REQUEST_NEEDS_LEVEL');
    allow(r, 'assign', ['triaged', 'assigned', 'revisit']);
    if ('staffId' in to) {
      const s = db.prepare('SELECT id, name FROM staff WHERE id = ? AND active = 1').get(to.staffId) as { id: number; name: string } | undefined;
      if (!s) throw new ApiError('REQUEST_HANDLER_UNKNOWN');
      return apply(
        db,
        r,
        { handler_staff_id: s.id, handler_id: null, state: r.state === 'revisit' ? 'revisit' : 'assigned' },
        { kind: 'assigned', actor, detail: { staffId: s.id } },
        now,
      );
    }
    const h = requireActiveHandler(db, to.handlerId);
    return apply(
      db,
      r,
      { handler_id: h.id, handler_staff_id: null, dispatch_token: r.dispatch_token ?? newToken(), state: r.state === 'revisit' ? 'revisit' : 'assigned' },
      { kind: 'assigned', actor, handlerId: h.id, detail: { handlerId: h.id } },
      now,
    );
  })();
}

/** 备注: internal, staff only, never shown to the resident. */
export function noteRequest(db: Db, id: number, note: string, actor: Actor, now: Date): RequestRow {
  return db.transaction(() => {
    const r = requireRow(db, id);
    if (r.erased_at) throw new ApiError('REQUEST_ERASED');
    return apply(db, r, {}, { kind: 'note', actor, detail: { note } }, now);
  })();
}

/** 暂停计时: waiting on the resident (待居民补充) or on parts / another body (待配件/外单位). */
export function pauseRequest(db: Db, id: number, why: 'resident' | 'external', reason: string | undefined, actor: Actor, now: Date): RequestRow {
  return db.transaction(() => {
    const r = requireRow(db, id);
    allow(r, 'pause', ['triaged', 'assigned', 'revisit']);
    const state: RequestState = why === 'resident' ? 'paused_resident' : 'paused_external';
    return apply(db, r, { state, paused_from: r.state, paused_at: now.toISOString() }, { kind: 'paused', actor, detail: { why, ...(reason ? { reason } : {}) } }, now);
  })();
}

/** 恢复计时: the paused time is added to the deadline. */
export function resumeRequest(db: Db, id: number, actor: Actor, now: Date): RequestRow {
  return db.transaction(() => {
    const r = requireRow(db, id);
    if (!isPaused(r.state)) refuse(r, 'resume');
    const { pausedMs } = resumeClock(clockOf(r), now);
    const deadline = storedDeadline({ clockStart: r.clock_start, dueHours: r.due_hours, pausedMs });
    return apply(
      db,
      r,
      { state: r.paused_from ?? 'assigned', paused_from: null, paused_at: null, paused_ms: pausedMs, deadline_at: deadline },
      { kind: 'resumed', actor, detail: { pausedMinutes: Math.round((pausedMs - r.paused_ms) / 60_000), deadline } },
      now,
    );
  })();
}

/** 转类别: the deadline follows the new category (same start, its hours, paused time kept). */
export function transferRequest(db: Db, id: number, categoryId: number, reason: string | undefined, actor: Actor, now: Date): RequestRow {
  return db.transaction(() => {
    const r = requireRow(db, id);
    allow(r, 'transfer', ['new', 'triaged', 'assigned', 'paused_resident', 'paused_external']);
    const cat = requireActiveCategory(db, categoryId);
    if (cat.id === r.category_id) throw new ApiError('REQUEST_SAME_CATEGORY', { name: cat.name });
    const deadline = storedDeadline({ clockStart: r.clock_start, dueHours: cat.deadlineHours, pausedMs: r.paused_ms });
    return apply(
      db,
      r,
      { category_id: cat.id, due_hours: cat.deadlineHours, deadline_at: deadline },
      { kind: 'transferred', actor, detail: { fromCategoryId: r.category_id, toCategoryId: cat.id, deadline, ...(reason ? { reason } : {}) } },
      now,
    );
  })();
}

const UP: Record<RequestLevel, RequestLevel | null> = { green: 'yellow', yellow: 'red', red: null };

/** 升级 (网格即时办 → 社区协调办 → 街道吹哨办) with a reason; the level goes up one step. */
export function escalateRequest(db: Db, id: number, reason: string, actor: Actor, now: Date): RequestRow {
  return db.transaction(() => {
    const r = requireRow(db, id);
    allow(r, 'escalate', ['triaged', 'assigned', 'paused_resident', 'paused_external', 'revisit']);
    if (!r.level) throw new ApiError('REQUEST_NEEDS_LEVEL');
    const up = UP[r.level];
    if (!up) throw new ApiError('REQUEST_TOP_LEVEL');
    return apply(db, r, { level: up }, { kind: 'escalated', actor, detail: { from: r.level, level: up, reason } }, now);
  })();
}

/**
 * 记录办理结果: the answer is published to the resident. A case in hand becomes 已办结待评价 (the
 * resident may rate it); the result of a 回访 closes the case. Whether it was on time is kept on the event.
 */
export function recordResult(db: Db, id: number, answer: string, actor: Actor & { handlerId?: number | null }, now: Date): RequestRow {
  return db.transaction(() => {
    const r = requireRow(db, id);
    allow(r, 'result', ['triaged', 'assigned', 'revisit']);
    const onTime = now.getTime() <= effectiveDeadline(clockOf(r), now).getTime();
    const detail = { answer, onTime, deadline: r.deadline_at, elapsedHours: Math.round((elapsedMs(clockOf(r), now) / HOUR_MS) * 10) / 10 };
    const at = now.toISOString();
    if (r.state === 'revisit') {
      return apply(
        db,
        r,
        { answer, result_at: at, state: 'closed', closed_at: at, close_reason: 'revisited' },
        { kind: 'resulted', actor, handlerId: r.handler_id, detail: { ...detail, revisit: true } },
        now,
      );
    }
    return apply(db, r, { answer, result_at: at, state: 'resolved' }, { kind: 'resulted', actor, handlerId: r.handler_id, detail }, now);
  })();
}

/** 结案 by staff: a resolved case the resident did not rate at the kiosk (e.g. confirmed by phone). */
export function closeRequest(db: Db, id: number, note: string | undefined, actor: Actor, now: Date): RequestRow {
  return db.transaction(() => {
    const r = requireRow(db, id);
    allow(r, 'close', ['resolved']);
    return apply(db, r, { state: 'closed', closed_at: now.toISOString(), close_reason: 'desk' }, { kind: 'closed', actor, detail: note ? { note } : {} }, now);
  })();
}

/**
 * 评单: the resident rates the result once. 基本满意 or better closes the case; 不满意 and below
 * need a reason and reopen it as a 回访 with its own clock (`requests.revisitHours`).
 */
export function rateRequest(db: Db, id: number, rating: number, reason: string | undefined, now: Date): RequestRow {
  return db.transaction(() => {
    const r = requireRow(db, id);
    if (r.rating !== null) throw new ApiError('REQUEST_ALREADY_RATED');
    if (r.state !== 'resolved') throw new ApiError('REQUEST_NOT_RATABLE');
    const at = now.toISOString();
    const bad = isBadRating(rating);
    const text = reason?.trim() ?? '';
    if (bad && text.length < 2) throw fieldError('reason', 'requestRatingReason');
    let next = apply(db, r, { rating, rating_reason: text || null, rated_at: at }, { kind: 'rated', detail: { rating, ...(text ? { reason: text } : {}) } }, now);
    if (!bad) return apply(db, next, { state: 'closed', closed_at: at, close_reason: 'rated' }, { kind: 'closed', detail: { by: 'rating' } }, now);
    const hours = readSetting(db, 'requests.revisitHours');
    const deadline = storedDeadline({ clockStart: at, dueHours: hours, pausedMs: 0 });
    next = apply(
      db,
      next,
      { state: 'revisit', clock_start: at, due_hours: hours, paused_ms: 0, paused_at: null, deadline_at: deadline },
      { kind: 'reopened', detail: { rating, deadline } },
      now,
    );
    return next;
  })();
}

/** 未评价: resolved cases older than `requests.autoCloseDays` close themselves. Returns how many. */
export function autoCloseUnrated(db: Db, now: Date): number {
  const days = readSetting(db, 'requests.autoCloseDays');
  const before = new Date(now.getTime() - days * 86_400_000).toISOString();
  const due = stmt(db, "SELECT * FROM requests WHERE state = 'resolved' AND result_at <= ?").all(before) as RequestRow[];
  if (!due.length) return 0;
  db.transaction(() => {
    for (const r of due) apply(db, r, { state: 'closed', closed_at: now.toISOString(), close_reason: 'unrated' }, { kind: 'autoClosed', detail: { days } }, now);
  })();
  return due.length;
}

export function markDispatchPrinted(db: Db, id: number, actor: Actor, now: Date): RequestRow {
  return db.transaction(() => {
    const r = requireRow(db, id);
    if (!r.handler_id || !r.dispatch_token) refuse(r, 'dispatch');
    return apply(db, r, {}, { kind: 'dispatchPrinted', actor, handlerId: r.handler_id }, now);
  })();
}

// ── Views ────────────────────────────────────────────────────────────────────────────────────────

function handlerRef(db: Db, r: RequestRow): HandlerRef | null {
  if (r.handler_staff_id) {
    const s = db.prepare('SELECT name FROM staff WHERE id = ?').get(r.handler_staff_id) as { name: string } | undefined;
    return { type: 'staff', id: r.handler_staff_id, name: s?.name ?? '' };
  }
  if (r.handler_id) {
    const h = getHandler(db, r.handler_id);
    return h ? { type: 'outside', id: h.id, name: h.name, kind: h.kind } : null;
  }
  return null;
}

export function caseView(db: Db, id: number, now: Date): RequestCase {
  const r = requireRow(db, id);
  const category = getCategory(db, r.category_id)!;
  const resident = r.resident_id
    ? (db.prepare('SELECT id, name, phone FROM residents WHERE id = ?').get(r.resident_id) as { id: number; name: string | null; phone: string | null } | undefined)
    : undefined;
  const events = db
    .prepare(
      `SELECT e.id, e.at, e.kind, e.state, e.level, c.name AS categoryName, s.name AS staffName, h.name AS handlerName, e.detail
         FROM request_events e JOIN request_categories c ON c.id = e.category_id
         LEFT JOIN staff s ON s.id = e.staff_id LEFT JOIN request_handlers h ON h.id = e.handler_id
        WHERE e.request_id = ? ORDER BY e.id`,
    )
    .all(id) as Array<Omit<RequestEventView, 'detail'> & { detail: string | null }>;
  const clock = clockOf(r);
  return {
    id: r.id,
    number: r.number,
    category,
    description: r.description,
    callbackPhone: r.callback_phone,
    resident: resident ? { id: resident.id, name: resident.name, maskedPhone: maskPhone(resident.phone) } : null,
    level: r.level,
    state: r.state,
    pausedFrom: r.paused_from,
    handler: handlerRef(db, r),
    source: r.source,
    submittedAt: r.submitted_at,
    deadlineAt: effectiveDeadline(clock, now).toISOString(),
    timing: timingOf({ ...clock, open: isOpen(r.state) }, now),
    elapsedHours: Math.round((elapsedMs(clock, now) / HOUR_MS) * 10) / 10,
    answer: r.answer,
    resultAt: r.result_at,
    rating: r.rating,
    ratingReason: r.rating_reason,
    closedAt: r.closed_at,
    closeReason: r.close_reason,
    erased: r.erased_at !== null,
    dispatchQr: r.dispatch_token ? dispatchQrPayload(r.dispatch_token) : null,
    events: events.map((e) => ({ ...e, detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null })),
  };
}

export interface InboxFilter {
  state?: RequestState | 'open' | 'all';
  level?: RequestLevel | 'none';
  categoryId?: number;
  timing?: 'overdue' | 'dueSoon';
  limit?: number;
  offset?: number;
}

/**
 * The inbox: new first (newest id first within), then the other open cases by deadline; closed
 * cases only when asked for. Colours are computed from each case's deadline as of now.
 */
export function inbox(db: Db, f: InboxFilter, now: Date): InboxView {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const state = f.state ?? 'open';
  // IN lists, not <>: the requests_inbox index (state, id) answers them without reading closed cases.
  if (state === 'open') where.push(`r.state IN ('new', 'triaged', 'assigned', 'paused_resident', 'paused_external', 'revisit')`);
  else if (state !== 'all') {
    where.push('r.state = @state');
    params.state = state;
  }
  if (f.level === 'none') where.push('r.level IS NULL');
  else if (f.level) {
    where.push('r.level = @level');
    params.level = f.level;
  }
  if (f.categoryId) {
    where.push('r.category_id = @category');
    params.category = f.categoryId;
  }
  const nowIso = now.toISOString();
  const soon = new Date(now.getTime() + 12 * HOUR_MS).toISOString();
  // The SQL deadline of a running pause moves with now: such cases are neither overdue nor due soon.
  if (f.timing === 'overdue') where.push(`r.paused_at IS NULL AND r.state IN ('new','triaged','assigned','revisit') AND r.deadline_at < @now`);
  if (f.timing === 'dueSoon') where.push(`r.paused_at IS NULL AND r.state IN ('new','triaged','assigned','revisit') AND r.deadline_at >= @now AND r.deadline_at <= @soon`);
  if (f.timing) Object.assign(params, { now: nowIso, soon });
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = stmt(db, `SELECT COUNT(*) FROM requests r ${w}`).pluck().get(params) as number;
  const rows = stmt(
    db,
    `SELECT r.id, r.number, r.category_id, c.name AS cname, c.name_en AS cnameEn, r.level, r.state, r.submitted_at, r.clock_start, r.due_hours, r.paused_ms, r.paused_at,
              r.rating, r.close_reason, COALESCE(s.name, h.name) AS handler
         FROM requests r JOIN request_categories c ON c.id = r.category_id
         LEFT JOIN staff s ON s.id = r.handler_staff_id LEFT JOIN request_handlers h ON h.id = r.handler_id
         ${w}
        ORDER BY (r.state = 'new') DESC, CASE WHEN r.state = 'new' THEN -r.id ELSE 0 END, r.deadline_at, r.id DESC
        LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: f.limit ?? 100, offset: f.offset ?? 0 }) as Array<{
    id: number;
    number: string;
    category_id: number;
    cname: string;
    cnameEn: string;
    level: RequestLevel | null;
    state: RequestState;
    submitted_at: string;
    clock_start: string;
    due_hours: number;
    paused_ms: number;
    paused_at: string | null;
    rating: number | null;
    handler: string | null;
  }>;
  const counts = stmt(
    db,
    `SELECT
         SUM(state NOT IN ('resolved','closed')) AS open,
         SUM(state = 'new') AS new,
         SUM(state = 'revisit') AS revisit,
         SUM(paused_at IS NULL AND state IN ('new','triaged','assigned','revisit') AND deadline_at < @now) AS overdue,
         SUM(paused_at IS NULL AND state IN ('new','triaged','assigned','revisit') AND deadline_at >= @now AND deadline_at <= @soon) AS dueSoon
       FROM requests WHERE state IN ('new', 'triaged', 'assigned', 'paused_resident', 'paused_external', 'revisit', 'resolved')`,
  ).get({ now: nowIso, soon }) as Record<string, number | null>;
  return {
    total,
    counts: { open: counts.open ?? 0, new: counts.new ?? 0, revisit: counts.revisit ?? 0, overdue: counts.overdue ?? 0, dueSoon: counts.dueSoon ?? 0 },
    rows: rows.map((r): InboxRow => {
      const clock: RequestClock = { clockStart: r.clock_start, dueHours: r.due_hours, pausedMs: r.paused_ms, pausedAt: r.paused_at };
      return {
        id: r.id,
        number: r.number,
        categoryId: r.category_id,
        categoryName: r.cname,
        categoryNameEn: r.cnameEn,
        level: r.level,
        state: r.state,
        submittedAt: r.submitted_at,
        deadlineAt: effectiveDeadline(clock, now).toISOString(),
        timing: timingOf({ ...clock, open: isOpen(r.state) }, now),
        handler: r.handler,
        revisit: r.state === 'revisit',
        rating: r.rating,
      };
    }),
  };
}

export function stageOf(state: RequestState): PublicRequestView['stage'] {
  switch (state) {
    case 'new':
      return 'received';
    case 'triaged':
    case 'assigned':
      return 'working';
    case 'paused_resident':
    case 'paused_external':
      return 'waiting';
    case 'resolved':
      return 'resolved';
    case 'revisit':
      return 'revisit';
    case 'closed':
      return 'closed';
  }
}

/** What the kiosk may show: the number, the category, the stage and the published answer. */
export function publicView(db: Db, r: RequestRow): PublicRequestView {
  const c = getCategory(db, r.category_id)!;
  return {
    number: r.number,
    categoryName: c.name,
    categoryNameEn: c.nameEn,
    icon: c.icon,
    stage: stageOf(r.state),
    submittedAt: r.submitted_at,
    answer: r.result_at ? r.answer : null,
    resultAt: r.result_at,
    canRate: r.state === 'resolved' && r.rating === null,
    rating: r.rating,
    ref: receiptQrPayload(r.token),
  };
}

/** A resident's requests of the last 90 days, newest first (card scan at the kiosk). */
export function rowsOfResident(db: Db, residentId: number, now: Date, limit = 10): RequestRow[] {
  const since = new Date(now.getTime() - 90 * 86_400_000).toISOString();
  return db.prepare('SELECT * FROM requests WHERE resident_id = ? AND submitted_at >= ? ORDER BY id DESC LIMIT ?').all(residentId, since, limit) as RequestRow[];
}

/** The hall board: open cases and those finished in the last 3 days — number, category, stage. */
export function board(db: Db, now: Date, limit = 30): BoardRow[] {
  const since = new Date(now.getTime() - 3 * 86_400_000).toISOString();
  const rows = db
    .prepare(
      `SELECT r.number, r.state, c.name, c.name_en FROM requests r JOIN request_categories c ON c.id = r.category_id
        WHERE r.state <> 'closed' OR r.closed_at >= ? ORDER BY r.id DESC LIMIT ?`,
    )
    .all(since, limit) as Array<{ number: string; state: RequestState; name: string; name_en: string }>;
  return rows.map((r) => ({ number: r.number, categoryName: r.name, categoryNameEn: r.name_en, stage: stageOf(r.state) }));
}
