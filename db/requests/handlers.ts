import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import type { HandlerKind, RequestHandler } from './types.js';

/**
 * 承办人 outside the center (issue 17): 网格员, 民情信息员, 物业, 商户, 部门. They have no login: they
 * take a printed 派单单 and bring the result back to the desk. Staff keep the list.
 */
export const handlerKindLabels: Record<HandlerKind, { zh: string; en: string }> = {
  grid: { zh: '网格员', en: 'Grid worker' },
  informant: { zh: '民情信息员', en: 'Community informant' },
  property: { zh: '物业', en: 'Property management' },
  merchant: { zh: '商户', en: 'Merchant' },
  department: { zh: '部门', en: 'Department' },
};

interface Row {
  id: number;
  kind: HandlerKind;
  name: string;
  phone: string | null;
  active: number;
}
const toHandler = (r: Row): RequestHandler => ({ id: r.id, kind: r.kind, name: r.name, phone: r.phone, active: r.active === 1 });

export function listHandlers(db: Db): RequestHandler[] {
  return (db.prepare('SELECT id, kind, name, phone, active FROM request_handlers ORDER BY active DESC, kind, name').all() as Row[]).map(toHandler);
}

export function getHandler(db: Db, id: number): RequestHandler | null {
  const r = db.prepare('SELECT id, kind, name, phone, active FROM request_handlers WHERE id = ?').get(id) as Row | undefined;
  return r ? toHandler(r) : null;
}

/** A handler a case may be given to: on the list and not retired. */
export function requireActiveHandler(db: Db, id: number): RequestHandler {
  const h = getHandler(db, id);
  if (!h || !h.active) throw new ApiError('REQUEST_HANDLER_UNKNOWN');
  return h;
}

export function saveHandler(db: Db, h: { id?: number; kind: HandlerKind; name: string; phone?: string | null; active: boolean }, now: Date): RequestHandler {
  const clash = db.prepare('SELECT id FROM request_handlers WHERE kind = ? AND name = ? AND id IS NOT ?').get(h.kind, h.name, h.id ?? null);
  if (clash) throw new ApiError('REQUEST_HANDLER_EXISTS', { name: h.name });
  const values = { kind: h.kind, name: h.name, phone: h.phone ?? null, active: h.active ? 1 : 0 };
  if (h.id) {
    if (!getHandler(db, h.id)) throw new ApiError('REQUEST_HANDLER_UNKNOWN');
    db.prepare('UPDATE request_handlers SET kind = @kind, name = @name, phone = @phone, active = @active WHERE id = @id').run({ ...values, id: h.id });
    return getHandler(db, h.id)!;
  }
  const id = db
    .prepare('INSERT INTO request_handlers (kind, name, phone, active, created_at) VALUES (@kind, @name, @phone, @active, @at)')
    .run({ ...values, at: now.toISOString() }).lastInsertRowid;
  return getHandler(db, Number(id))!;
}
