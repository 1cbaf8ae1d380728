/** Times and dates on the center's wall clock (its time zone setting; China time until it is known). */
const CHINA = 'Asia/Shanghai';

function wallClock(ms: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(ms);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour'), minute: n('minute') };
}

/** A time as people in the hall say it: 1 月 10 日 上午 9:30. */
export function formatLocalTime(iso: string, timeZone = CHINA): string {
  const { month, day, hour, minute } = wallClock(Date.parse(iso), timeZone);
  const part = hour < 12 ? '上午' : '下午';
  const h12 = hour <= 12 ? hour : hour - 12;
  return `${month} 月 ${day} 日 ${part} ${h12}:${String(minute).padStart(2, '0')}`;
}

/** The date `months` from today on the center's calendar, as YYYY-MM-DD. */
export function monthsFromNow(months: number, now = new Date(), timeZone = CHINA): string {
  const { year, month, day } = wallClock(now.getTime(), timeZone);
  const d = new Date(Date.UTC(year, month - 1, day));
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
