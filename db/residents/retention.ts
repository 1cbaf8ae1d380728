import type { Db } from '../connection.js';
import { recordAudit } from '../audit.js';
import { centerTimeZone, localDate } from '../localTime.js';
import { readSetting } from '../settings.js';
import { anonymiseResident, flushErasure } from './residents.js';
import { maskPhone } from './schema.js';

/**
 * PIPL retention: residents with no contact for `months` are anonymised; their stays stay as
 * counted, nameless history. Run daily by the host and on demand by the manager.
 *
 * "Contact" is every trace a visit leaves, read from the records themselves so no module has to
 * remember to refresh a timestamp: `last_seen_at` (registration, check-in/out, a staff edit, a card
 * reprint), a stay's arrival or departure, a loan lent or returned, a hold made, a hand-out, a
 * queue ticket taken with the card.
 *
 * Nobody who still has something with the center is anonymised: an open stay, an open loan (and
 * with it a held deposit) or a hold for today or later. Those are returned in `held` for staff to
 * settle instead. A run that changes nothing writes no audit row; the manager's own run is
 * audited with their id and name.
 */
export interface RetentionHeld {
  residentId: number;
  name: string | null;
  maskedPhone: string;
  lastContactAt: string;
  openLoans: number;
  depositFen: number;
  holds: number;
}

export interface RetentionResult {
  anonymised: number;
  cutoff: string;
  held: RetentionHeld[];
}

const LAST_CONTACT = `MAX(r.last_seen_at,
  COALESCE((SELECT MAX(MAX(s.arrived_at, COALESCE(s.departed_at, ''))) FROM stays s WHERE s.resident_id = r.id), ''),
  COALESCE((SELECT MAX(MAX(l.out_at, COALESCE(l.returned_at, ''))) FROM loans l WHERE l.resident_id = r.id), ''),
  COALESCE((SELECT MAX(h.created_at) FROM loan_reservations h WHERE h.resident_id = r.id), ''),
  COALESCE((SELECT MAX(c.at) FROM consumable_issues c WHERE c.resident_id = r.id), ''),
  COALESCE((SELECT MAX(t.issued_at) FROM queue_tickets t WHERE t.resident_id = r.id), ''),
  COALESCE((SELECT MAX(q.submitted_at) FROM requests q WHERE q.resident_id = r.id), ''))`;

export function runRetention(db: Db, months: number, now: Date, by: { staffId: number; staffName: string } | null = null): RetentionResult {
  const cutoffDate = new Date(now);
  cutoffDate.setUTCMonth(cutoffDate.getUTCMonth() - months);
  const cutoff = cutoffDate.toISOString();
  const today = localDate(now, centerTimeZone(db));
  const result = db.transaction(() => {
    const due = db
      .prepare(
        `SELECT * FROM (
           SELECT r.id, r.name, r.phone, ${LAST_CONTACT} AS lastContactAt,
             (SELECT COUNT(*) FROM loans l WHERE l.resident_id = r.id AND l.returned_at IS NULL) AS openLoans,
             (SELECT COALESCE(SUM(l.deposit_fen), 0) FROM loans l WHERE l.resident_id = r.id AND l.returned_at IS NULL) AS depositFen,
             (SELECT COUNT(*) FROM loan_reservations h WHERE h.resident_id = r.id AND h.status = 'held' AND h.for_date >= @today) AS holds,
             EXISTS (SELECT 1 FROM stays s WHERE s.resident_id = r.id AND s.departed_at IS NULL) AS inTown
           FROM residents r WHERE r.status = 'active' AND r.last_seen_at < @cutoff)
         WHERE lastContactAt < @cutoff AND inTown = 0 ORDER BY lastContactAt`,
      )
      .all({ cutoff, today }) as Array<{ id: number; name: string | null; phone: string | null; lastContactAt: string; openLoans: number; depositFen: number; holds: number }>;
    const held: RetentionHeld[] = [];
    const ids: number[] = [];
    for (const r of due) {
      if (r.openLoans || r.holds || r.depositFen) {
        held.push({
          residentId: r.id,
          name: r.name,
          maskedPhone: maskPhone(r.phone),
          lastContactAt: r.lastContactAt,
          openLoans: r.openLoans,
          depositFen: r.depositFen,
          holds: r.holds,
        });
      } else {
        anonymiseResident(db, r.id, 'anonymised', now);
        ids.push(r.id);
      }
    }
    if (ids.length)
      recordAudit(
        db,
        {
          staffId: by?.staffId ?? null,
          action: 'residents.retention',
          detail: { months, cutoff, anonymised: ids.length, residentIds: ids, heldBack: held.map((h) => h.residentId), by: by ? by.staffName : 'daily job' },
        },
        now,
      );
    return { anonymised: ids.length, cutoff, held };
  })();
  if (result.anonymised) flushErasure(db);
  return result;
}

/**
 * The daily job for the host: once shortly after start, then every 24 hours. Returns a stop
 * function; `startHost` (electron/host.ts) starts it and calls the stop function on close.
 */
export function scheduleRetention(db: Db, log: (line: string) => void = console.log, everyMs = 24 * 3600_000): () => void {
  const run = () => {
    try {
      const { anonymised, held } = runRetention(db, readSetting(db, 'residents.retentionMonths'), new Date());
      if (anonymised) log(`已按保存期限删除 ${anonymised} 位居民的个人信息 / Retention: anonymised ${anonymised} residents.`);
      if (held.length)
        log(
          `${held.length} 位居民已超过保存期限，但还有未还物资、押金或预约，暂不删除，请工作人员处理 / Retention: ${held.length} residents are past the period but still have loans, deposits or holds.`,
        );
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
