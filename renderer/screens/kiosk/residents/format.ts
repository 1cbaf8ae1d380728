import { localClock } from '../../../../db/wallClock.js';

/** Times and dates on the center's wall clock (its time zone setting; China time until it is known). */
const CHINA = 'Asia/Shanghai';

/** A time as people in the hall say it: 1 月 10 日 上午 9:30. */
export function formatLocalTime(iso: string, timeZone = CHINA): string {
  const { day, time } = localClock(new Date(iso), timeZone);
  const [, month, date] = day.split('-').map(Number);
  const [hour, minute] = time.split(':');
  const h = Number(hour);
  const part = h < 12 ? '上午' : '下午';
  const h12 = h <= 12 ? h : h - 12;
  return `${month} 月 ${date} 日 ${part} ${h12}:${minute}`;
}

/** The date `months` from today on the center's calendar, as YYYY-MM-DD. */
export function monthsFromNow(months: number, now = new Date(), timeZone = CHINA): string {
  const d = new Date(`${localClock(now, timeZone).day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** A calendar day (YYYY-MM-DD) the way the kiosk says times: 2027 年 3 月 1 日. */
export function formatLocalDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
}
