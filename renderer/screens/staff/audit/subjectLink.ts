import type { RouteLocationRaw } from 'vue-router';
import type { AuditRowView } from '../../../../db/api/contract/audit.js';

/** Where an entry's record opens in the console, when it has a page. */
export function subjectRoute(link: AuditRowView['link']): RouteLocationRaw | null {
  if (!link) return null;
  if (link.kind === 'resident') return { name: 'staff-resident', params: { id: String(link.id) } };
  if (link.kind === 'lodging') return { name: 'staff-lodgings' };
  if (link.kind === 'category') return { name: 'staff-inventory' };
  return null;
}
