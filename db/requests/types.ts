/**
 * 接诉即办's shapes as the screens see them (issue 17). The renderer imports these as types only.
 * A staff view carries the text; the kiosk and hall views never carry text, names or notes.
 */
import type { Timing } from './deadlines.js';

export type RequestLevel = 'green' | 'yellow' | 'red';
export type RequestState = 'new' | 'triaged' | 'assigned' | 'paused_resident' | 'paused_external' | 'resolved' | 'revisit' | 'closed';
export type CloseReason = 'rated' | 'unrated' | 'desk' | 'revisited';
export type HandlerKind = 'grid' | 'informant' | 'property' | 'merchant' | 'department';
export type RequestIconKey = 'parking' | 'cleaning' | 'meal' | 'doctor' | 'house' | 'transport' | 'neighbours' | 'other';
export type EventKind =
  | 'submitted'
  | 'triaged'
  | 'assigned'
  | 'note'
  | 'paused'
  | 'resumed'
  | 'transferred'
  | 'escalated'
  | 'resulted'
  | 'rated'
  | 'reopened'
  | 'closed'
  | 'autoClosed'
  | 'dispatchPrinted';

export type { Timing };

export interface RequestCategory {
  id: number;
  name: string;
  nameEn: string;
  icon: RequestIconKey;
  phrases: string[];
  deadlineHours: number;
  active: boolean;
  sort: number;
}

export interface RequestHandler {
  id: number;
  kind: HandlerKind;
  name: string;
  phone: string | null;
  active: boolean;
}

/** Who handles a case: a staff account or an outside handler from the list. */
export type HandlerRef = { type: 'staff'; id: number; name: string } | { type: 'outside'; id: number; name: string; kind: HandlerKind };

/** A row of the staff inbox: no text (the text is on the case page, whose every opening is audited). */
export interface InboxRow {
  id: number;
  number: string;
  categoryId: number;
  categoryName: string;
  categoryNameEn: string;
  level: RequestLevel | null;
  state: RequestState;
  submittedAt: string;
  /** As of now: a running pause pushes it on. */
  deadlineAt: string;
  timing: Timing;
  handler: string | null;
  revisit: boolean;
  rating: number | null;
}

export interface InboxView {
  rows: InboxRow[];
  total: number;
  counts: { open: number; overdue: number; dueSoon: number; new: number; revisit: number };
}

export interface RequestEventView {
  id: number;
  at: string;
  kind: EventKind;
  state: RequestState;
  level: RequestLevel | null;
  categoryName: string;
  staffName: string | null;
  handlerName: string | null;
  detail: Record<string, unknown> | null;
}

export interface RequestCase {
  id: number;
  number: string;
  category: RequestCategory;
  description: string | null;
  callbackPhone: string | null;
  resident: { id: number; name: string | null; maskedPhone: string } | null;
  level: RequestLevel | null;
  state: RequestState;
  pausedFrom: RequestState | null;
  handler: HandlerRef | null;
  source: 'kiosk' | 'desk';
  submittedAt: string;
  deadlineAt: string;
  timing: Timing;
  /** Hours the clock has run, paused time excluded. */
  elapsedHours: number;
  answer: string | null;
  resultAt: string | null;
  rating: number | null;
  ratingReason: string | null;
  closedAt: string | null;
  closeReason: CloseReason | null;
  erased: boolean;
  dispatchQr: string | null;
  events: RequestEventView[];
}

/** What the kiosk shows the resident: status and the published answer, nothing else. */
export interface PublicRequestView {
  number: string;
  categoryName: string;
  categoryNameEn: string;
  icon: RequestIconKey;
  /** The resident's words for the state: 已受理, 办理中, 等待补充, 已办结, 回访中, 已完结. */
  stage: 'received' | 'working' | 'waiting' | 'resolved' | 'revisit' | 'closed';
  submittedAt: string;
  answer: string | null;
  resultAt: string | null;
  canRate: boolean;
  rating: number | null;
  /** Present when asked by receipt: the code to rate with (the receipt's own payload). */
  ref: string;
}

/** The hall board: number, category, status. No text, no names. */
export interface BoardRow {
  number: string;
  categoryName: string;
  categoryNameEn: string;
  stage: PublicRequestView['stage'];
}

export interface SubmittedRequest {
  id: number;
  number: string;
  qrPayload: string;
  categoryName: string;
  categoryNameEn: string;
  submittedAt: string;
  deadlineAt: string;
  printJobId: number | null;
}
