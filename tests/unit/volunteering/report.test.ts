import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { creditActivityHours } from '../../../db/volunteering/credit.js';
import { ok } from '../../helpers/tempDb.js';
import { timeBank, volunteerWithHours } from './fixtures.js';

describe('时间银行 in the reports', () => {
  it('the dashboard section and the monthly sheet 时间银行 count hours, volunteers, points issued and redeemed, items', async () => {
    const tb = await timeBank();
    const a = await volunteerWithHours(tb, 120, { name: '张建华' }); // 21 Nov (local), 20 points
    const b = await volunteerWithHours(tb, 0, { name: '王秀英', sex: 'F' });
    creditActivityHours(tb.db, { attendanceId: 1, residentId: b.id, activityId: 3, minutes: 90, at: new Date('2026-11-22T01:00:00Z') }); // 15 points
    // Last month's hours stay out of this month.
    creditActivityHours(tb.db, { attendanceId: 2, residentId: b.id, activityId: 2, minutes: 600, at: new Date('2026-10-20T01:00:00Z') });
    const meal = await ok(tb.api, 'volunteering.saveItem', { name: '爱心午餐', kind: 'meal', pricePoints: 5 }, tb.admin);
    const soap = await ok(tb.api, 'volunteering.saveItem', { name: '香皂', kind: 'goods', pricePoints: 3, stock: 9 }, tb.admin);
    await ok(
      tb.api,
      'volunteering.redeem',
      {
        residentId: a.id,
        lines: [
          { itemId: meal.id, quantity: 2 },
          { itemId: soap.id, quantity: 1 },
        ],
        print: false,
      },
      tb.staff,
    );
    const undone = await ok(tb.api, 'volunteering.redeem', { residentId: b.id, lines: [{ itemId: soap.id, quantity: 2 }], print: false }, tb.staff);
    await ok(tb.api, 'volunteering.reverse', { txnId: undone.redemption.txnId, reason: '拿错了' }, tb.admin);

    const dash = await ok(tb.api, 'reports.dashboard', { period: { kind: 'month' } }, tb.admin);
    const section = dash.sections.find((s: any) => s.id === 'volunteering');
    expect(section.title.zh).toBe('时间银行');
    const perDay = section.series.find((s: any) => s.id === 'volunteering.perDay');
    expect(Object.fromEntries(perDay.figures.map((f: any) => [f.key, f.value]))).toEqual({ hours: 3.5, activeVolunteers: 2, pointsIssued: 35, pointsRedeemed: 13 });
    expect(perDay.table.rows.find((r: any) => r.day === '2026-11-21')).toMatchObject({ manualHours: 2, hours: 2 });
    expect(perDay.table.rows.find((r: any) => r.day === '2026-11-22')).toMatchObject({ activityHours: 1.5, issued: 35, redeemed: 13 });
    const byItem = section.series.find((s: any) => s.id === 'volunteering.byItem');
    expect(byItem.table.rows).toEqual([
      { item: '爱心午餐', quantity: 2, points: 10 },
      { item: '香皂', quantity: 1, points: 3 },
    ]);

    const pack = await ok(tb.api, 'reports.export.monthly', { month: '2026-11' }, tb.admin);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(pack.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('时间银行')!;
    expect(sheet).toBeDefined();
    const cells: string[] = [];
    sheet.eachRow((row) => cells.push(row.values && Array.isArray(row.values) ? row.values.slice(1).join('|') : ''));
    expect(cells).toContain('志愿服务时长（小时）|3.5');
    expect(cells).toContain('兑换积分|13');
    expect(cells).toContain('爱心午餐|2|10');
  }, 60_000);
});
