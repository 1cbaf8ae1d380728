import type { Db } from './connection.js';

export interface AuditEntry {
  id: number;
  at: string;
  staffId: number | null;
  action: string;
  subject: string | null;
  detail: unknown;
}

/** Records who did what to which record. Called inside the same transaction as the change it describes. */
export function recordAudit(db: Db, entry: { staffId?: number | null; action: string; subject?: string | null; detail?: unknown }, now = new Date()): void {
  db.prepare('INSERT INTO audit_log (at, staff_id, action, subject, detail) VALUES (?, ?, ?, ?, ?)').run(
    now.toISOString(),
    entry.staffId ?? null,
    entry.action,
    entry.subject ?? null,
    entry.detail === undefined ? null : JSON.stringify(entry.detail),
  );
}

export function listAudit(db: Db, limit = 100): AuditEntry[] {
  const rows = db.prepare('SELECT id, at, staff_id AS staffId, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as Array<
    Omit<AuditEntry, 'detail'> & { detail: string | null }
  >;
  return rows.map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
}
