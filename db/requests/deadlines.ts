/**
 * A request's clock (issue 17), pure arithmetic on instants: the clock starts at submission (or at
 * the 回访), runs for the category's hours, and stops while the case waits on the resident or on
 * parts / another body (待居民补充, 待配件/外单位). Hours are elapsed hours on the center's clock —
 * a 48 h case submitted at 23:30 Beijing time is due 23:30 two days later whatever zone the desk PC
 * is in — so the stored UTC instants are all it takes; the center's zone only matters for showing them.
 */
export const HOUR_MS = 3_600_000;
/** The inbox turns a case amber this long before its deadline. */
export const DUE_SOON_MS = 12 * HOUR_MS;

export interface RequestClock {
  clockStart: string;
  dueHours: number;
  /** Paused time already finished (ms). */
  pausedMs: number;
  /** When the running pause began, if the case is paused now. */
  pausedAt: string | null;
}

/** The deadline with the finished pauses added (what is stored as deadline_at). */
export function storedDeadline(c: Pick<RequestClock, 'clockStart' | 'dueHours' | 'pausedMs'>): string {
  return new Date(Date.parse(c.clockStart) + c.dueHours * HOUR_MS + c.pausedMs).toISOString();
}

/** The deadline as of `now`: a running pause pushes it on by as long as it has lasted. */
export function effectiveDeadline(c: RequestClock, now: Date): Date {
  const running = c.pausedAt ? Math.max(0, now.getTime() - Date.parse(c.pausedAt)) : 0;
  return new Date(Date.parse(storedDeadline(c)) + running);
}

/** Time the clock has run (paused time excluded), in ms. */
export function elapsedMs(c: RequestClock, now: Date): number {
  const end = c.pausedAt ? Date.parse(c.pausedAt) : now.getTime();
  return Math.max(0, end - Date.parse(c.clockStart) - c.pausedMs);
}

/** Ends a running pause: the finished paused time grows by its length. */
export function resumeClock(c: RequestClock, now: Date): Pick<RequestClock, 'pausedMs' | 'pausedAt'> {
  if (!c.pausedAt) return { pausedMs: c.pausedMs, pausedAt: null };
  return { pausedMs: c.pausedMs + Math.max(0, now.getTime() - Date.parse(c.pausedAt)), pausedAt: null };
}

export type Timing = 'onTime' | 'dueSoon' | 'overdue' | 'paused' | 'done';

/** The inbox colour: green on time, amber due within 12 h, red overdue; grey when paused or done. */
export function timingOf(c: RequestClock & { open: boolean }, now: Date): Timing {
  if (!c.open) return 'done';
  if (c.pausedAt) return 'paused';
  const left = effectiveDeadline(c, now).getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_MS ? 'dueSoon' : 'onTime';
}
