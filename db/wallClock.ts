/**
 * Wall-clock arithmetic for a named time zone, with no database: shared by the host (db/localTime.ts
 * adds the center's zone setting) and the staff screens, which show and take times as the center's
 * clock shows them whatever zone the desk PC or tablet is set to.
 */
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
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
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

/** The UTC instant at which the center's wall clock shows local day `day` ('YYYY-MM-DD') at `time` ('HH:MM'). */
export function instantOfLocalTime(day: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  // The zone's offset at an instant: its wall clock read as if it were UTC, minus the instant.
  const offsetAt = (ms: number) => {
    const { day: d, time: t } = localClock(new Date(ms), timeZone);
    return Date.parse(`${d}T${t}:00Z`) - ms;
  };
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first)); // again at the found instant, in case the offset changed between
}

/** The UTC instant at which local day `day` ('YYYY-MM-DD') begins in the center's zone. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  return instantOfLocalTime(day, '00:00', timeZone);
}
