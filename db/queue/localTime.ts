/**
 * The center's wall clock. Numbers restart on the center's local day and opening hours are local,
 * while everything stored stays UTC; this is the one place the two meet.
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
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(now).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Whether local time `time` is inside [opensAt, closesAt). 'HH:MM' strings compare as text. */
export function isWithinHours(time: string, opensAt: string, closesAt: string): boolean {
  return time >= opensAt && time < closesAt;
}
