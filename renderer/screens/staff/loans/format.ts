import { formatFen, yuanToFen } from '../../../../db/inventory/money.js';

export { formatFen, yuanToFen };

/** 200.00 for an input box (no ¥). */
export function fenToYuanText(fen: number): string {
  return formatFen(fen).replace('¥', '');
}
