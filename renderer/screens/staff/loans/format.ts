import { formatFen, yuanToFen } from '../../../../db/inventory/money.js';

export { formatFen, yuanToFen };

/** 11/22 14:00 in the browser's time (the desk PC is in the center's time zone). */
export function when(iso: string | null | undefined, locale = 'zh-CN'): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** An ISO time as the value of an <input type="datetime-local"> (local time, minutes). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** 200.00 for an input box (no ¥). */
export function fenToYuanText(fen: number): string {
  return formatFen(fen).replace('¥', '');
}
