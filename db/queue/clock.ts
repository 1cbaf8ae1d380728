import type { Db } from '../connection.js';
import { settingDefinitions } from '../api/contract/settings.js';
import { localClock } from './localTime.js';

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

/** Reads one setting alone (every 取号 needs two; reading all of them would cost more than the ticket). */
function setting<K extends 'queue.timezone' | 'queue.defaultServiceMinutes'>(db: Db, key: K) {
  const def = settingDefinitions[key];
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return def.default;
  const parsed = def.schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : def.default;
}

export function queueClock(db: Db, now: Date): QueueClock {
  const { day, time } = localClock(now, setting(db, 'queue.timezone') as string);
  return { now, at: now.toISOString(), day, time, defaultServiceMinutes: setting(db, 'queue.defaultServiceMinutes') as number };
}
