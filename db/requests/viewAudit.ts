import type { Db } from '../connection.js';
import { recordAudit } from '../audit.js';

const VIEW_WINDOW_MS = 10 * 60 * 1000;

/**
 * 查看诉求内容 (issue 17 rules): a request's text may hold personal data, so every staff view of it is
 * audited the way a profile view is — one entry per staff member and request per ten minutes. The
 * entry's subject is the resident (`resident:12`), so it shows in that person's "who viewed or changed
 * this" panel beside their profile views; a request without a resident is its own subject.
 */
export function recordRequestView(db: Db, staffId: number, request: { id: number; number: string; residentId: number | null }, now: Date, extra?: Record<string, unknown>): void {
  const subject = request.residentId ? `resident:${request.residentId}` : `request:${request.id}`;
  const since = new Date(now.getTime() - VIEW_WINDOW_MS).toISOString();
  const recent = db
    .prepare("SELECT 1 FROM audit_log WHERE action = 'requests.view' AND staff_id = ? AND subject = ? AND at >= ? AND json_extract(detail, '$.requestId') = ? LIMIT 1")
    .get(staffId, subject, since, request.id);
  if (!recent || extra) recordAudit(db, { staffId, action: 'requests.view', subject, detail: { requestId: request.id, number: request.number, ...extra } }, now);
}
