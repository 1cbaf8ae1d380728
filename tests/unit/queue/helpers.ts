import { adminToken, ok, tempApi } from '../../helpers/tempDb.js';

/** 10:00 in Shanghai on 2026-01-10, as UTC. */
export const MORNING = new Date('2026-01-10T02:00:00.000Z');

/** A real API over a temp database with a movable clock, two services and two counters. */
export async function queueFixture(start = MORNING) {
  let now = new Date(start);
  const t = tempApi({ clock: () => now });
  const token = await adminToken(t.api);
  const a = await ok(t.api, 'queue.saveService', { name: '政务代办', prefix: 'A', opensAt: '08:00', closesAt: '17:00' }, token);
  const b = await ok(t.api, 'queue.saveService', { name: '健康体检', prefix: 'C', opensAt: '08:00', closesAt: '17:00' }, token);
  const c1 = await ok(t.api, 'queue.saveCounter', { number: 1, name: '1号窗口', serviceIds: [a.id] }, token);
  const c3 = await ok(t.api, 'queue.saveCounter', { number: 3, name: '3号窗口', serviceIds: [a.id, b.id] }, token);
  return {
    ...t,
    token,
    services: { a: a.id as number, b: b.id as number },
    counters: { c1: c1.id as number, c3: c3.id as number },
    advance(minutes: number) {
      now = new Date(now.getTime() + minutes * 60_000);
    },
    setNow(d: Date) {
      now = new Date(d);
    },
    take: (serviceId: number, extra: object = {}) => ok(t.api, 'queue.take', { serviceId, ...extra }),
    staff: (op: string, input: object) => ok(t.api, op, input, token),
  };
}
