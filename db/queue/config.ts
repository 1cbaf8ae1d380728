import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import type { QueueCounter, QueueService } from './types.js';

interface ServiceRow {
  id: number;
  name: string;
  name_en: string;
  prefix: string;
  opens_at: string;
  closes_at: string;
  daily_limit: number;
  active: number;
  sort: number;
}
interface CounterRow {
  id: number;
  number: number;
  name: string;
  paused: number;
  active: number;
}

function links(db: Db): Array<{ counter_id: number; service_id: number }> {
  return db.prepare('SELECT counter_id, service_id FROM queue_counter_services ORDER BY counter_id, service_id').all() as Array<{ counter_id: number; service_id: number }>;
}

export function listServices(db: Db, { activeOnly = false } = {}): QueueService[] {
  const rows = db.prepare(`SELECT * FROM queue_services ${activeOnly ? 'WHERE active = 1' : ''} ORDER BY sort, prefix`).all() as ServiceRow[];
  const all = links(db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    nameEn: r.name_en,
    prefix: r.prefix,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    dailyLimit: r.daily_limit,
    active: r.active === 1,
    sort: r.sort,
    counterIds: all.filter((l) => l.service_id === r.id).map((l) => l.counter_id),
  }));
}

export function getService(db: Db, id: number): QueueService | undefined {
  // Called inside every 取号: one row and its counters, not the whole list.
  const r = db.prepare('SELECT * FROM queue_services WHERE id = ?').get(id) as ServiceRow | undefined;
  if (!r) return undefined;
  const counterIds = (db.prepare('SELECT counter_id FROM queue_counter_services WHERE service_id = ? ORDER BY counter_id').all(id) as Array<{ counter_id: number }>).map(
    (l) => l.counter_id,
  );
  return {
    id: r.id,
    name: r.name,
    nameEn: r.name_en,
    prefix: r.prefix,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    dailyLimit: r.daily_limit,
    active: r.active === 1,
    sort: r.sort,
    counterIds,
  };
}

export function listCounters(db: Db, { activeOnly = false } = {}): QueueCounter[] {
  const rows = db.prepare(`SELECT * FROM queue_counters ${activeOnly ? 'WHERE active = 1' : ''} ORDER BY number`).all() as CounterRow[];
  const all = links(db);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    name: r.name,
    paused: r.paused === 1,
    active: r.active === 1,
    serviceIds: all.filter((l) => l.counter_id === r.id).map((l) => l.service_id),
  }));
}

export function getCounter(db: Db, id: number): QueueCounter | undefined {
  return listCounters(db).find((c) => c.id === id);
}

export type ServiceInput = Omit<QueueService, 'id' | 'counterIds' | 'nameEn'> & { id?: number | undefined; nameEn?: string | undefined; counterIds?: number[] | undefined };
export type CounterInput = Omit<QueueCounter, 'id' | 'paused' | 'serviceIds'> & { id?: number | undefined; serviceIds: number[] };

/** Creates or updates a service (and, if given, which counters serve it). */
export function saveService(db: Db, input: ServiceInput): QueueService {
  const clash = db.prepare('SELECT id FROM queue_services WHERE prefix = ? AND id IS NOT ?').get(input.prefix, input.id ?? null);
  if (clash) throw new ApiError('QUEUE_PREFIX_TAKEN', { prefix: input.prefix });
  const id = db.transaction(() => {
    const values = [input.name, input.nameEn ?? '', input.prefix, input.opensAt, input.closesAt, input.dailyLimit, input.active ? 1 : 0, input.sort];
    let id = input.id;
    if (id) {
      const r = db
        .prepare('UPDATE queue_services SET name = ?, name_en = ?, prefix = ?, opens_at = ?, closes_at = ?, daily_limit = ?, active = ?, sort = ? WHERE id = ?')
        .run(...values, id);
      if (r.changes === 0) throw new ApiError('NOT_FOUND');
    } else {
      id = Number(
        db.prepare('INSERT INTO queue_services (name, name_en, prefix, opens_at, closes_at, daily_limit, active, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(...values)
          .lastInsertRowid,
      );
    }
    if (input.counterIds) {
      db.prepare('DELETE FROM queue_counter_services WHERE service_id = ?').run(id);
      const link = db.prepare('INSERT OR IGNORE INTO queue_counter_services (counter_id, service_id) SELECT id, ? FROM queue_counters WHERE id = ?');
      for (const c of input.counterIds) link.run(id, c);
    }
    return id;
  })();
  return getService(db, id)!;
}

/** Creates or updates a counter and the services it calls for. */
export function saveCounter(db: Db, input: CounterInput): QueueCounter {
  const clash = db.prepare('SELECT id FROM queue_counters WHERE number = ? AND id IS NOT ?').get(input.number, input.id ?? null);
  if (clash) throw new ApiError('QUEUE_COUNTER_NUMBER_TAKEN', { number: input.number });
  const id = db.transaction(() => {
    let id = input.id;
    if (id) {
      const r = db.prepare('UPDATE queue_counters SET number = ?, name = ?, active = ? WHERE id = ?').run(input.number, input.name, input.active ? 1 : 0, id);
      if (r.changes === 0) throw new ApiError('NOT_FOUND');
    } else {
      id = Number(db.prepare('INSERT INTO queue_counters (number, name, active) VALUES (?, ?, ?)').run(input.number, input.name, input.active ? 1 : 0).lastInsertRowid);
    }
    db.prepare('DELETE FROM queue_counter_services WHERE counter_id = ?').run(id);
    const link = db.prepare('INSERT OR IGNORE INTO queue_counter_services (counter_id, service_id) SELECT ?, id FROM queue_services WHERE id = ?');
    for (const s of input.serviceIds) link.run(id, s);
    return id;
  })();
  return getCounter(db, id)!;
}

export function setCounterPaused(db: Db, counterId: number, paused: boolean): QueueCounter {
  const r = db.prepare('UPDATE queue_counters SET paused = ? WHERE id = ?').run(paused ? 1 : 0, counterId);
  if (r.changes === 0) throw new ApiError('NOT_FOUND');
  return getCounter(db, counterId)!;
}
