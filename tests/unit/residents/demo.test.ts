import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../../db/demo/index.js';
import { searchResidents } from '../../../db/residents/search.js';
import { todaySummary } from '../../../db/residents/today.js';
import { tempDb } from '../../helpers/tempDb.js';

describe('demo residents', () => {
  it('seeds a few hundred fake residents with stays, the same every time', () => {
    const now = new Date('2026-12-10T03:00:00Z');
    const a = tempDb().db;
    const b = tempDb().db;
    seedDemo(a, now);
    seedDemo(b, now);
    const rows = (db: typeof a) => db.prepare('SELECT card_no, name, phone, origin_province FROM residents ORDER BY id').all();
    expect(rows(a)).toEqual(rows(b));
    const n = (a.prepare('SELECT COUNT(*) AS n FROM residents').get() as { n: number }).n;
    expect(n).toBeGreaterThan(200);
    expect((a.prepare('SELECT COUNT(*) AS n FROM stays').get() as { n: number }).n).toBeGreaterThan(n);
    const phones = a.prepare('SELECT phone FROM residents').all() as Array<{ phone: string }>;
    expect(phones.every((p) => /^13900\d{6}$/.test(p.phone))).toBe(true);
    const northeast = (a.prepare(`SELECT COUNT(*) AS n FROM residents WHERE origin_province IN ('黑龙江省','吉林省','辽宁省')`).get() as { n: number }).n;
    expect(northeast / n).toBeGreaterThan(0.4);
    const today = todaySummary(a, now);
    expect(today.inTown).toBeGreaterThan(100);
    expect(today.overdue).toBeGreaterThan(0);
    expect(today.arrivals).toBeGreaterThan(0);
    // Nobody planned to leave before they arrived (today's arrivals are not already overdue).
    expect((a.prepare('SELECT COUNT(*) AS n FROM stays WHERE planned_departure < substr(arrived_at, 1, 10)').get() as { n: number }).n).toBe(0);
    expect(searchResidents(a, 'zj').length).toBeGreaterThan(0);
  });
});
