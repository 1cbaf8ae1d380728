import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';

/** The center's list of hotels, 民宿 and serviced apartments that residents pick from. */
export interface Lodging {
  id: number;
  name: string;
  kind: 'hotel' | 'minsu' | 'apartment';
  address: string | null;
  active: boolean;
}

export function listLodgings(db: Db, includeInactive = false): Lodging[] {
  const rows = db.prepare(`SELECT id, name, kind, address, active FROM lodgings ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY kind, name`).all() as Array<
    Omit<Lodging, 'active'> & { active: number }
  >;
  return rows.map((r) => ({ ...r, active: r.active === 1 }));
}

/** Adds or changes an entry; names are unique (residents pick by name), an unknown id is NOT_FOUND. */
export function saveLodging(db: Db, l: { id?: number | null; name: string; kind: Lodging['kind']; address: string | null; active: boolean }): number {
  const clash = db.prepare('SELECT id FROM lodgings WHERE name = ? AND id IS NOT ?').get(l.name, l.id ?? null);
  if (clash) throw new ApiError('LODGING_DUPLICATE', { name: l.name });
  if (l.id) {
    if (!db.prepare('SELECT 1 FROM lodgings WHERE id = ?').get(l.id)) throw new ApiError('NOT_FOUND');
    db.prepare('UPDATE lodgings SET name = ?, kind = ?, address = ?, active = ? WHERE id = ?').run(l.name, l.kind, l.address, l.active ? 1 : 0, l.id);
    return l.id;
  }
  return Number(db.prepare('INSERT INTO lodgings (name, kind, address, active) VALUES (?, ?, ?, ?)').run(l.name, l.kind, l.address, l.active ? 1 : 0).lastInsertRowid);
}
