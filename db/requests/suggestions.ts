import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';

/**
 * 金点子 (issue 17.6): a resident's idea from the kiosk (anonymous, or identified by the service
 * card) or entered at the desk by staff. States 待评估 → 评估中 → 已采纳 / 未采纳, 已采纳 → 已落实;
 * every change is a suggestion_events row (the figures come from events). The manager publishes an
 * answer; adopted and implemented ideas appear on the kiosk's public list (and, when the manager turns
 * it on, the hall display) with the manager's public wording and answer — never a name, never the
 * resident's own text unless the manager copies it there.
 */

export const suggestionStatuses = ['new', 'reviewing', 'adopted', 'declined', 'implemented'] as const;
export type SuggestionStatus = (typeof suggestionStatuses)[number];

/** The moves a manager may make from each state. */
export const suggestionMoves: Record<SuggestionStatus, readonly SuggestionStatus[]> = {
  new: ['reviewing', 'adopted', 'declined'],
  reviewing: ['adopted', 'declined', 'new'],
  adopted: ['implemented', 'reviewing'],
  declined: ['reviewing'],
  implemented: ['adopted'],
};

/** Shown on the public list: adopted or implemented, with a published answer. */
export const publicStatuses: readonly SuggestionStatus[] = ['adopted', 'implemented'];

export const SUGGESTION_MAX_CHARS = 500;

function event(db: Db, id: number, kind: string, at: string, e: { from?: string | null; to?: string | null; staffId?: number | null } = {}): void {
  db.prepare('INSERT INTO suggestion_events (suggestion_id, kind, from_status, to_status, staff_id, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    kind,
    e.from ?? null,
    e.to ?? null,
    e.staffId ?? null,
    at,
  );
}

export interface NewSuggestion {
  text: string;
  channel: 'kiosk' | 'desk';
  residentId?: number | null;
  enteredBy?: number | null;
}

export function submitSuggestion(db: Db, s: NewSuggestion, now: Date): number {
  const text = s.text.trim();
  if (!text) throw new ApiError('SUGGESTION_EMPTY');
  if ([...text].length > SUGGESTION_MAX_CHARS) throw new ApiError('SUGGESTION_TOO_LONG', { max: SUGGESTION_MAX_CHARS });
  return db.transaction(() => {
    const at = now.toISOString();
    const id = Number(
      db
        .prepare(`INSERT INTO suggestions (text, resident_id, channel, status, entered_by, created_at, updated_at) VALUES (?, ?, ?, 'new', ?, ?, ?)`)
        .run(text, s.residentId ?? null, s.channel, s.enteredBy ?? null, at, at).lastInsertRowid,
    );
    event(db, id, 'submitted', at, { to: 'new', staffId: s.enteredBy ?? null });
    return id;
  })();
}

export interface SuggestionView {
  id: number;
  /** null when erased with the resident. */
  text: string | null;
  /** Whether a resident is known (by card); the name is never part of the view. */
  identified: boolean;
  residentId: number | null;
  channel: 'kiosk' | 'desk';
  status: SuggestionStatus;
  answer: string | null;
  publicText: string | null;
  answeredAt: string | null;
  answeredByName: string | null;
  enteredByName: string | null;
  createdAt: string;
  updatedAt: string;
  erased: boolean;
}

export interface SuggestionEvent {
  kind: string;
  fromStatus: SuggestionStatus | null;
  toStatus: SuggestionStatus | null;
  staffName: string | null;
  at: string;
}

interface Row {
  id: number;
  text: string | null;
  resident_id: number | null;
  channel: 'kiosk' | 'desk';
  status: SuggestionStatus;
  answer: string | null;
  public_text: string | null;
  answered_at: string | null;
  answered_by_name: string | null;
  entered_by_name: string | null;
  created_at: string;
  updated_at: string;
  erased_at: string | null;
}

const SELECT = `SELECT g.*, a.name AS answered_by_name, e.name AS entered_by_name FROM suggestions g
  LEFT JOIN staff a ON a.id = g.answered_by LEFT JOIN staff e ON e.id = g.entered_by`;

const view = (r: Row): SuggestionView => ({
  id: r.id,
  text: r.text,
  identified: r.resident_id !== null,
  residentId: r.resident_id,
  channel: r.channel,
  status: r.status,
  answer: r.answer,
  publicText: r.public_text,
  answeredAt: r.answered_at,
  answeredByName: r.answered_by_name,
  enteredByName: r.entered_by_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  erased: r.erased_at !== null,
});

export function getSuggestion(db: Db, id: number): SuggestionView {
  const r = db.prepare(`${SELECT} WHERE g.id = ?`).get(id) as Row | undefined;
  if (!r) throw new ApiError('NOT_FOUND');
  return view(r);
}

export function suggestionEvents(db: Db, id: number): SuggestionEvent[] {
  return db
    .prepare(
      `SELECT e.kind, e.from_status AS fromStatus, e.to_status AS toStatus, s.name AS staffName, e.at FROM suggestion_events e
       LEFT JOIN staff s ON s.id = e.staff_id WHERE e.suggestion_id = ? ORDER BY e.id`,
    )
    .all(id) as SuggestionEvent[];
}

export function listSuggestions(db: Db, f: { status?: SuggestionStatus | null; limit?: number } = {}): SuggestionView[] {
  const rows = f.status
    ? (db.prepare(`${SELECT} WHERE g.status = ? ORDER BY g.created_at DESC, g.id DESC LIMIT ?`).all(f.status, f.limit ?? 300) as Row[])
    : (db.prepare(`${SELECT} ORDER BY g.created_at DESC, g.id DESC LIMIT ?`).all(f.limit ?? 300) as Row[]);
  return rows.map(view);
}

/** A state change (with its event row). The same state again changes nothing and is refused. */
export function moveSuggestion(db: Db, id: number, to: SuggestionStatus, staffId: number, now: Date): SuggestionView {
  db.transaction(() => {
    const cur = getSuggestion(db, id);
    if (cur.status === to || !suggestionMoves[cur.status].includes(to)) throw new ApiError('SUGGESTION_MOVE_NOT_ALLOWED', { from: cur.status, to });
    const at = now.toISOString();
    db.prepare('UPDATE suggestions SET status = ?, updated_at = ? WHERE id = ?').run(to, at, id);
    event(db, id, 'status', at, { from: cur.status, to, staffId });
  })();
  return getSuggestion(db, id);
}

/**
 * The manager's published answer and the public wording of the idea (what the kiosk's list shows).
 * Both are the center's words, reviewed by the manager: they must not name anyone.
 */
export function answerSuggestion(db: Db, id: number, answer: { answer: string; publicText: string }, staffId: number, now: Date): SuggestionView {
  const a = answer.answer.trim();
  const p = answer.publicText.trim();
  if (!a || !p) throw new ApiError('SUGGESTION_ANSWER_EMPTY');
  db.transaction(() => {
    getSuggestion(db, id);
    const at = now.toISOString();
    db.prepare('UPDATE suggestions SET answer = ?, public_text = ?, answered_at = ?, answered_by = ?, updated_at = ? WHERE id = ?').run(a, p, at, staffId, at, id);
    event(db, id, 'answered', at, { staffId });
  })();
  return getSuggestion(db, id);
}

/** One line of the public list: the idea as the manager worded it, and the answer. No names, no resident text. */
export interface PublicSuggestion {
  id: number;
  status: 'adopted' | 'implemented';
  publicText: string;
  answer: string;
  answeredAt: string;
}

export function publicSuggestions(db: Db, limit = 30): PublicSuggestion[] {
  return db
    .prepare(
      `SELECT id, status, public_text AS publicText, answer, answered_at AS answeredAt FROM suggestions
       WHERE status IN ('adopted', 'implemented') AND answer IS NOT NULL AND public_text IS NOT NULL
       ORDER BY answered_at DESC, id DESC LIMIT ?`,
    )
    .all(limit) as PublicSuggestion[];
}

/**
 * Erasure (residents' retention and erasure, called from anonymiseResident): the resident's own
 * text goes and the link to them is cut; the state, the events and the manager's public wording stay.
 */
export function eraseSuggestionsOf(db: Db, residentId: number, now: Date): number {
  const at = now.toISOString();
  const ids = db.prepare('SELECT id FROM suggestions WHERE resident_id = ?').all(residentId) as Array<{ id: number }>;
  for (const { id } of ids) {
    db.prepare('UPDATE suggestions SET text = NULL, resident_id = NULL, erased_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
    event(db, id, 'erased', at);
  }
  return ids.length;
}
