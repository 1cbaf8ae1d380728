import type { Db } from '../connection.js';
import { recordAudit } from '../audit.js';
import { ApiError } from '../errors/index.js';

/**
 * The 爱心超市 catalogue: goods with a stock count, and meals (no stock). Prices in points. An
 * item is never deleted (past redemptions name it): it is taken off the shelf (active = 0).
 */
export interface CatalogueItem {
  id: number;
  name: string;
  kind: 'goods' | 'meal';
  pricePoints: number;
  /** null for meals. */
  stock: number | null;
  active: boolean;
}

const SELECT = 'SELECT id, name, kind, price_points AS pricePoints, stock, active FROM vol_items';
const toItem = (r: Omit<CatalogueItem, 'active'> & { active: number }): CatalogueItem => ({ ...r, active: r.active === 1 });

export function listItems(db: Db, options: { includeInactive: boolean }): CatalogueItem[] {
  return (db.prepare(`${SELECT} ${options.includeInactive ? '' : 'WHERE active = 1'} ORDER BY kind, name`).all() as Array<Omit<CatalogueItem, 'active'> & { active: number }>).map(
    toItem,
  );
}

export function getItem(db: Db, id: number): CatalogueItem | null {
  const r = db.prepare(`${SELECT} WHERE id = ?`).get(id) as (Omit<CatalogueItem, 'active'> & { active: number }) | undefined;
  return r ? toItem(r) : null;
}

export interface ItemInput {
  id?: number;
  name: string;
  kind: 'goods' | 'meal';
  pricePoints: number;
  stock?: number | null;
  active: boolean;
}

/** Adds or edits an item (manager). A meal never has a stock; goods always do (0 when not given). */
export function saveItem(db: Db, input: ItemInput, staffId: number, now: Date): CatalogueItem {
  if (input.kind === 'meal' && input.stock !== undefined && input.stock !== null) throw new ApiError('VOL_MEAL_NO_STOCK');
  const stock = input.kind === 'meal' ? null : (input.stock ?? 0);
  const clash = db.prepare('SELECT id FROM vol_items WHERE name = ? AND id IS NOT ?').get(input.name, input.id ?? null);
  if (clash) throw new ApiError('VOL_ITEM_EXISTS', { name: input.name });
  const at = now.toISOString();
  let id = input.id;
  if (id !== undefined) {
    const before = getItem(db, id);
    if (!before) throw new ApiError('VOL_ITEM_UNKNOWN');
    db.prepare('UPDATE vol_items SET name = ?, kind = ?, price_points = ?, stock = ?, active = ?, updated_at = ? WHERE id = ?').run(
      input.name,
      input.kind,
      input.pricePoints,
      stock,
      input.active ? 1 : 0,
      at,
      id,
    );
    recordAudit(db, { staffId, action: 'volunteering.itemSaved', subject: `item:${id}`, detail: { before, after: { ...input, stock } } }, now);
  } else {
    id = Number(
      db
        .prepare('INSERT INTO vol_items (name, kind, price_points, stock, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.name, input.kind, input.pricePoints, stock, input.active ? 1 : 0, at, at).lastInsertRowid,
    );
    recordAudit(db, { staffId, action: 'volunteering.itemSaved', subject: `item:${id}`, detail: { after: { ...input, stock } } }, now);
  }
  return getItem(db, id)!;
}

/** 入库: adds goods to the shelf (a count, never a typed-in total), audited. */
export function restockItem(db: Db, id: number, add: number, staffId: number, now: Date): CatalogueItem {
  const item = getItem(db, id);
  if (!item) throw new ApiError('VOL_ITEM_UNKNOWN');
  if (item.kind === 'meal') throw new ApiError('VOL_MEAL_NO_STOCK');
  db.prepare('UPDATE vol_items SET stock = stock + ?, updated_at = ? WHERE id = ?').run(add, now.toISOString(), id);
  recordAudit(db, { staffId, action: 'volunteering.restocked', subject: `item:${id}`, detail: { add, before: item.stock } }, now);
  return getItem(db, id)!;
}
