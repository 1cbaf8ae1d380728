import type { Db } from '../connection.js';
import { onResidentErased } from '../residents/erasureHooks.js';

/**
 * Erasure of a resident (db/residents anonymiseResident, inside its transaction): the ledger stays
 * balanced — entries are never touched, they keep their amounts — and the person's account is
 * anonymised (its resident link removed, so no balance or statement can be asked for them again).
 * The volunteer profile (skills, note) goes; the free-text reasons of manual credits, which may
 * name people, are cleared; the hours rows stay for the statistics, as stays do.
 */
export function eraseVolunteering(db: Db, residentId: number): void {
  db.prepare("UPDATE ledger_accounts SET resident_id = NULL, status = 'anonymised' WHERE resident_id = ?").run(residentId);
  db.prepare('DELETE FROM volunteers WHERE resident_id = ?').run(residentId);
  db.prepare("UPDATE vol_hours SET reason = CASE WHEN reason IS NULL THEN NULL ELSE '（已删除）' END, decision_note = NULL WHERE resident_id = ?").run(residentId);
}

onResidentErased('volunteering', (db, residentId) => eraseVolunteering(db, residentId));
