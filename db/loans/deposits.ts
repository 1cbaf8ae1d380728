import type { Db } from '../connection.js';
import { localClock } from '../localTime.js';

export interface DepositTotals {
  /** Everything ever taken (免押 counts as 0). */
  collectedFen: number;
  /** Still held for open loans. */
  heldFen: number;
  refundedFen: number;
  /** Kept for damaged or lost items. */
  keptFen: number;
}

/** collected = held + refunded + kept, by construction (each returned loan's CHECK splits its deposit exactly). */
export function depositTotals(db: Db): DepositTotals {
  return db
    .prepare(
      `SELECT COALESCE(SUM(deposit_fen), 0) AS collectedFen,
        COALESCE(SUM(CASE WHEN returned_at IS NULL THEN deposit_fen ELSE 0 END), 0) AS heldFen,
        COALESCE(SUM(refund_fen), 0) AS refundedFen,
        COALESCE(SUM(kept_fen), 0) AS keptFen
       FROM loans`,
    )
    .get() as DepositTotals;
}

const methodLabel: Record<string, string> = { cash: '现金', wechat: '微信', alipay: '支付宝', waived: '免押' };
const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const yuan = (fen: number | null) => (fen === null ? '' : (fen / 100).toFixed(2));

/**
 * 押金台账 as CSV (UTF-8 with BOM so Excel opens the Chinese correctly), one row per loan and a 合计
 * row; times as the center's clock shows them (`timeZone`). No names or phone numbers: the loan
 * number and asset tag are enough to find a loan in the app.
 */
export function depositsCsv(db: Db, timeZone: string): string {
  const local = (iso: string | null) => {
    if (!iso) return '';
    const { day, time } = localClock(new Date(iso), timeZone);
    return `${day} ${time}`;
  };
  const rows = db
    .prepare(
      `SELECT l.id, u.asset_tag AS tag, c.name AS category, l.out_at AS outAt, l.deposit_fen AS deposit, l.deposit_method AS method,
        l.returned_at AS returnedAt, l.refund_fen AS refund, l.kept_fen AS kept
       FROM loans l JOIN loan_units u ON u.id = l.unit_id JOIN loan_categories c ON c.id = u.category_id ORDER BY l.id`,
    )
    .all() as Array<{
    id: number;
    tag: string;
    category: string;
    outAt: string;
    deposit: number;
    method: string;
    returnedAt: string | null;
    refund: number | null;
    kept: number | null;
  }>;
  const lines = [['借用单号', '资产编号', '类别', '借出时间', '押金(元)', '方式', '归还时间', '退还(元)', '扣留(元)', '在押(元)'].join(',')];
  for (const r of rows)
    lines.push(
      [
        r.id,
        r.tag,
        r.category,
        local(r.outAt),
        yuan(r.deposit),
        methodLabel[r.method] ?? r.method,
        local(r.returnedAt),
        yuan(r.refund),
        yuan(r.kept),
        r.returnedAt ? '0.00' : yuan(r.deposit),
      ]
        .map(csvCell)
        .join(','),
    );
  const t = depositTotals(db);
  lines.push(['合计', '', '', '', yuan(t.collectedFen), '', '', yuan(t.refundedFen), yuan(t.keptFen), yuan(t.heldFen)].map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
