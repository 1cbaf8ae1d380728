import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';

export type CategoryKind = 'equipment' | 'consumable';

export interface CategoryInput {
  name: string;
  /** The English name for English mode ('' or absent: the screens show the Chinese name). */
  nameEn?: string | undefined;
  kind: CategoryKind;
  tagPrefix: string;
  loanMinutes: number;
  depositFen: number;
  cleaningMinutes: number;
  priceFen: number;
}

export interface Category extends CategoryInput {
  id: number;
  nameEn: string;
  stock: number;
}

const columns = `id, name, name_en AS nameEn, kind, tag_prefix AS tagPrefix, loan_minutes AS loanMinutes, deposit_fen AS depositFen,
  cleaning_minutes AS cleaningMinutes, price_fen AS priceFen, stock`;

export function getCategory(db: Db, id: number): Category {
  const row = db.prepare(`SELECT ${columns} FROM loan_categories WHERE id = ?`).get(id) as Category | undefined;
  if (!row) throw new ApiError('NOT_FOUND');
  return row;
}

export function listCategories(db: Db): Category[] {
  return db.prepare(`SELECT ${columns} FROM loan_categories ORDER BY kind, id`).all() as Category[];
}

function checkUnique(db: Db, input: CategoryInput, exceptId: number): void {
  if (db.prepare('SELECT 1 FROM loan_categories WHERE name = ? AND id <> ?').get(input.name, exceptId)) throw new ApiError('LOAN_CATEGORY_EXISTS', { name: input.name });
  if (db.prepare('SELECT 1 FROM loan_categories WHERE tag_prefix = ? AND id <> ?').get(input.tagPrefix, exceptId))
    throw new ApiError('LOAN_TAG_PREFIX_TAKEN', { prefix: input.tagPrefix });
}

export function createCategory(db: Db, input: CategoryInput, now: Date): Category {
  checkUnique(db, input, 0);
  const at = now.toISOString();
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO loan_categories (name, name_en, kind, tag_prefix, loan_minutes, deposit_fen, cleaning_minutes, price_fen, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(input.name, input.nameEn ?? '', input.kind, input.tagPrefix, input.loanMinutes, input.depositFen, input.cleaningMinutes, input.priceFen, at, at);
  return getCategory(db, Number(lastInsertRowid));
}

/** Kind never changes: units or stock already hang off it. */
export function updateCategory(db: Db, id: number, input: Omit<CategoryInput, 'kind'>, now: Date): Category {
  const current = getCategory(db, id);
  checkUnique(db, { ...input, kind: current.kind }, id);
  db.prepare(
    `UPDATE loan_categories SET name = ?, name_en = COALESCE(?, name_en), tag_prefix = ?, loan_minutes = ?, deposit_fen = ?, cleaning_minutes = ?, price_fen = ?, updated_at = ?
     WHERE id = ?`,
  ).run(input.name, input.nameEn ?? null, input.tagPrefix, input.loanMinutes, input.depositFen, input.cleaningMinutes, input.priceFen, now.toISOString(), id);
  return getCategory(db, id);
}

export function requireKind(category: Category, kind: CategoryKind): void {
  if (category.kind !== kind) throw new ApiError('LOAN_WRONG_KIND', { name: category.name, kind: category.kind === 'equipment' ? '借用物资' : '消耗品' });
}
