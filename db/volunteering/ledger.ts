import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';

/**
 * The points ledger: append-only, double-entry. Every transaction moves points between accounts
 * and its entries sum to zero — checked here before writing AND by the database (migration 016:
 * the `ledger_postings` marker row is refused unless the entries balance; entries, postings and
 * headers refuse UPDATE/DELETE). A balance is always a SUM over posted entries, never a stored
 * figure. A mistake is put right by a reversal: a new transaction with every amount negated.
 *
 * Accounts: one per resident (created on first use), the center's issuing account (points come
 * from it when hours are credited, so it goes negative by everything issued) and the 爱心超市
 * redemption account (points spent go to it).
 */
export const ISSUING_ACCOUNT = 1;
export const REDEMPTION_ACCOUNT = 2;

export type TxnKind = 'credit' | 'redemption' | 'reversal' | 'transfer';

export interface LedgerEntryInput {
  accountId: number;
  amount: number;
}

export interface PostedTxn {
  id: number;
  kind: TxnKind;
  memo: string;
  at: string;
}

/** The resident's account id, opening it on first use (inside the caller's transaction). */
export function residentAccount(db: Db, residentId: number, now: Date): number {
  const row = db.prepare('SELECT id FROM ledger_accounts WHERE resident_id = ?').get(residentId) as { id: number } | undefined;
  if (row) return row.id;
  return Number(db.prepare("INSERT INTO ledger_accounts (kind, resident_id, created_at) VALUES ('resident', ?, ?)").run(residentId, now.toISOString()).lastInsertRowid);
}

export function findResidentAccount(db: Db, residentId: number): number | null {
  return (db.prepare('SELECT id FROM ledger_accounts WHERE resident_id = ?').get(residentId) as { id: number } | undefined)?.id ?? null;
}

/**
 * Writes one balanced transaction: header, entries, then the posting marker whose trigger checks
 * the sum. Must run inside the caller's SQLite transaction (the handler's IMMEDIATE one), so a
 * refusal anywhere leaves nothing behind.
 */
export function postTransaction(
  db: Db,
  txn: { kind: TxnKind; memo: string; staffId?: number | null; reverses?: number | null; entries: LedgerEntryInput[] },
  now: Date,
): PostedTxn {
  if (!db.inTransaction) throw new Error('postTransaction must run inside a transaction');
  const entries = txn.entries.filter((e) => e.amount !== 0);
  const sum = entries.reduce((n, e) => n + e.amount, 0);
  if (entries.length < 2 || sum !== 0 || entries.some((e) => !Number.isSafeInteger(e.amount))) throw new ApiError('VOL_LEDGER_UNBALANCED');
  const at = now.toISOString();
  const id = Number(
    db.prepare('INSERT INTO ledger_transactions (kind, memo, at, staff_id, reverses) VALUES (?, ?, ?, ?, ?)').run(txn.kind, txn.memo, at, txn.staffId ?? null, txn.reverses ?? null)
      .lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO ledger_entries (txn_id, account_id, amount) VALUES (?, ?, ?)');
  for (const e of entries) insert.run(id, e.accountId, e.amount);
  db.prepare('INSERT INTO ledger_postings (txn_id, posted_at) VALUES (?, ?)').run(id, at);
  return { id, kind: txn.kind, memo: txn.memo, at };
}

/** An account's balance: the sum of its posted entries (an unposted entry counts for nothing). */
export function accountBalance(db: Db, accountId: number): number {
  const row = db
    .prepare('SELECT COALESCE(SUM(e.amount), 0) AS balance FROM ledger_entries e JOIN ledger_postings p ON p.txn_id = e.txn_id WHERE e.account_id = ?')
    .get(accountId) as { balance: number };
  return row.balance;
}

export function residentBalance(db: Db, residentId: number): number {
  const account = findResidentAccount(db, residentId);
  return account === null ? 0 : accountBalance(db, account);
}

export interface LedgerLine {
  txnId: number;
  kind: TxnKind;
  memo: string;
  at: string;
  /** This account's side: + points in, − points out. */
  amount: number;
  reversed: boolean;
}

/** One account's posted lines, newest first. */
export function accountHistory(db: Db, accountId: number, limit = 200): LedgerLine[] {
  const rows = db
    .prepare(
      `SELECT t.id AS txnId, t.kind, t.memo, t.at, e.amount,
              EXISTS (SELECT 1 FROM ledger_transactions r WHERE r.reverses = t.id) AS reversed
       FROM ledger_entries e JOIN ledger_postings p ON p.txn_id = e.txn_id JOIN ledger_transactions t ON t.id = e.txn_id
       WHERE e.account_id = ? ORDER BY t.id DESC LIMIT ?`,
    )
    .all(accountId, limit) as Array<Omit<LedgerLine, 'reversed'> & { reversed: number }>;
  return rows.map((r) => ({ ...r, reversed: r.reversed === 1 }));
}

/** Every posted transaction sums to zero and the whole ledger sums to zero: the auditor's check. */
export function ledgerCheck(db: Db): { transactions: number; unbalanced: number[]; total: number; unposted: number } {
  const unbalanced = (
    db.prepare('SELECT e.txn_id AS id FROM ledger_entries e JOIN ledger_postings p ON p.txn_id = e.txn_id GROUP BY e.txn_id HAVING SUM(e.amount) <> 0').all() as Array<{
      id: number;
    }>
  ).map((r) => r.id);
  const total = (db.prepare('SELECT COALESCE(SUM(e.amount), 0) AS n FROM ledger_entries e JOIN ledger_postings p ON p.txn_id = e.txn_id').get() as { n: number }).n;
  const transactions = (db.prepare('SELECT COUNT(*) AS n FROM ledger_postings').get() as { n: number }).n;
  const unposted = (db.prepare('SELECT COUNT(*) AS n FROM ledger_transactions t WHERE NOT EXISTS (SELECT 1 FROM ledger_postings p WHERE p.txn_id = t.id)').get() as { n: number })
    .n;
  return { transactions, unbalanced, total, unposted };
}

/**
 * A reversal: a new transaction with every entry of the original negated. Refused for a reversal
 * itself and for one already reversed (`reverses` is UNIQUE too).
 */
export function reverseTransaction(db: Db, txnId: number, memo: string, staffId: number | null, now: Date): PostedTxn {
  const txn = db.prepare('SELECT t.id, t.kind FROM ledger_transactions t JOIN ledger_postings p ON p.txn_id = t.id WHERE t.id = ?').get(txnId) as
    { id: number; kind: TxnKind } | undefined;
  if (!txn) throw new ApiError('VOL_TXN_UNKNOWN');
  if (txn.kind === 'reversal') throw new ApiError('VOL_TXN_NOT_REVERSIBLE');
  if (db.prepare('SELECT 1 FROM ledger_transactions WHERE reverses = ?').get(txnId)) throw new ApiError('VOL_TXN_REVERSED');
  const entries = db.prepare('SELECT account_id AS accountId, amount FROM ledger_entries WHERE txn_id = ?').all(txnId) as LedgerEntryInput[];
  return postTransaction(db, { kind: 'reversal', memo, staffId, reverses: txnId, entries: entries.map((e) => ({ accountId: e.accountId, amount: -e.amount })) }, now);
}

export function transactionEntries(db: Db, txnId: number): LedgerEntryInput[] {
  return db.prepare('SELECT account_id AS accountId, amount FROM ledger_entries WHERE txn_id = ? ORDER BY id').all(txnId) as LedgerEntryInput[];
}
