import type { Db } from './connection.js';
import { readSetting } from './settings.js';

/**
 * The center's wall clock. Queue numbers restart on the center's local day, opening hours are local,
 * reservations are held for a local day and slips print local times, while everything stored stays
 * UTC; this is the one place the two meet. The zone is the setting `queue.timezone` (系统设置 →
 * 排队设置), named for the queue that needed it first but meaning the center's zone.
 */
export function centerTimeZone(db: Db): string {
  return readSetting(db, 'queue.timezone');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** { day: 'YYYY-MM-DD', time: 'HH:MM' } as a clock on the center's wall shows them. */
export function localClock(now: Date, timeZone: string): { day: string; time: string } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(now).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Whether local time `time` is inside [opensAt, closesAt). 'HH:MM' strings compare as text. */
export function isWithinHours(time: string, opensAt: string, closesAt: string): boolean {
  return time >= opensAt && time < closesAt;
}

/** The center's calendar date 'YYYY-MM-DD' for a moment. */
export function localDate(now: Date, timeZone: string): string {
  return localClock(now, timeZone).day;
}

/** 11月22日 14:30 (with the year: 2026年11月22日 14:30) in the center's zone, for messages and slips. */
export function formatCenterTime(iso: string, timeZone: string, withYear = false): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    ...(withYear ? { year: 'numeric' } : {}),
    month: 'long', // zh-CN: 11月22日 (numeric would give 11/22)
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** The UTC instant at which local day `day` ('YYYY-MM-DD') begins in the center's zone. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const wallMidnight = Date.parse(`${day}T00:00:00Z`);
  // The zone's offset at an instant: its wall clock read as if it were UTC, minus the instant.
  const offsetAt = (ms: number) => {
    const { day: d, time } = localClock(new Date(ms), timeZone);
    return Date.parse(`${d}T${time}:00Z`) - ms;
  };
  const first = wallMidnight - offsetAt(wallMidnight);
  return new Date(wallMidnight - offsetAt(first)); // again at the found instant, in case the offset changed between
}
