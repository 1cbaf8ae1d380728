import { idCheckChar } from '../../../db/residents/idNumbers.js';
import { SessionStore } from '../../../db/api/sessions.js';
import { adminToken, ok, tempApi } from '../../helpers/tempDb.js';

export const CONSENT = { version: '2026-1', accepted: true };
export const ID = (first17: string) => first17 + idCheckChar(first17);

export function person(over: Record<string, unknown> = {}) {
  return {
    name: '张建国',
    phone: '13900001234',
    birthYear: 1956,
    originProvince: '黑龙江省',
    originCity: '伊春市',
    lodgingKind: 'rental',
    lodgingAddress: '炳草岗 阳光小区 3 栋 2 单元 501',
    needs: ['wheelchair'],
    interests: ['calligraphy', 'choir'],
    ...over,
  };
}

/** 10:00 in the center (Asia/Shanghai) on 1 December 2026. */
export const NOW = new Date('2026-12-01T02:00:00Z');

/**
 * A whole center over a real temp database with a movable clock: the manager's token, a wheelchair
 * category with units (¥200 deposit) and a queue service open all day.
 */
export async function center(start = NOW) {
  const clock = { now: new Date(start) };
  const t = tempApi({ clock: () => clock.now, sessions: new SessionStore(10 * 365 * 86_400_000) });
  const token = await adminToken(t.api);
  const wheelchair = await ok(t.api, 'inventory.createCategory', { name: '轮椅', kind: 'equipment', tagPrefix: 'LY', loanMinutes: 24 * 60, depositFen: 20000 }, token);
  const { units } = await ok(t.api, 'inventory.addUnits', { categoryId: wheelchair.id, count: 3, printLabels: false }, token);
  const service = await ok(t.api, 'queue.saveService', { name: '政务代办', prefix: 'A', opensAt: '00:00', closesAt: '24:00' }, token);
  const register = (over: Record<string, unknown> = {}) => ok(t.api, 'residents.kiosk.register', { consent: CONSENT, resident: person(over) });
  const idOf = async (qr: string) => ((await ok(t.api, 'residents.search', { q: qr }, token)) as Array<{ id: number }>)[0]!.id;
  return {
    ...t,
    clock,
    token,
    wheelchair: wheelchair as { id: number },
    units: units as Array<{ id: number; assetTag: string }>,
    serviceId: service.id as number,
    register,
    idOf,
    staff: <T = any>(op: string, input: object) => ok<T>(t.api, op, input, token),
  };
}
