/** `市级统计-2026-12-01.xlsx`, dated in China's time (the hub serves one city). */
export function exportFileName(now: Date): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return `市级统计-${day}.xlsx`;
}
