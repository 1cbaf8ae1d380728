import type { Db } from '../connection.js';
import { centerTimeZone, localDate } from '../localTime.js';

export interface CategoryCounts {
  categoryId: number;
  name: string;
  nameEn: string;
  kind: 'equipment' | 'consumable';
  /** Lendable now: 在库, not 消毒中, less today's reservations still held. Consumables: the stock. */
  available: number;
  inStock: number;
  cleaning: number;
  out: number;
  repair: number;
  retired: number;
  reservedToday: number;
}

/**
 * Per-category counts in one grouped query. Reservations held for today count against what is
 * available; past days' holds have expired and count for nothing.
 */
export function categoryCounts(db: Db, now: Date): CategoryCounts[] {
  const nowIso = now.toISOString();
  const today = localDate(now, centerTimeZone(db));
  const rows = db
    .prepare(
      `SELECT c.id AS categoryId, c.name, c.name_en AS nameEn, c.kind, c.stock,
        COALESCE(SUM(u.status = 'available' AND (u.clean_until IS NULL OR u.clean_until <= @now)), 0) AS inStock,
        COALESCE(SUM(u.status = 'available' AND u.clean_until > @now), 0) AS cleaning,
        COALESCE(SUM(u.status = 'out'), 0) AS out,
        COALESCE(SUM(u.status = 'repair'), 0) AS repair,
        COALESCE(SUM(u.status = 'retired'), 0) AS retired,
        (SELECT COUNT(*) FROM loan_reservations r WHERE r.category_id = c.id AND r.for_date = @today AND r.status = 'held') AS reservedToday
       FROM loan_categories c LEFT JOIN loan_units u ON u.category_id = c.id
       GROUP BY c.id ORDER BY c.kind DESC, c.id`,
    )
    .all({ now: nowIso, today }) as Array<Omit<CategoryCounts, 'available'> & { stock: number }>;
  return rows.map(({ stock, ...r }) => (r.kind === 'consumable' ? { ...r, inStock: stock, available: stock } : { ...r, available: Math.max(0, r.inStock - r.reservedToday) }));
}

/** One line of the kiosk's 可借物资: what the resident can have and on what terms; nothing about who has what. */
export interface PublicAvailability {
  name: string;
  nameEn: string;
  kind: 'equipment' | 'consumable';
  available: number;
  /** Equipment: the deposit asked at the desk (0 = none). */
  depositFen: number;
  /** Consumables: 0 = 免费领取, else the price of one (购买). */
  priceFen: number;
}

/** For the kiosk: category, count and terms only, nothing about who has what. */
export function publicAvailability(db: Db, now: Date): PublicAvailability[] {
  const terms = new Map(
    (db.prepare('SELECT id, deposit_fen AS depositFen, price_fen AS priceFen FROM loan_categories').all() as Array<{ id: number; depositFen: number; priceFen: number }>).map(
      (r) => [r.id, r],
    ),
  );
  return categoryCounts(db, now).map(({ categoryId, name, nameEn, kind, available }) => ({
    name,
    nameEn,
    kind,
    available,
    depositFen: kind === 'equipment' ? (terms.get(categoryId)?.depositFen ?? 0) : 0,
    priceFen: kind === 'consumable' ? (terms.get(categoryId)?.priceFen ?? 0) : 0,
  }));
}
