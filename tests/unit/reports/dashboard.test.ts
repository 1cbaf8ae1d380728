import { describe, expect, it } from 'vitest';
import { ok, tempApi } from '../../helpers/tempDb.js';
import { writeSettings } from '../../../db/settings.js';
import type { DashboardView, ReportSeries } from '../../../db/api/contract/reports.js';
import { seedReportFixture } from './fixture.js';
import { daysOf, expectedLoans, expectedQueue, expectedResidents, type Window } from './expected.js';

async function setup(timeZone: string, now: Date, window: { from: Date; to: Date }) {
  const t = tempApi({ clock: () => now });
  writeSettings(t.db, { 'queue.timezone': timeZone });
  seedReportFixture(t.db, window);
  const { token } = await ok(t.api, 'staff.setup', { name: '站长', pin: '135790' });
  return { ...t, token };
}

function series(view: DashboardView, id: string): ReportSeries {
  const s = view.sections.flatMap((x) => x.series).find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id}`);
  return s;
}

const close = (a: unknown, b: number | null, digits = 1) => {
  if (b === null) expect(a).toBeNull();
  else expect(a as number).toBeCloseTo(b, digits);
};

function checkAll(view: DashboardView, db: Parameters<typeof expectedResidents>[0], w: Window) {
  expect(view.period.from).toBe(w.from);
  expect(view.period.to).toBe(w.to);
  const r = expectedResidents(db, w);
  // In town per day, arrivals, departures: every day.
  expect(series(view, 'residents.inTown').table.rows).toEqual(r.inTown);
  // Provinces: top 10 + 其他, and every province's cities.
  const prov = [...r.provinces].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'));
  const expectedProv = prov.slice(0, 10).map(([province, count]) => ({ province, count }));
  const rest = prov.slice(10).reduce((n, p) => n + p[1], 0);
  if (rest) expectedProv.push({ province: '其他', count: rest });
  const ps = series(view, 'residents.province');
  expect(ps.table.rows).toEqual(expectedProv);
  for (const [p, cities] of r.cities) {
    expect(Object.fromEntries(ps.drill![p]!.rows.map((c) => [c.city, c.count]))).toEqual(Object.fromEntries(cities));
  }
  // Age × sex.
  const age = series(view, 'residents.age').table.rows;
  for (const row of age) {
    const e = r.age.get(row.band as string) ?? { male: 0, female: 0, unknown: 0 };
    expect({ male: row.male, female: row.female, unknown: row.unknown, total: row.total }).toEqual({ ...e, total: e.male + e.female + e.unknown });
  }
  expect(age.reduce((n, x) => n + (x.total as number), 0)).toBe(r.population);
  // Length of stay and returning residents.
  const sl = series(view, 'residents.stayLength');
  expect(sl.table.rows.map((x) => x.count)).toEqual(r.buckets);
  expect(sl.figures!.find((f) => f.key === 'population')!.value).toBe(r.population);
  expect(sl.figures!.find((f) => f.key === 'returning')!.value).toBe(r.returning);
  expect(sl.figures!.find((f) => f.key === 'returningShare')!.value).toBeCloseTo(r.returning / r.population, 6);
  // Lodging types, top lodgings, needs, interests, party members.
  const kindLabel: Record<string, string> = { hotel: '酒店/民宿', rental: '租房', own: '自有住房', other: '其他', '': '未填' };
  expect(Object.fromEntries(series(view, 'residents.lodgingKind').table.rows.map((x) => [x.kind, x.count]))).toEqual(
    Object.fromEntries([...r.lodgingKinds].map(([k, n]) => [kindLabel[k], n])),
  );
  const topL = [...r.lodgings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
  expect(series(view, 'residents.topLodgings').table.rows.map((x) => x.count)).toEqual(topL.map((x) => x[1]));
  const needLabel: Record<string, string> = {
    mobility: '行动不便',
    wheelchair: '使用轮椅',
    vision: '视力不好',
    hearing: '听力不好',
    chronic: '有慢性病',
    medication: '需要定期用药',
    diet: '饮食禁忌',
  };
  const needs = series(view, 'residents.needs');
  expect(Object.fromEntries(needs.table.rows.map((x) => [x.item, x.count]))).toEqual(Object.fromEntries(Object.entries(needLabel).map(([id, l]) => [l, r.needs.get(id) ?? 0])));
  expect(needs.figures![0]!.value).toBe(r.party);
  expect(series(view, 'residents.interests').table.rows.reduce((n, x) => n + (x.count as number), 0)).toBe([...r.interests.values()].reduce((a, b) => a + b, 0));

  // Loans.
  const l = expectedLoans(db, w);
  const pw = series(view, 'loans.perWeek');
  for (const row of pw.table.rows) {
    const m = l.perWeek.get(row.week as string);
    for (const c of l.cats) if (pw.table.columns.some((k) => k.key === `c${c.id}`)) expect(row[`c${c.id}`]).toBe(m?.get(c.id) ?? 0);
  }
  expect(pw.table.rows.reduce((n, x) => n + (x.total as number), 0)).toBe([...l.perWeek.values()].reduce((n, m) => n + [...m.values()].reduce((a, b) => a + b, 0), 0));
  const util = series(view, 'loans.utilisation').table.rows;
  expect(util.length).toBe(l.util.length);
  util.forEach((row, i) => {
    const e = l.util[i]!;
    expect([row.category, row.units, row.loans, row.overdue]).toEqual([e.category, e.units, e.loans, e.overdue]);
    close(row.unitDaysOut, e.unitDaysOut, 0);
    close(row.unitDaysAvailable, e.unitDaysAvailable, 0);
    close(row.utilisation, e.utilisation, 3);
  });
  expect(series(view, 'loans.deposits').table.rows.map((x) => x.amount)).toEqual([l.collected, l.refunded, l.kept]);
  for (const row of series(view, 'loans.consumables').table.rows) {
    expect({ handout: row.handout, sold: row.sold, amount: row.amount }).toEqual(l.consumables.get(row.category as string));
  }

  // Queue.
  const q = expectedQueue(db, w);
  const pd = series(view, 'queue.perServiceDay');
  expect(pd.table.rows.map((x) => x.day)).toEqual(daysOf(w));
  for (const row of pd.table.rows) for (const s of q.services) expect(row[`s${s.id}`]).toBe(q.perDay.get(`${row.day}|${s.id}`) ?? 0);
  const hours = series(view, 'queue.waitByHour').table.rows;
  expect(hours.map((h) => [h.hour, h.tickets])).toEqual(q.hours.map((h) => [h.hour, h.tickets]));
  hours.forEach((h, i) => {
    close(h.p50, q.hours[i]!.p50);
    close(h.p90, q.hours[i]!.p90);
  });
  const svc = series(view, 'queue.services').table.rows;
  svc.forEach((row, i) => {
    const e = q.svc[i]!;
    expect([row.service, row.tickets, row.finished, row.noShow, row.unserved]).toEqual([e.service, e.tickets, e.finished, e.noShow, e.unserved]);
    close(row.noShowRate, e.noShowRate, 3);
    close(row.waitP50, e.waitP50);
    close(row.waitP90, e.waitP90);
    close(row.serviceP50, e.serviceP50);
    close(row.serviceAvg, e.serviceAvg);
  });
  expect(series(view, 'queue.perCounter').table.rows).toEqual(q.counters);
  return { r, l, q };
}

describe('reports.dashboard', () => {
  it('every series of a whole season matches figures computed from the raw rows (Asia/Shanghai)', async () => {
    const now = new Date('2026-06-10T04:00:00Z');
    const { api, db, token } = await setup('Asia/Shanghai', now, { from: new Date('2025-09-30T16:00:00Z'), to: new Date('2026-04-30T15:59:00Z') });
    const view = await ok<DashboardView>(api, 'reports.dashboard', { period: { kind: 'season' } }, token);
    const { r, l, q } = checkAll(view, db, { from: '2025-10-01', to: '2026-04-30', timeZone: 'Asia/Shanghai', now, seasonFrom: '2025-10-01' });
    // The fixture really exercises the figures (no all-zero comparisons).
    expect(r.population).toBeGreaterThan(100);
    expect(r.returning).toBeGreaterThan(10);
    expect(r.inTown.some((d) => d.inTown > 50)).toBe(true);
    expect(l.util.every((u) => u.loans > 5 && u.overdue > 0)).toBe(true);
    expect(l.kept).toBeGreaterThan(0);
    expect(q.svc[0]!.tickets).toBeGreaterThan(100);
  });

  it('a season in progress in a zone with daylight saving counts local days and up to now (America/New_York)', async () => {
    const now = new Date('2026-01-15T15:00:00Z');
    const { api, db, token } = await setup('America/New_York', now, { from: new Date('2025-10-01T04:00:00Z'), to: now });
    const view = await ok<DashboardView>(api, 'reports.dashboard', { period: { kind: 'season' } }, token);
    checkAll(view, db, { from: '2025-10-01', to: '2026-01-15', timeZone: 'America/New_York', now, seasonFrom: '2025-10-01' });
    // 2025-11-02 is 25 hours long there: still one row.
    expect(series(view, 'residents.inTown').table.rows.filter((x) => x.day === '2025-11-02')).toHaveLength(1);
  });

  it('other periods: a month, a custom range, and a summer season setting', async () => {
    const now = new Date('2026-06-10T04:00:00Z');
    const { api, db, token } = await setup('Asia/Shanghai', now, { from: new Date('2025-09-30T16:00:00Z'), to: new Date('2026-04-30T15:59:00Z') });
    const month = await ok<DashboardView>(api, 'reports.dashboard', { period: { kind: 'monthOf', month: '2026-01' } }, token);
    checkAll(month, db, { from: '2026-01-01', to: '2026-01-31', timeZone: 'Asia/Shanghai', now, seasonFrom: '2025-10-01' });
    const custom = await ok<DashboardView>(api, 'reports.dashboard', { period: { kind: 'custom', from: '2025-12-25', to: '2026-01-03' } }, token);
    checkAll(custom, db, { from: '2025-12-25', to: '2026-01-03', timeZone: 'Asia/Shanghai', now, seasonFrom: '2025-10-01' });
    await ok(api, 'settings.update', { values: { 'reports.season': { start: '06-01', end: '09-30' } } }, token);
    const summer = await ok<DashboardView>(api, 'reports.dashboard', { period: { kind: 'season' } }, token);
    expect([summer.period.from, summer.period.to]).toEqual(['2026-06-01', '2026-06-10']);
    const last = await ok<DashboardView>(api, 'reports.dashboard', { period: { kind: 'lastSeason' } }, token);
    expect([last.period.from, last.period.to]).toEqual(['2025-06-01', '2025-09-30']);
  });

  it('refuses a backwards or too long range and a bad season setting, changing nothing', async () => {
    const now = new Date('2026-06-10T04:00:00Z');
    const { api, token } = await setup('Asia/Shanghai', now, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') });
    const back = await api.call('reports.dashboard', { period: { kind: 'custom', from: '2026-02-01', to: '2026-01-01' } }, { token });
    expect(back.ok || back.error.code).toBe('REPORT_PERIOD_INVALID');
    const long = await api.call('reports.dashboard', { period: { kind: 'custom', from: '2024-01-01', to: '2026-01-01' } }, { token });
    expect(long.ok || long.error.code).toBe('REPORT_PERIOD_INVALID');
    const bad = await api.call('settings.update', { values: { 'reports.season': { start: '13-01', end: '04-30' } } }, { token });
    expect(bad.ok || bad.error.code).toBe('VALIDATION_FAILED');
    const anon = await api.call('reports.dashboard', { period: { kind: 'season' } });
    expect(anon.ok || anon.error.code).toBe('UNAUTHENTICATED');
  });
});
