import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { adminToken, ok, tempApi } from '../../helpers/tempDb.js';
import type { DashboardView } from '../../../db/api/contract/reports.js';

/**
 * Per-staff queue figures, 好差评 and 金点子 on the dashboard and in the monthly pack, checked against
 * figures computed here from the raw rows (plain loops, no report code).
 */
async function seed() {
  let now = new Date('2026-01-12T01:00:00.000Z'); // 09:00 local
  const t = tempApi({ clock: () => now });
  const admin = await adminToken(t.api);
  const a = await ok(t.api, 'queue.saveService', { name: '政务代办', prefix: 'A', opensAt: '00:00', closesAt: '24:00' }, admin);
  const b = await ok(t.api, 'queue.saveService', { name: '健康体检', prefix: 'B', opensAt: '00:00', closesAt: '24:00' }, admin);
  const c1 = await ok(t.api, 'queue.saveCounter', { number: 1, name: '1号窗口', serviceIds: [a.id, b.id] }, admin);
  const people = [];
  for (const [name, pin] of [
    ['李娟', '246810'],
    ['张伟', '135246'],
  ] as const) {
    const acc = await ok(t.api, 'staff.create', { name, pin, role: 'staff' }, admin);
    people.push((await ok(t.api, 'staff.login', { staffId: acc.id, pin })).token as string);
  }
  // 12 tickets, morning and afternoon: alternating staff and services, service 3..14 minutes, some passed over, most rated.
  const levels = [5, 4, 2, 5, 3, 1, 5, null, 4, 2, 5, 3];
  for (let i = 0; i < 12; i++) {
    if (i === 6) now = new Date('2026-01-12T05:00:00.000Z'); // the afternoon
    const who = people[i % 2]!;
    const ticket = await ok(t.api, 'queue.take', { serviceId: i % 3 === 0 ? b.id : a.id });
    await ok(t.api, 'queue.callNext', { counterId: c1.id }, who);
    now = new Date(now.getTime() + (3 + i) * 60_000);
    if (i === 7) {
      await ok(t.api, 'queue.noShow', { counterId: c1.id }, who);
      continue;
    }
    await ok(t.api, 'queue.finish', { counterId: c1.id }, who);
    const level = levels[i];
    if (level) await ok(t.api, 'ratings.submit', { ticketId: ticket.id, level, reasons: level <= 2 ? ['wait'] : [] });
  }
  const open = await ok(t.api, 'ratings.list', { show: 'open' }, admin);
  await ok(t.api, 'ratings.followUp', { id: open.ratings[0].id, note: '已回电说明' }, admin);
  // 金点子: 4 received (one at the desk), 2 adopted, 1 of them implemented, 1 declined.
  const ids = [];
  for (const text of ['增加象棋桌', '周末开放图书角', '门口加扶手']) ids.push((await ok(t.api, 'suggestions.submit', { text })).id);
  await ok(t.api, 'suggestions.enter', { text: '多办健康讲座' }, people[0]);
  await ok(t.api, 'suggestions.move', { id: ids[0], to: 'adopted' }, admin);
  await ok(t.api, 'suggestions.move', { id: ids[1], to: 'reviewing' }, admin);
  await ok(t.api, 'suggestions.move', { id: ids[1], to: 'adopted' }, admin);
  await ok(t.api, 'suggestions.move', { id: ids[1], to: 'implemented' }, admin);
  await ok(t.api, 'suggestions.move', { id: ids[2], to: 'declined' }, admin);
  return { ...t, admin };
}

interface Raw {
  staff: string;
  status: string;
  called: string;
  finished: string | null;
  level: number | null;
  service: string;
  followUp: string | null;
}

function raw(db: ReturnType<typeof tempApi>['db']): Raw[] {
  return db
    .prepare(
      `SELECT st.name AS staff, t.status, t.called_at AS called, t.finished_at AS finished, r.level, s.name AS service, r.follow_up AS followUp
       FROM queue_tickets t JOIN staff st ON st.id = t.served_by JOIN queue_services s ON s.id = t.issued_service_id LEFT JOIN service_ratings r ON r.ticket_id = t.id`,
    )
    .all() as Raw[];
}

describe('ratings and per-staff figures in the reports', () => {
  it('dashboard series and monthly sheets carry the same figures as the raw rows', async () => {
    const { api, db, admin, dir } = await seed();
    const rows = raw(db);
    const view = await ok<DashboardView>(api, 'reports.dashboard', { period: { kind: 'custom', from: '2026-01-01', to: '2026-01-31' } }, admin);
    const series = (id: string) => view.sections.flatMap((s) => s.series).find((s) => s.id === id)!;

    // Per staff member (queue).
    const staffNames = ['李娟', '张伟']; // sorted by pinyin, as the report sorts
    const expectStaff = staffNames.map((name) => {
      const mine = rows.filter((r) => r.staff === name);
      const fin = mine.filter((r) => r.status === 'finished');
      const st = fin.map((r) => (Date.parse(r.finished!) - Date.parse(r.called)) / 60_000);
      const rated = mine.filter((r) => r.level !== null).map((r) => r.level!);
      return {
        staff: name,
        finished: fin.length,
        noShow: mine.filter((r) => r.status === 'no_show').length,
        serviceAvg: Math.round((st.reduce((x, y) => x + y, 0) / st.length) * 10) / 10,
        ratings: rated.length,
        ratingAvg: (Math.round((rated.reduce((x, y) => x + y, 0) / rated.length) * 100) / 100).toFixed(2),
        bad: rated.filter((l) => l <= 2).length,
      };
    });
    expect(series('queue.perStaff').table.rows).toEqual(expectStaff);
    expect(expectStaff.map((s) => s.finished)).toEqual([6, 5]); // the fixture really splits the work

    // 好差评 by level, per service, per staff member.
    const levels = rows.filter((r) => r.level !== null).map((r) => r.level!);
    expect(series('ratings.levels').table.rows.map((r) => r.count)).toEqual([5, 4, 3, 2, 1].map((l) => levels.filter((x) => x === l).length));
    expect(series('ratings.levels').figures?.find((f) => f.key === 'satisfied')?.value).toBe(Math.round((levels.filter((l) => l >= 3).length / levels.length) * 10000) / 10000);
    const perService = series('ratings.perService').table.rows;
    for (const name of ['政务代办', '健康体检']) {
      const mine = rows.filter((r) => r.service === name && r.level !== null);
      expect(perService.find((r) => r.service === name)).toMatchObject({
        ratings: mine.length,
        l5: mine.filter((r) => r.level === 5).length,
        l1: mine.filter((r) => r.level === 1).length,
        bad: mine.filter((r) => r.level! <= 2).length,
        followedUp: mine.filter((r) => r.followUp === 'done').length,
      });
    }
    const perStaff = series('ratings.perStaff').table.rows;
    expect(perStaff.map((r) => [r.staff, r.ratings, r.bad])).toEqual(expectStaff.map((s) => [s.staff, s.ratings, s.bad]));

    // 金点子.
    const figures = series('suggestions.figures');
    expect(Object.fromEntries(figures.figures!.map((f) => [f.key, f.value]))).toEqual({ received: 4, adopted: 2, implemented: 1 });
    expect(figures.table.rows.map((r) => r.count)).toEqual([3, 1, 2, 1, 1]);
    expect(series('suggestions.states').table.rows.map((r) => [r.state, r.count])).toEqual([
      ['待评估', 1],
      ['评估中', 0],
      ['已采纳', 1],
      ['未采纳', 1],
      ['已落实', 1],
    ]);

    // The monthly pack: the same numbers in 排队统计 (各工作人员), 好差评 and 金点子.
    const out = await ok<{ fileName: string; base64: string }>(api, 'reports.export.monthly', { month: '2026-01' }, admin);
    const file = join(dir, out.fileName);
    writeFileSync(file, Buffer.from(out.base64, 'base64'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const cells = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const after = (rowsOf: unknown[][], header: string, n: number) => {
      const i = rowsOf.findIndex((r) => r[0] === header);
      expect(i, header).toBeGreaterThan(-1);
      return rowsOf.slice(i + 1, i + 1 + n);
    };
    const queueSheet = cells('排队统计');
    expect(after(queueSheet, '工作人员', 2).map((r) => r.slice(0, 4))).toEqual(expectStaff.map((s) => [s.staff, s.finished, s.noShow, s.serviceAvg]));
    const rating = cells('好差评');
    expect(after(rating, '评价', 6)).toEqual([
      ...[5, 4, 3, 2, 1].map((l, i) => [['非常满意', '满意', '基本满意', '不满意', '非常不满意'][i], levels.filter((x) => x === l).length]),
      ['合计', levels.length],
    ]);
    const staffBlock = after(rating, '工作人员', 2);
    expect(staffBlock.map((r) => [r[0], r[6], r[8]])).toEqual(expectStaff.map((s) => [s.staff, s.ratings, s.bad]));
    expect(after(cells('金点子'), '项目', 5).map((r) => r[1])).toEqual([3, 1, 2, 1, 1]);
  });
});
