import type { ResidentProfile } from '../../../../db/api/contract/residents.js';

/**
 * One word for where a person stands, the same in the list and on the profile (issue 12.6): an
 * active record is 在住 or 已离开; a closed record says why (已故 / 已删除个人信息 / 已合并).
 */
export function presenceKey(status: ResidentProfile['status'] | string, inTown: boolean): string {
  if (status !== 'active') return `residents.staff.statuses.${status}`;
  return inTown ? 'residents.staff.inTown' : 'residents.staff.away';
}

/** A calendar day (YYYY-MM-DD) in the staff console's date style, the same as its times: 2027/3/1. */
export function staffDay(day: string | null | undefined, locale: string): string {
  if (!day) return '';
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return d.toLocaleDateString(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
}
