import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { formatCardNumber } from '../residents/cards.js';
import type { PointsStatementData } from '../printing/layouts/pointsStatement.js';
import { accountView } from './account.js';
import { findResidentAccount } from './ledger.js';
import { partyDayAttendance } from './partyDay.js';
import { activeResident } from './volunteers.js';

/** The newest lines the statement lists (the totals cover everything). */
export const STATEMENT_LINES = 60;

/** Everything the A4 statement prints for one resident (read in one go, no writes). */
export function statementData(db: Db, residentId: number): PointsStatementData {
  const r = activeResident(db, residentId);
  const view = accountView(db, r, STATEMENT_LINES);
  const account = findResidentAccount(db, r.id);
  const totals =
    account === null
      ? { earned: 0, spent: 0 }
      : (db
          .prepare(
            `SELECT COALESCE(SUM(CASE WHEN e.amount > 0 THEN e.amount END), 0) AS earned, COALESCE(-SUM(CASE WHEN e.amount < 0 THEN e.amount END), 0) AS spent
             FROM ledger_entries e JOIN ledger_postings p ON p.txn_id = e.txn_id WHERE e.account_id = ?`,
          )
          .get(account) as { earned: number; spent: number });
  const volunteer = db.prepare('SELECT joined_at FROM volunteers WHERE resident_id = ?').get(r.id) as { joined_at: string } | undefined;
  if (!r.name) throw new ApiError('VOL_STATEMENT_ANONYMISED');
  return {
    name: r.name,
    cardNo: formatCardNumber(r.cardNo),
    partyMember: r.partyMember,
    joinedAt: volunteer?.joined_at ?? null,
    minutes: view.minutes,
    balance: view.balance,
    tierName: view.tier.name,
    pointsPerHour: view.pointsPerHour,
    hours: view.hours,
    history: view.history.map((h) => ({ at: h.at, memo: h.memo, amount: h.amount, reversed: h.reversed })),
    partyDays: r.partyMember ? partyDayAttendance(db, r.id).map((p) => ({ title: p.title, startsAt: p.startsAt, attendedAt: p.attendedAt })) : [],
    earned: totals.earned,
    spent: totals.spent,
  };
}
