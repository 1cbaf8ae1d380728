import { localClock } from '../../../../db/wallClock.js';

/** Times and dates on the center's wall clock (its time zone setting; China time until it is known). */
const CHINA = 'Asia/Shanghai';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A time as people in the hall say it: 1 月 10 日 上午 9:30, or in English "10 January, 09:30". */
export function formatLocalTime(iso: string, timeZone = CHINA, locale = 'zh-CN'): string {
  const { day, time } = localClock(new Date(iso), timeZone);
  const [, month, date] = day.split('-').map(Number);
  if (locale === 'en') return `${date} ${MONTHS_EN[month! - 1]}, ${time.slice(0, 5)}`;
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

/** A calendar day (YYYY-MM-DD) the way the kiosk says times: 2027 年 3 月 1 日 (English: 1 March 2027). */
export function formatLocalDay(day: string, locale = 'zh-CN'): string {
  const [y, m, d] = day.split('-').map(Number);
  if (locale === 'en') return `${d} ${MONTHS_EN[m! - 1]} ${y}`;
  return `${y} 年 ${m} 月 ${d} 日`;
}
