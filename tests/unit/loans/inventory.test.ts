import { describe, expect, it } from 'vitest';
import { formatFen, yuanToFen } from '../../../db/inventory/money.js';
import { assetPayload, parseAssetCode } from '../../../db/inventory/tags.js';
import { fails, ok } from '../../helpers/tempDb.js';
import { addResident, loanDesk } from './fixtures.js';

describe('inventory', () => {
  it('adds units in bulk with consecutive asset tags, all 在库, and prints all their labels as one job', async () => {
    const { api, token, wheelchair, db } = await loanDesk({ units: 0 });
    const out = await ok(api, 'inventory.addUnits', { categoryId: wheelchair.id, count: 3, location: '一楼库房' }, token);
    expect(out.units.map((u: any) => u.assetTag)).toEqual(['LY-0001', 'LY-0002', 'LY-0003']);
    expect(out.units.every((u: any) => u.state === 'available' && u.location === '一楼库房')).toBe(true);
    expect(out.jobIds).toHaveLength(1);
    const job = db.prepare('SELECT job_type AS t, payload FROM print_jobs WHERE id = ?').get(out.jobIds[0]) as { t: string; payload: string };
    expect(job.t).toBe('assetLabel');
    expect(JSON.parse(job.payload).labels.map((l: any) => l.assetTag)).toEqual(['LY-0001', 'LY-0002', 'LY-0003']);
    const more = await ok(api, 'inventory.addUnits', { categoryId: wheelchair.id, count: 2, printLabels: false }, token);
    expect(more.units.map((u: any) => u.assetTag)).toEqual(['LY-0004', 'LY-0005']);
    expect(more.jobIds).toEqual([]);
  });

  it('reprints labels for chosen units in one job; an unknown unit id prints nothing at all', async () => {
    const { api, token, units, db } = await loanDesk();
    const jobs = () => (db.prepare('SELECT COUNT(*) AS n FROM print_jobs').get() as { n: number }).n;
    const out = await ok(api, 'inventory.printLabels', { unitIds: [units[2]!.id, units[0]!.id, units[0]!.id] }, token);
    expect(out.jobIds).toHaveLength(1);
    const { payload } = db.prepare('SELECT payload FROM print_jobs WHERE id = ?').get(out.jobIds[0]) as { payload: string };
    expect(JSON.parse(payload).labels.map((l: any) => l.assetTag)).toEqual(['LY-0003', 'LY-0001']);
    const before = jobs();
    expect((await fails(api, 'inventory.printLabels', { unitIds: [units[1]!.id, 999] }, token)).code).toBe('NOT_FOUND');
    expect(jobs()).toBe(before);
  });

  it("changes a category's default period, deposit and cleaning time, and where a unit is kept (audited)", async () => {
    const { api, token, wheelchair, units, db } = await loanDesk();
    const c = await ok(
      api,
      'inventory.updateCategory',
      { id: wheelchair.id, name: '轮椅', tagPrefix: 'LY', loanMinutes: 3 * 1440, depositFen: 30000, cleaningMinutes: 120 },
      token,
    );
    expect(c).toMatchObject({ loanMinutes: 4320, depositFen: 30000, cleaningMinutes: 120 });
    const u = await ok(api, 'inventory.setLocation', { unitId: units[0]!.id, location: '二楼储物间' }, token);
    expect(u.location).toBe('二楼储物间');
    const { listAudit } = await import('../../../db/audit.js');
    expect(listAudit(db).map((a) => a.action)).toEqual(expect.arrayContaining(['inventory.updateCategory', 'inventory.setLocation']));
  });

  it('refuses a second category of the same name or tag prefix, in Chinese', async () => {
    const { api, token } = await loanDesk();
    const e = await fails(api, 'inventory.createCategory', { name: '轮椅', kind: 'equipment', tagPrefix: 'WC' }, token);
    expect(e.code).toBe('LOAN_CATEGORY_EXISTS');
    expect(e.message).toContain('轮椅');
    expect((await fails(api, 'inventory.createCategory', { name: '助行器', kind: 'equipment', tagPrefix: 'ly' }, token)).code).toBe('LOAN_TAG_PREFIX_TAKEN');
    const bad = await fails(api, 'inventory.createCategory', { name: '助行器', kind: 'equipment', tagPrefix: '助行' }, token);
    expect(bad.fields?.[0]?.key).toBe('tagPrefix');
  });

  it('loan periods can be hours or days; deposit and cleaning buffer are kept per category', async () => {
    const { api, token } = await loanDesk();
    const c = await ok(api, 'inventory.createCategory', { name: '充电宝', kind: 'equipment', tagPrefix: 'CD', loanMinutes: 240, depositFen: 5050, cleaningMinutes: 0 }, token);
    expect(c).toMatchObject({ loanMinutes: 240, depositFen: 5050, cleaningMinutes: 0 });
    const u = await ok(api, 'inventory.updateCategory', { id: c.id, name: '充电宝', tagPrefix: 'CD', loanMinutes: 7 * 1440, depositFen: 0, cleaningMinutes: 30 }, token);
    expect(u).toMatchObject({ loanMinutes: 10080, cleaningMinutes: 30, depositFen: 0 });
  });

  it('resolves a scanned label payload and a bare typed tag to the same unit; unknown codes say which', async () => {
    const { api, token, units } = await loanDesk();
    expect(assetPayload('LY-0002')).toBe('HNA1:LY-0002');
    expect(parseAssetCode(' hna1:ly-0002 ')).toBe('LY-0002');
    expect((await ok(api, 'inventory.unit', { code: 'HNA1:LY-0002' }, token)).id).toBe(units[1]!.id);
    expect((await ok(api, 'inventory.unit', { code: 'ly-0002' }, token)).id).toBe(units[1]!.id);
    const e = await fails(api, 'inventory.unit', { code: 'HNA1:XX-9' }, token);
    expect(e.code).toBe('LOAN_UNIT_UNKNOWN');
    expect(e.message).toContain('XX-9');
  });

  it('retires a unit (never lendable again) but not one that is out on loan', async () => {
    const { api, token, units, resident } = await loanDesk();
    const r = await ok(api, 'inventory.retireUnit', { unitId: units[0]!.id, reason: '车架断裂' }, token);
    expect(r.state).toBe('retired');
    expect((await fails(api, 'loans.checkout', { residentId: resident.id, unitId: units[0]!.id, depositFen: 0, depositMethod: 'waived' }, token)).code).toBe('LOAN_UNIT_RETIRED');
    await ok(api, 'loans.checkout', { residentId: resident.id, unitId: units[1]!.id, depositFen: 0, depositMethod: 'waived' }, token);
    expect((await fails(api, 'inventory.retireUnit', { unitId: units[1]!.id, reason: 'x' }, token)).code).toBe('LOAN_UNIT_OUT');
  });

  it('hands out and sells consumables with the quantity recorded; the stock never goes below zero', async () => {
    const { api, token, db } = await loanDesk();
    const masks = await ok(api, 'inventory.createCategory', { name: '口罩', kind: 'consumable', tagPrefix: 'KZ', priceFen: 150 }, token);
    await ok(api, 'inventory.restock', { categoryId: masks.id, quantity: 5 }, token);
    const r = addResident(db, '李桂兰');
    const a = await ok(api, 'inventory.issue', { categoryId: masks.id, quantity: 2, kind: 'handout', residentId: r.id }, token);
    expect(a.category.stock).toBe(3);
    const s = await ok(api, 'inventory.issue', { categoryId: masks.id, quantity: 3, kind: 'sale', method: 'wechat' }, token);
    expect(s).toMatchObject({ amountFen: 450, category: { stock: 0 } });
    const e = await fails(api, 'inventory.issue', { categoryId: masks.id, quantity: 1, kind: 'handout' }, token);
    expect(e.code).toBe('LOAN_STOCK_SHORT');
    expect(e.message).toContain('库存只有 0 件');
    const log = await ok(api, 'inventory.issues', { categoryId: masks.id }, token);
    expect(log.map((l: any) => [l.kind, l.quantity, l.method])).toEqual([
      ['sale', 3, 'wechat'],
      ['handout', 2, null],
      ['restock', 5, null],
    ]);
    // A hand-out to someone who is not a resident is refused, and nothing is taken from the stock.
    await ok(api, 'inventory.restock', { categoryId: masks.id, quantity: 2 }, token);
    const stranger = await fails(api, 'inventory.issue', { categoryId: masks.id, quantity: 1, kind: 'handout', residentId: 9999 }, token);
    expect(stranger.code).toBe('LOAN_RESIDENT_UNKNOWN');
    expect((db.prepare('SELECT stock FROM loan_categories WHERE id = ?').get(masks.id) as { stock: number }).stock).toBe(2);
    // A restock past what the field takes says what it takes.
    expect((await fails(api, 'inventory.restock', { categoryId: masks.id, quantity: 0 }, token)).fields?.[0]?.zh).toContain('1 到 100000');
    // Units cannot be added to a consumable.
    expect((await fails(api, 'inventory.addUnits', { categoryId: masks.id, count: 1 }, token)).code).toBe('LOAN_WRONG_KIND');
  });

  it('tells the kiosk, without a session, how many of each category can be had now and nothing personal', async () => {
    const { api, token, units, resident } = await loanDesk();
    await ok(api, 'loans.checkout', { residentId: resident.id, unitId: units[0]!.id, depositFen: 20000, depositMethod: 'cash' }, token);
    await ok(api, 'inventory.sendToRepair', { unitId: units[1]!.id, note: '刹车松' }, token);
    const list = await ok(api, 'inventory.available', {});
    expect(list).toEqual([{ name: '轮椅', nameEn: '', kind: 'equipment', available: 1, depositFen: 20000, priceFen: 0 }]);
    expect(JSON.stringify(list)).not.toContain('张');
  });

  it('parses yuan typed by staff into exact fen and shows fen as ¥ with two decimals', () => {
    expect(yuanToFen('200')).toBe(20000);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('50.05')).toBe(5005);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
    expect(formatFen(20005)).toBe('¥200.05');
  });
});

describe('demo data', () => {
  it('seeds every category, consumables with stock, and loans to demo residents, some overdue', async () => {
    const { tempDb } = await import('../../helpers/tempDb.js');
    const { seedLoansDemo } = await import('../../../db/demo/loans.js');
    const { categoryCounts } = await import('../../../db/inventory/availability.js');
    const { loanSummary } = await import('../../../db/loans/lists.js');
    const { db } = tempDb();
    for (let i = 0; i < 8; i++) addResident(db, `演示居民${i}`);
    const now = new Date('2026-11-22T02:00:00Z');
    db.transaction(() => seedLoansDemo(db, now))();
    const names = categoryCounts(db, now).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['轮椅', '助行器', '拐杖', '血压计', '工具箱', '雨伞', '充电宝', '药品包', '口罩']));
    const s = loanSummary(db, now, '2026-11-22T16:00:00.000Z');
    expect(s.out).toBe(7);
    expect(s.overdue).toBeGreaterThanOrEqual(2);
  });
});
