import type { Db } from '../connection.js';
import { onResidentErased, onResidentsMerged } from '../residents/residentHooks.js';
import { accountBalance, findResidentAccount, postTransaction, residentAccount } from './ledger.js';

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

/**
 * Two records of one person merged (db/residents mergeResidents, before it re-points resident ids):
 * the dropped record's points move to the kept record's account by a transfer transaction (entries
 * are never re-pointed), and its account is closed as merged; two volunteer rows become one (skills
 * joined, the earlier joining date, active if either was). Hours and redemptions are then re-pointed
 * by the merge itself.
 */
export function mergeVolunteering(db: Db, keepId: number, dropId: number, now: Date): void {
  const dropAccount = findResidentAccount(db, dropId);
  if (dropAccount !== null) {
    const balance = accountBalance(db, dropAccount);
    if (balance !== 0) {
      const keepAccount = residentAccount(db, keepId, now);
      postTransaction(
        db,
        {
          kind: 'transfer',
          memo: '合并重复档案：积分转入',
          entries: [
            { accountId: dropAccount, amount: -balance },
            { accountId: keepAccount, amount: balance },
          ],
        },
        now,
      );
    }
    db.prepare("UPDATE ledger_accounts SET resident_id = NULL, status = 'merged' WHERE id = ?").run(dropAccount);
  }
  const rows = db.prepare('SELECT resident_id AS id, skills, active, note, joined_at AS joinedAt FROM volunteers WHERE resident_id IN (?, ?)').all(keepId, dropId) as Array<{
    id: number;
    skills: string;
    active: number;
    note: string | null;
    joinedAt: string;
  }>;
  const keep = rows.find((r) => r.id === keepId);
  const drop = rows.find((r) => r.id === dropId);
  if (keep && drop) {
    const skills = [...new Set([...(JSON.parse(keep.skills) as string[]), ...(JSON.parse(drop.skills) as string[])])];
    db.prepare('UPDATE volunteers SET skills = ?, active = ?, note = COALESCE(note, ?), joined_at = MIN(joined_at, ?), updated_at = ? WHERE resident_id = ?').run(
      JSON.stringify(skills),
      keep.active || drop.active ? 1 : 0,
      drop.note,
      drop.joinedAt,
      now.toISOString(),
      keepId,
    );
    db.prepare('DELETE FROM volunteers WHERE resident_id = ?').run(dropId);
  }
}

onResidentErased('volunteering', (db, residentId) => eraseVolunteering(db, residentId));
onResidentsMerged('volunteering', mergeVolunteering);
