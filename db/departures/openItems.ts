import type { Db } from '../connection.js';

/**
 * "A departure with open items" (issue 12.1): the one rule that spans residents and loans lives
 * here, read-only over both domains' tables (residents owns stays, loans owns loans; neither
 * module writes for the other).
 *
 * - An open item is a loan not yet returned, with the deposit held for it.
 * - A departed borrower is a person with an open item, no open stay, and a departure recorded after
 *   the item went out: they left town holding it. Derived, never stored — the mark disappears by
 *   itself when the item comes back or the person checks in again.
 *
 * 离开登记 (kiosk and staff) shows the open items before the person confirms, then records the
 * departure with them (the audit entry lists them); 借出中, the profile and the dashboard's
 * 已离开未归还 card read {@link departedWithOpenItems}.
 */
export interface OpenItem {
  loanId: number;
  categoryName: string;
  categoryNameEn: string;
  assetTag: string;
  outAt: string;
  dueAt: string;
  depositFen: number;
}

export interface DepartedOpenItem extends OpenItem {
  residentId: number;
  residentName: string;
  residentPhone: string | null;
  departedAt: string;
}

const ITEM_COLS = `l.id AS loanId, c.name AS categoryName, c.name_en AS categoryNameEn, u.asset_tag AS assetTag, l.out_at AS outAt, l.due_at AS dueAt, l.deposit_fen AS depositFen`;
const FROM = `FROM loans l JOIN loan_units u ON u.id = l.unit_id JOIN loan_categories c ON c.id = u.category_id`;

/** What this person still holds, oldest first. */
export function openItemsOf(db: Db, residentId: number): OpenItem[] {
  return db.prepare(`SELECT ${ITEM_COLS} ${FROM} WHERE l.resident_id = ? AND l.returned_at IS NULL ORDER BY l.out_at`).all(residentId) as OpenItem[];
}

/** Every open item whose borrower has since left (no open stay; last departure after the loan). */
export function departedWithOpenItems(db: Db): DepartedOpenItem[] {
  return db
    .prepare(
      `SELECT ${ITEM_COLS}, l.resident_id AS residentId, COALESCE(r.name, '') AS residentName, r.phone AS residentPhone, d.departedAt
       ${FROM}
       JOIN residents r ON r.id = l.resident_id
       JOIN (SELECT resident_id, MAX(departed_at) AS departedAt FROM stays GROUP BY resident_id HAVING COUNT(*) = COUNT(departed_at)) d
         ON d.resident_id = l.resident_id
       WHERE l.returned_at IS NULL AND d.departedAt >= l.out_at
       ORDER BY d.departedAt DESC`,
    )
    .all() as DepartedOpenItem[];
}

/** 已离开未归还 on the dashboard: how many items, held by how many people. */
export function departedOpenSummary(db: Db): { items: number; people: number; depositFen: number } {
  const rows = departedWithOpenItems(db);
  return { items: rows.length, people: new Set(rows.map((r) => r.residentId)).size, depositFen: rows.reduce((n, r) => n + r.depositFen, 0) };
}
