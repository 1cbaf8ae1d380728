import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { residentById } from '../loans/residentInfo.js';
import { getCategory, requireKind, type Category } from './categories.js';

export type IssueKind = 'handout' | 'sale';
export type PayMethod = 'cash' | 'wechat' | 'alipay';

export interface IssueInput {
  categoryId: number;
  quantity: number;
  kind: IssueKind;
  residentId?: number | null | undefined;
  method?: PayMethod | null | undefined;
  note?: string | null | undefined;
  staffId: number | null;
}

/**
 * Hands out or sells consumables. The stock update is conditional (stock >= quantity) so two desks
 * handing out the last box cannot take it below zero; the table's CHECK is the backstop.
 */
export function issueConsumable(db: Db, input: IssueInput, now: Date): { category: Category; issueId: number; amountFen: number } {
  const category = getCategory(db, input.categoryId);
  requireKind(category, 'consumable');
  if (input.residentId) residentById(db, input.residentId);
  const changed = db
    .prepare('UPDATE loan_categories SET stock = stock - ?, updated_at = ? WHERE id = ? AND stock >= ?')
    .run(input.quantity, now.toISOString(), category.id, input.quantity).changes;
  if (changed === 0) throw new ApiError('LOAN_STOCK_SHORT', { name: category.name, stock: category.stock, quantity: input.quantity });
  const amountFen = input.kind === 'sale' ? category.priceFen * input.quantity : 0;
  const { lastInsertRowid } = db
    .prepare('INSERT INTO consumable_issues (category_id, resident_id, kind, quantity, amount_fen, method, note, staff_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(
      category.id,
      input.residentId ?? null,
      input.kind,
      input.quantity,
      amountFen,
      input.kind === 'sale' ? (input.method ?? 'cash') : null,
      input.note ?? null,
      input.staffId,
      now.toISOString(),
    );
  return { category: getCategory(db, category.id), issueId: Number(lastInsertRowid), amountFen };
}

export function restock(db: Db, input: { categoryId: number; quantity: number; note?: string | null | undefined; staffId: number | null }, now: Date): Category {
  const category = getCategory(db, input.categoryId);
  requireKind(category, 'consumable');
  db.prepare('UPDATE loan_categories SET stock = stock + ?, updated_at = ? WHERE id = ?').run(input.quantity, now.toISOString(), category.id);
  db.prepare("INSERT INTO consumable_issues (category_id, kind, quantity, note, staff_id, at) VALUES (?, 'restock', ?, ?, ?, ?)").run(
    category.id,
    input.quantity,
    input.note ?? null,
    input.staffId,
    now.toISOString(),
  );
  return getCategory(db, category.id);
}

export interface IssueRecord {
  id: number;
  kind: IssueKind | 'restock';
  quantity: number;
  amountFen: number;
  /** How a sale was paid; null for hand-outs and restocks. */
  method: PayMethod | null;
  residentId: number | null;
  at: string;
}

export function listIssues(db: Db, categoryId: number, limit = 100): IssueRecord[] {
  return db
    .prepare('SELECT id, kind, quantity, amount_fen AS amountFen, method, resident_id AS residentId, at FROM consumable_issues WHERE category_id = ? ORDER BY id DESC LIMIT ?')
    .all(categoryId, limit) as IssueRecord[];
}
