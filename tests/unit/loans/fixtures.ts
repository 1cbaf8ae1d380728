import type { Db } from '../../../db/connection.js';
import residentsSql from '../../../db/migrations/003_residents.js';
import { generateCardNumber, cardQrPayload } from '../../../db/residents/cards.js';
import { SessionStore } from '../../../db/api/sessions.js';
import { adminToken, ok, tempApi } from '../../helpers/tempDb.js';

/**
 * Residents are the residents module's; tests only need rows to lend to, written straight into its
 * table. (Applies migration 003's SQL only if the table is missing, as it was while 003 was written.)
 */
export function ensureResidentsTable(db: Db): void {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'residents'").get()) db.exec(residentsSql);
}

let seq = 0;
export function addResident(db: Db, name = '张建华', phone: string | null = null): { id: number; cardNo: string; qr: string } {
  ensureResidentsTable(db);
  const cardNo = generateCardNumber();
  const at = new Date('2026-11-01T00:00:00Z').toISOString();
  const { lastInsertRowid } = db
    .prepare('INSERT INTO residents (card_no, name, phone, created_at, updated_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(cardNo, name, phone ?? `1390000${String(++seq).padStart(4, '0')}`, at, at, at);
  return { id: Number(lastInsertRowid), cardNo, qr: cardQrPayload(cardNo) };
}

export const T0 = new Date('2026-11-22T02:00:00Z'); // 10:00 in the center

/** An API at a settable clock, a staff token, a wheelchair category with units and one resident. */
export async function loanDesk(options: { units?: number; cleaningMinutes?: number; slipPrinter?: boolean } = {}) {
  const clock = { now: T0 };
  // A year-long session: tests move the clock by days.
  const t = tempApi({ clock: () => clock.now, sessions: new SessionStore(365 * 86_400_000) });
  ensureResidentsTable(t.db);
  const token = await adminToken(t.api);
  if (options.slipPrinter ?? true) {
    // A slip printer is chosen (a network receipt printer nobody answers at: jobs fail fast, no browser).
    const targets = (await ok(t.api, 'settings.all', {}, token))['printing.targets'];
    await ok(t.api, 'settings.update', { values: { 'printing.targets': { ...targets, loanSlip: { kind: 'escpos', host: '127.0.0.1', port: 9, width: 58 } } } }, token);
  }
  const wheelchair = await ok(
    t.api,
    'inventory.createCategory',
    { name: '轮椅', kind: 'equipment', tagPrefix: 'LY', loanMinutes: 24 * 60, depositFen: 20000, cleaningMinutes: options.cleaningMinutes ?? 0 },
    token,
  );
  const count = options.units ?? 3;
  const units = count > 0 ? (await ok(t.api, 'inventory.addUnits', { categoryId: wheelchair.id, count, printLabels: false }, token)).units : [];
  const resident = addResident(t.db);
  return { ...t, clock, token, wheelchair, units: units as Array<{ id: number; assetTag: string }>, resident };
}
