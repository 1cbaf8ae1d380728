import type { Statement } from 'better-sqlite3';
import type { Db } from './connection.js';

export interface AuditEntry {
  id: number;
  at: string;
  staffId: number | null;
  action: string;
  subject: string | null;
  detail: unknown;
}

const inserts = new WeakMap<Db, Statement>();

/** Records who did what to which record. Called inside the same transaction as the change it describes. */
export function recordAudit(db: Db, entry: { staffId?: number | null; action: string; subject?: string | null; detail?: unknown }, now = new Date()): void {
  // Prepared once per connection: a roster import records one entry per resident.
  let insert = inserts.get(db);
  if (!insert) inserts.set(db, (insert = db.prepare('INSERT INTO audit_log (at, staff_id, action, subject, detail) VALUES (?, ?, ?, ?, ?)')));
  insert.run(now.toISOString(), entry.staffId ?? null, entry.action, entry.subject ?? null, entry.detail === undefined ? null : JSON.stringify(entry.detail));
}

export function listAudit(db: Db, limit = 100): AuditEntry[] {
  const rows = db.prepare('SELECT id, at, staff_id AS staffId, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as Array<
    Omit<AuditEntry, 'detail'> & { detail: string | null }
  >;
  return rows.map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
}

/**
 * The audit log viewer (issue 15, point 6) and a resident's "who viewed or changed this" panel
 * (PIPL: a person may ask who looked at their data). Every entry carries the staff member's name
 * and a person-readable label of its action; times stay ISO UTC (screens and exports show them
 * on the center's clock).
 */
export interface AuditFilter {
  staffId?: number | null;
  action?: string | null;
  /** Exact subject ('resident:12') or a kind prefix ending in ':' ('resident:'). */
  subject?: string | null;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string | null;
  to?: string | null;
}

export interface AuditRow extends AuditEntry {
  staffName: string | null;
  actionZh: string;
  actionEn: string;
}

/** What each action means, for the viewer, the export and the profile panel; unknown actions show their code. */
export const auditActionLabels: Record<string, { zh: string; en: string }> = {
  'staff.setup': { zh: '设置管理员', en: 'Manager set up' },
  'staff.create': { zh: '添加工作人员', en: 'Staff account added' },
  'settings.update': { zh: '修改设置', en: 'Settings changed' },
  'system.backup': { zh: '备份数据', en: 'Backup' },
  'residents.view': { zh: '查看档案', en: 'Profile viewed' },
  'residents.register': { zh: '登记居民', en: 'Resident registered' },
  'residents.update': { zh: '修改档案', en: 'Profile changed' },
  'residents.checkIn': { zh: '代为报到', en: 'Checked in by staff' },
  'residents.checkOut': { zh: '代为离开登记', en: 'Checked out by staff' },
  'residents.revealId': { zh: '查看完整身份证号', en: 'Full ID number shown' },
  'residents.anonymise': { zh: '删除个人信息', en: 'Personal data erased' },
  // 好差评 and 金点子 (issue 17.5, 17.6)
  'suggestions.view': { zh: '查看实名金点子', en: 'Identified suggestion viewed' },
  'suggestions.enter': { zh: '代为登记金点子', en: 'Suggestion entered for a resident' },
  'ratings.followUp': { zh: '差评回访', en: 'Bad rating followed up' },
  'residents.merge': { zh: '合并重复登记', en: 'Duplicate records merged' },
  'residents.retention': { zh: '到期自动删除', en: 'Retention run' },
  'residents.saveLodging': { zh: '修改酒店民宿名单', en: 'Lodging list changed' },
  'import.roster': { zh: '名单导入', en: 'Roster imported' },
  'import.rejectedSheet': { zh: '下载未导入的行', en: 'Rejected rows downloaded' },
  'audit.export': { zh: '导出操作日志', en: 'Audit log exported' },
  'loans.checkout': { zh: '借出物资', en: 'Item lent' },
  'loans.return': { zh: '归还物资', en: 'Item returned' },
  'loans.reserve': { zh: '预约物资', en: 'Item reserved' },
  'loans.cancelReservation': { zh: '取消预约', en: 'Reservation cancelled' },
  'loans.remind': { zh: '催还提醒', en: 'Return reminder' },
  'loans.exportDeposits': { zh: '导出押金台账', en: 'Deposit ledger exported' },
  'inventory.issue': { zh: '发放消耗品', en: 'Consumables handed out' },
  'printing.reprint': { zh: '重新打印', en: 'Reprinted' },
  'printing.retry': { zh: '重试打印', en: 'Print retried' },
  'queue.reprint': { zh: '补打排队凭条', en: 'Ticket reprinted' },
  'queue.requeue': { zh: '过号重排', en: 'Ticket requeued' },
  'queue.pause': { zh: '窗口暂停', en: 'Counter paused' },
  'queue.resume': { zh: '窗口恢复', en: 'Counter resumed' },
  'queue.saveService': { zh: '修改排队业务', en: 'Queue service changed' },
  'queue.saveCounter': { zh: '修改窗口', en: 'Counter changed' },
  'terminals.createCode': { zh: '生成配对码', en: 'Pairing code created' },
  'terminals.pair': { zh: '设备配对', en: 'Device paired' },
  'terminals.revoke': { zh: '取消设备配对', en: 'Device unpaired' },
  'requests.view': { zh: '查看诉求内容', en: 'Request text viewed' },
  'requests.create': { zh: '代居民登记诉求', en: 'Request taken at the desk' },
  'requests.saveHandler': { zh: '修改承办人名单', en: 'Handlers list changed' },
  'requests.saveCategory': { zh: '修改诉求类别', en: 'Request category changed' },
};

export function auditLabel(action: string): { zh: string; en: string } {
  return auditActionLabels[action] ?? { zh: action, en: action };
}

function where(f: AuditFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...p: unknown[]) => {
    clauses.push(sql);
    params.push(...p);
  };
  if (f.staffId) add('a.staff_id = ?', f.staffId);
  if (f.action) add('a.action = ?', f.action);
  if (f.subject?.endsWith(':')) add("a.subject >= ? AND a.subject < ? || '\uffff'", f.subject, f.subject);
  else if (f.subject) add('a.subject = ?', f.subject);
  if (f.from) add('a.at >= ?', f.from);
  if (f.to) add('a.at < ?', f.to);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

type RawRow = Omit<AuditEntry, 'detail'> & { detail: string | null; staffName: string | null };
const toRow = (r: RawRow): AuditRow => {
  const label = auditLabel(r.action);
  return { ...r, detail: r.detail === null ? null : JSON.parse(r.detail), actionZh: label.zh, actionEn: label.en };
};

/** Newest first; `beforeId` pages back. `total` counts every match. */
export function queryAudit(db: Db, f: AuditFilter, page: { limit: number; beforeId?: number | null }): { rows: AuditRow[]; total: number } {
  const w = where(f);
  const total = db
    .prepare(`SELECT COUNT(*) FROM audit_log a ${w.sql}`)
    .pluck()
    .get(...w.params) as number;
  const pageClause = page.beforeId ? `${w.sql ? `${w.sql} AND` : 'WHERE'} a.id < ?` : w.sql;
  const rows = db
    .prepare(
      `SELECT a.id, a.at, a.staff_id AS staffId, s.name AS staffName, a.action, a.subject, a.detail
         FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id ${pageClause} ORDER BY a.id DESC LIMIT ?`,
    )
    .all(...w.params, ...(page.beforeId ? [page.beforeId] : []), page.limit) as RawRow[];
  return { rows: rows.map(toRow), total };
}

/** Every match, oldest first, for the export (streamed by the caller row by row). */
export function* iterateAudit(db: Db, f: AuditFilter): Generator<AuditRow> {
  const w = where(f);
  const stmt = db.prepare(
    `SELECT a.id, a.at, a.staff_id AS staffId, s.name AS staffName, a.action, a.subject, a.detail
       FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id ${w.sql} ORDER BY a.id`,
  );
  for (const r of stmt.iterate(...w.params) as Iterable<RawRow>) yield toRow(r);
}

/** The choices the viewer's filters offer: actions that occur (with labels) and staff who appear. */
export function auditFacets(db: Db): { actions: Array<{ action: string; zh: string; en: string }>; staff: Array<{ id: number; name: string }> } {
  const actions = db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck().all() as string[];
  const staff = db.prepare('SELECT id, name FROM staff ORDER BY name').all() as Array<{ id: number; name: string }>;
  return { actions: actions.map((a) => ({ action: a, ...auditLabel(a) })), staff };
}

const VIEW_WINDOW_MS = 10 * 60 * 1000;

/**
 * 查看档案: one entry per staff member and record per ten minutes, so a profile kept open or
 * reloaded does not flood the log, while every separate look is still there.
 */
export function recordView(db: Db, staffId: number, subject: string, now = new Date()): void {
  const since = new Date(now.getTime() - VIEW_WINDOW_MS).toISOString();
  const recent = db.prepare("SELECT 1 FROM audit_log WHERE subject = ? AND at >= ? AND staff_id = ? AND action = 'residents.view' LIMIT 1").get(subject, since, staffId);
  if (!recent) recordAudit(db, { staffId, action: 'residents.view', subject }, now);
}
