/** A time as people in the hall say it: 1 月 10 日 上午 9:30 (China time). */
export function formatLocalTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  const h = d.getUTCHours();
  const m = String(d.getUTCMinutes()).padStart(2, '0');
  const part = h < 12 ? '上午' : '下午';
  const h12 = h <= 12 ? h : h - 12;
  return `${d.getUTCMonth() + 1} 月 ${d.getUTCDate()} 日 ${part} ${h12}:${m}`;
}

/** The date `months` from now, as YYYY-MM-DD (China calendar). */
export function monthsFromNow(months: number, now = new Date()): string {
  const d = new Date(now.getTime() + 8 * 3_600_000);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
