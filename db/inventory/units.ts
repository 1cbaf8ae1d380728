import { formatCenterTime } from '../localTime.js';
import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { getCategory, requireKind } from './categories.js';
import { formatTag, parseAssetCode } from './tags.js';

export type UnitStatus = 'available' | 'out' | 'repair' | 'retired';
/** What staff see: the stored status, with 消毒中 derived from the cleaning buffer. */
export type UnitState = UnitStatus | 'cleaning';

export interface Unit {
  id: number;
  categoryId: number;
  categoryName: string;
  categoryNameEn: string;
  assetTag: string;
  status: UnitStatus;
  state: UnitState;
  location: string;
  cleanUntil: string | null;
  note: string | null;
}

type UnitRow = Omit<Unit, 'state'>;

const select = `SELECT u.id, u.category_id AS categoryId, c.name AS categoryName, c.name_en AS categoryNameEn, u.asset_tag AS assetTag, u.status,
  u.location, u.clean_until AS cleanUntil, u.note
  FROM loan_units u JOIN loan_categories c ON c.id = u.category_id`;

export function stateOf(row: UnitRow, now: Date): UnitState {
  if (row.status === 'available' && row.cleanUntil && row.cleanUntil > now.toISOString()) return 'cleaning';
  return row.status;
}

const withState = (row: UnitRow, now: Date): Unit => ({ ...row, state: stateOf(row, now) });

export function getUnit(db: Db, id: number, now: Date): Unit {
  const row = db.prepare(`${select} WHERE u.id = ?`).get(id) as UnitRow | undefined;
  if (!row) throw new ApiError('NOT_FOUND');
  return withState(row, now);
}

/** A scanned label (`HNA1:LY-0001`) or a typed tag → the unit, or a message naming what was scanned. */
export function findUnitByCode(db: Db, code: string, now: Date): Unit {
  const tag = parseAssetCode(code);
  const row = db.prepare(`${select} WHERE u.asset_tag = ?`).get(tag) as UnitRow | undefined;
  if (!row) throw new ApiError('LOAN_UNIT_UNKNOWN', { code: tag || code.trim() });
  return withState(row, now);
}

export function listUnits(db: Db, filter: { categoryId?: number | undefined; status?: UnitStatus | undefined }, now: Date): Unit[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.categoryId) {
    where.push('u.category_id = ?');
    args.push(filter.categoryId);
  }
  if (filter.status) {
    where.push('u.status = ?');
    args.push(filter.status);
  }
  const sql = `${select}${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY u.category_id, u.asset_tag LIMIT 2000`;
  return (db.prepare(sql).all(...args) as UnitRow[]).map((r) => withState(r, now));
}

/** Adds `count` units with the next free tags of the category; call inside a transaction. */
export function addUnits(db: Db, input: { categoryId: number; count: number; location: string }, now: Date): Unit[] {
  const category = getCategory(db, input.categoryId);
  requireKind(category, 'equipment');
  const { next } = db.prepare('SELECT next_tag_no AS next FROM loan_categories WHERE id = ?').get(category.id) as { next: number };
  const at = now.toISOString();
  const insert = db.prepare(`INSERT INTO loan_units (category_id, asset_tag, status, location, created_at, updated_at) VALUES (?, ?, 'available', ?, ?, ?)`);
  const ids: number[] = [];
  let no = next;
  while (ids.length < input.count) {
    const tag = formatTag(category.tagPrefix, no++);
    // A tag typed in by hand earlier may already hold this number: skip it rather than fail.
    if (db.prepare('SELECT 1 FROM loan_units WHERE asset_tag = ?').get(tag)) continue;
    ids.push(Number(insert.run(category.id, tag, input.location, at, at).lastInsertRowid));
  }
  db.prepare('UPDATE loan_categories SET next_tag_no = ?, updated_at = ? WHERE id = ?').run(no, at, category.id);
  return ids.map((id) => getUnit(db, id, now));
}

function setStatus(db: Db, id: number, status: UnitStatus, note: string | null, now: Date): void {
  db.prepare('UPDATE loan_units SET status = ?, note = COALESCE(?, note), clean_until = NULL, updated_at = ? WHERE id = ?').run(status, note, now.toISOString(), id);
}

/** 报废: never lent again. A unit out on loan must be returned first (its loan holds a deposit). */
export function retireUnit(db: Db, id: number, reason: string, now: Date): Unit {
  const unit = getUnit(db, id, now);
  if (unit.status === 'out') throw new ApiError('LOAN_UNIT_OUT', { tag: unit.assetTag });
  setStatus(db, id, 'retired', reason, now);
  return getUnit(db, id, now);
}

export function sendToRepair(db: Db, id: number, note: string, now: Date): Unit {
  const unit = getUnit(db, id, now);
  if (unit.status === 'out') throw new ApiError('LOAN_UNIT_OUT', { tag: unit.assetTag });
  if (unit.status === 'retired') throw new ApiError('LOAN_UNIT_RETIRED', { tag: unit.assetTag });
  setStatus(db, id, 'repair', note, now);
  return getUnit(db, id, now);
}

/** 维修好了: lendable again at once (repair includes cleaning). */
export function markRepaired(db: Db, id: number, now: Date): Unit {
  const unit = getUnit(db, id, now);
  if (unit.status !== 'repair') throw new ApiError('LOAN_NOT_IN_REPAIR', { tag: unit.assetTag });
  setStatus(db, id, 'available', null, now);
  return getUnit(db, id, now);
}

export function setLocation(db: Db, id: number, location: string, now: Date): Unit {
  getUnit(db, id, now);
  db.prepare('UPDATE loan_units SET location = ?, updated_at = ? WHERE id = ?').run(location, now.toISOString(), id);
  return getUnit(db, id, now);
}

/** Refuses to lend a unit that is not 在库 with a message naming why; the check-out calls it in its transaction. */
/** Refuses a unit that cannot go out now; times in the message are the center's (`timeZone`). */
export function assertLendable(unit: Unit, timeZone: string): void {
  const tag = unit.assetTag;
  if (unit.state === 'out') throw new ApiError('LOAN_UNIT_OUT', { tag });
  if (unit.state === 'repair') throw new ApiError('LOAN_UNIT_REPAIR', { tag });
  if (unit.state === 'retired') throw new ApiError('LOAN_UNIT_RETIRED', { tag });
  if (unit.state === 'cleaning') throw new ApiError('LOAN_UNIT_CLEANING', { tag, until: formatCenterTime(unit.cleanUntil!, timeZone) });
}
