import type { Db } from './connection.js';
import { readSetting } from './settings.js';

export * from './wallClock.js';

/**
 * The center's wall clock. Queue numbers restart on the center's local day, opening hours are local,
 * reservations are held for a local day and slips print local times, while everything stored stays
 * UTC; this is the one place the two meet. The zone is the setting `queue.timezone` (系统设置 →
 * 排队设置), named for the queue that needed it first but meaning the center's zone.
 */
export function centerTimeZone(db: Db): string {
  return readSetting(db, 'queue.timezone');
}
