import type { Db } from '../connection.js';
import { FREE_TEXT_KEYS } from './events.js';

/**
 * A request's text may hold personal data (issue 17 rules): it follows the resident. When a resident
 * is erased (on request, deceased, or by the retention job) `anonymiseResident` calls this inside its
 * transaction: the description, the call-back phone, the published answer and every free text on the
 * timeline (notes, reasons) are wiped and the request is detached from the person. What the figures
 * need stays: number, category, level, states and times, the rating value.
 *
 * Returns the wiped texts so the caller's print-job scrub also wipes receipts and 派单单 that carried them.
 */
export function eraseRequestsOf(db: Db, residentId: number, now: Date): string[] {
  const at = now.toISOString();
  const rows = db.prepare('SELECT id, description, callback_phone, answer, rating_reason FROM requests WHERE resident_id = ?').all(residentId) as Array<{
    id: number;
    description: string | null;
    callback_phone: string | null;
    answer: string | null;
    rating_reason: string | null;
  }>;
  if (!rows.length) return [];
  const wiped: string[] = [];
  const events = db.prepare('SELECT id, detail FROM request_events WHERE request_id = ? AND detail IS NOT NULL');
  const setDetail = db.prepare('UPDATE request_events SET detail = ? WHERE id = ?');
  for (const r of rows) {
    for (const v of [r.description, r.callback_phone, r.answer, r.rating_reason]) if (v) wiped.push(v);
    for (const e of events.all(r.id) as Array<{ id: number; detail: string }>) {
      const d = JSON.parse(e.detail) as Record<string, unknown>;
      let changed = false;
      for (const k of FREE_TEXT_KEYS)
        if (typeof d[k] === 'string') {
          wiped.push(d[k]);
          d[k] = null;
          changed = true;
        }
      if (changed) setDetail.run(JSON.stringify(d), e.id);
    }
  }
  db.prepare(
    `UPDATE requests SET description = NULL, callback_phone = NULL, answer = NULL, rating_reason = NULL, resident_id = NULL,
       erased_at = @at, updated_at = @at WHERE resident_id = @id`,
  ).run({ at, id: residentId });
  return wiped;
}
