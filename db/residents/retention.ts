import type { Db } from '../connection.js';
import { recordAudit } from '../audit.js';
import { readSetting } from '../settings.js';
import { anonymiseResident } from './residents.js';

/**
 * PIPL retention: residents not seen for `months` (no check-in, check-out or edit) are anonymised;
 * their stays stay as counted, nameless history. Run daily by the host and on demand by the
 * manager; each run that changes something is one audit entry.
 */
export function runRetention(db: Db, months: number, now: Date): { anonymised: number; cutoff: string } {
  const cutoffDate = new Date(now);
  cutoffDate.setUTCMonth(cutoffDate.getUTCMonth() - months);
  const cutoff = cutoffDate.toISOString();
  return db.transaction(() => {
    const ids = (
      db
        .prepare(
          `SELECT id FROM residents r WHERE status = 'active' AND last_seen_at < ?
             AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.resident_id = r.id AND s.departed_at IS NULL)`,
        )
        .all(cutoff) as Array<{ id: number }>
    ).map((r) => r.id);
    for (const id of ids) anonymiseResident(db, id, 'anonymised', now);
    recordAudit(db, { action: 'residents.retention', detail: { months, cutoff, anonymised: ids.length, residentIds: ids } }, now);
    return { anonymised: ids.length, cutoff };
  })();
}

/**
 * The daily job for the host: once shortly after start, then every 24 hours. Returns a stop
 * function; `startHost` (electron/host.ts) starts it and calls the stop function on close.
 */
export function scheduleRetention(db: Db, log: (line: string) => void = console.log, everyMs = 24 * 3600_000): () => void {
  const run = () => {
    try {
      const { anonymised } = runRetention(db, readSetting(db, 'residents.retentionMonths'), new Date());
      if (anonymised) log(`已按保存期限删除 ${anonymised} 位居民的个人信息 / Retention: anonymised ${anonymised} residents.`);
    } catch (err) {
      log(`保存期限任务失败 / Retention job failed: ${String(err)}`);
    }
  };
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
