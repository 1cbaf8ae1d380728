import type { Db } from '../connection.js';
import { recordAudit } from '../audit.js';
import { ApiError } from '../errors/index.js';
import { getItem } from './catalogue.js';
import { REDEMPTION_ACCOUNT, accountBalance, postTransaction, residentAccount, reverseTransaction } from './ledger.js';
import { activeResident } from './volunteers.js';

/**
 * 兑换 at the staff desk: the resident's card is scanned, items chosen. In ONE transaction (the
 * handler's IMMEDIATE one, so two desks cannot both spend the last points or take the last bag of
 * rice): every item checked (on the shelf, enough stock), the balance checked, stock decremented,
 * the points moved resident → 爱心超市, the redemption recorded for the receipt and the reports.
 */
export interface RedemptionLine {
  itemId: number;
  quantity: number;
}

export interface Redemption {
  id: number;
  txnId: number;
  residentId: number;
  at: string;
  totalPoints: number;
  balanceAfter: number;
  lines: Array<{ itemId: number; name: string; quantity: number; unitPoints: number }>;
}

export function redeem(db: Db, input: { residentId: number; lines: RedemptionLine[]; staffId: number }, now: Date): Redemption {
  if (!db.inTransaction) throw new Error('redeem must run inside a transaction');
  activeResident(db, input.residentId);
  const lines = input.lines.map((l) => {
    const item = getItem(db, l.itemId);
    if (!item) throw new ApiError('VOL_ITEM_UNKNOWN');
    if (!item.active) throw new ApiError('VOL_ITEM_INACTIVE', { name: item.name });
    if (item.stock !== null && item.stock < l.quantity) throw new ApiError('VOL_STOCK_SHORT', { name: item.name, stock: item.stock, quantity: l.quantity });
    return { itemId: item.id, name: item.name, quantity: l.quantity, unitPoints: item.pricePoints, goods: item.stock !== null };
  });
  const total = lines.reduce((n, l) => n + l.quantity * l.unitPoints, 0);
  const account = residentAccount(db, input.residentId, now);
  const balance = accountBalance(db, account);
  if (balance < total) throw new ApiError('VOL_BALANCE_SHORT', { needed: total, balance });
  const take = db.prepare('UPDATE vol_items SET stock = stock - ?, updated_at = ? WHERE id = ? AND stock >= ?');
  for (const l of lines) {
    // The WHERE repeats the check: the row is what counts, whatever was read above.
    if (l.goods && take.run(l.quantity, now.toISOString(), l.itemId, l.quantity).changes !== 1) {
      const item = getItem(db, l.itemId)!;
      throw new ApiError('VOL_STOCK_SHORT', { name: item.name, stock: item.stock ?? 0, quantity: l.quantity });
    }
  }
  const memo = `兑换 ${lines.map((l) => `${l.name}×${l.quantity}`).join('、')}`;
  const txn = postTransaction(
    db,
    {
      kind: 'redemption',
      memo,
      staffId: input.staffId,
      entries: [
        { accountId: account, amount: -total },
        { accountId: REDEMPTION_ACCOUNT, amount: total },
      ],
    },
    now,
  );
  const at = now.toISOString();
  const id = Number(
    db.prepare('INSERT INTO vol_redemptions (txn_id, resident_id, staff_id, at, total_points) VALUES (?, ?, ?, ?, ?)').run(txn.id, input.residentId, input.staffId, at, total)
      .lastInsertRowid,
  );
  const line = db.prepare('INSERT INTO vol_redemption_lines (redemption_id, item_id, item_name, quantity, unit_points) VALUES (?, ?, ?, ?, ?)');
  for (const l of lines) line.run(id, l.itemId, l.name, l.quantity, l.unitPoints);
  recordAudit(db, { staffId: input.staffId, action: 'volunteering.redeemed', subject: `resident:${input.residentId}`, detail: { redemptionId: id, total } }, now);
  return { id, txnId: txn.id, residentId: input.residentId, at, totalPoints: total, balanceAfter: balance - total, lines: lines.map(({ goods: _g, ...l }) => l) };
}

/**
 * 撤销 (manager): a new reversing transaction. A redemption puts its goods back on the shelf; a
 * credit marks its hours 已撤销 and takes the points back — refused if the resident has already
 * spent them (the balance would go negative).
 */
export function reverseLedgerTransaction(db: Db, input: { txnId: number; reason: string; staffId: number }, now: Date): { reversalTxnId: number } {
  if (!db.inTransaction) throw new Error('reverse must run inside a transaction');
  const txn = db.prepare('SELECT id, kind FROM ledger_transactions WHERE id = ?').get(input.txnId) as { id: number; kind: string } | undefined;
  if (!txn) throw new ApiError('VOL_TXN_UNKNOWN');
  if (txn.kind === 'credit') {
    const credited = db
      .prepare("SELECT e.account_id AS account, e.amount FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE e.txn_id = ? AND a.kind = 'resident'")
      .get(txn.id) as { account: number; amount: number } | undefined;
    if (credited) {
      const balance = accountBalance(db, credited.account);
      if (balance < credited.amount) throw new ApiError('VOL_REVERSAL_BALANCE', { balance, amount: credited.amount });
    }
  }
  const reversal = reverseTransaction(db, input.txnId, `撤销：${input.reason}`, input.staffId, now);
  if (txn.kind === 'redemption') {
    const red = db.prepare('SELECT id FROM vol_redemptions WHERE txn_id = ?').get(txn.id) as { id: number } | undefined;
    if (red) {
      const back = db.prepare('UPDATE vol_items SET stock = stock + ?, updated_at = ? WHERE id = ? AND stock IS NOT NULL');
      for (const l of db.prepare('SELECT item_id, quantity FROM vol_redemption_lines WHERE redemption_id = ?').all(red.id) as Array<{ item_id: number; quantity: number }>)
        back.run(l.quantity, now.toISOString(), l.item_id);
    }
  } else if (txn.kind === 'credit') {
    db.prepare("UPDATE vol_hours SET status = 'reversed', decision_note = ? WHERE txn_id = ?").run(input.reason, txn.id);
  }
  recordAudit(db, { staffId: input.staffId, action: 'volunteering.reversed', subject: `txn:${txn.id}`, detail: { reversalTxnId: reversal.id, reason: input.reason } }, now);
  return { reversalTxnId: reversal.id };
}

export function redemptionByTxn(db: Db, txnId: number): Redemption | null {
  const r = db.prepare('SELECT id, txn_id AS txnId, resident_id AS residentId, at, total_points AS totalPoints FROM vol_redemptions WHERE txn_id = ?').get(txnId) as
    Omit<Redemption, 'lines' | 'balanceAfter'> | undefined;
  if (!r) return null;
  const lines = db
    .prepare('SELECT item_id AS itemId, item_name AS name, quantity, unit_points AS unitPoints FROM vol_redemption_lines WHERE redemption_id = ?')
    .all(r.id) as Redemption['lines'];
  return { ...r, lines, balanceAfter: 0 };
}
