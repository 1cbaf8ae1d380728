import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import type { RequestCategory, RequestIconKey } from './types.js';

/** 诉求类别 (issue 17): configurable; the defaults come from the seeds (migration 013). */
export const requestIconKeys: readonly RequestIconKey[] = ['parking', 'cleaning', 'meal', 'doctor', 'house', 'transport', 'neighbours', 'other'];

interface Row {
  id: number;
  name: string;
  name_en: string;
  icon: string;
  phrases: string;
  deadline_hours: number;
  active: number;
  sort: number;
}

const toCategory = (r: Row): RequestCategory => ({
  id: r.id,
  name: r.name,
  nameEn: r.name_en,
  icon: (requestIconKeys as readonly string[]).includes(r.icon) ? (r.icon as RequestIconKey) : 'other',
  phrases: JSON.parse(r.phrases) as string[],
  deadlineHours: r.deadline_hours,
  active: r.active === 1,
  sort: r.sort,
});

export function listCategories(db: Db, { activeOnly = false } = {}): RequestCategory[] {
  const rows = db.prepare(`SELECT * FROM request_categories ${activeOnly ? 'WHERE active = 1' : ''} ORDER BY sort, id`).all() as Row[];
  return rows.map(toCategory);
}

const byId = new WeakMap<Db, Statement>();
export function getCategory(db: Db, id: number): RequestCategory | null {
  let st = byId.get(db);
  if (!st) byId.set(db, (st = db.prepare('SELECT * FROM request_categories WHERE id = ?')));
  const r = st.get(id) as Row | undefined;
  return r ? toCategory(r) : null;
}

/** A category a new request may use: it exists and is offered. */
export function requireActiveCategory(db: Db, id: number): RequestCategory {
  const c = getCategory(db, id);
  if (!c || !c.active) throw new ApiError('REQUEST_CATEGORY_UNKNOWN');
  return c;
}

export interface CategoryInput {
  id?: number;
  name: string;
  nameEn?: string;
  icon: RequestIconKey;
  phrases: string[];
  deadlineHours: number;
  active: boolean;
  sort: number;
}

export function saveCategory(db: Db, c: CategoryInput): RequestCategory {
  const clash = db.prepare('SELECT id FROM request_categories WHERE name = ? AND id IS NOT ?').get(c.name, c.id ?? null);
  if (clash) throw new ApiError('REQUEST_CATEGORY_EXISTS', { name: c.name });
  const values = { name: c.name, nameEn: c.nameEn ?? '', icon: c.icon, phrases: JSON.stringify(c.phrases), hours: c.deadlineHours, active: c.active ? 1 : 0, sort: c.sort };
  if (c.id) {
    if (!getCategory(db, c.id)) throw new ApiError('REQUEST_CATEGORY_UNKNOWN');
    db.prepare(
      'UPDATE request_categories SET name = @name, name_en = @nameEn, icon = @icon, phrases = @phrases, deadline_hours = @hours, active = @active, sort = @sort WHERE id = @id',
    ).run({ ...values, id: c.id });
    return getCategory(db, c.id)!;
  }
  const id = db
    .prepare('INSERT INTO request_categories (name, name_en, icon, phrases, deadline_hours, active, sort) VALUES (@name, @nameEn, @icon, @phrases, @hours, @active, @sort)')
    .run(values).lastInsertRowid;
  return getCategory(db, Number(id))!;
}
