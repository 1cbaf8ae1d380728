import type { Db } from '../connection.js';
import { centerTimeZone, localClock } from '../localTime.js';
import { readSetting } from '../settings.js';

/** What every queue rule needs to know about "now" at the center. */
export interface QueueClock {
  now: Date;
  /** ISO text of now, as stored. */
  at: string;
  /** The center's local day 'YYYY-MM-DD' and time 'HH:MM'. */
  day: string;
  time: string;
  defaultServiceMinutes: number;
}

export function queueClock(db: Db, now: Date): QueueClock {
  const { day, time } = localClock(now, centerTimeZone(db));
  return { now, at: now.toISOString(), day, time, defaultServiceMinutes: readSetting(db, 'queue.defaultServiceMinutes') };
}
