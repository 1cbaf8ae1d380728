import type { Db } from '../connection.js';
import { createCategory, type CategoryInput } from '../inventory/categories.js';
import { restock } from '../inventory/consumables.js';
import { addUnits } from '../inventory/units.js';
import { checkout } from '../loans/checkout.js';

const DAY = 1440;
const equipment: Array<Omit<CategoryInput, 'kind' | 'priceFen'> & { units: number; location: string }> = [
  { name: '轮椅', nameEn: 'Wheelchair', tagPrefix: 'LY', loanMinutes: 3 * DAY, depositFen: 20000, cleaningMinutes: 120, units: 8, location: '一楼库房' },
  { name: '助行器', nameEn: 'Walker', tagPrefix: 'ZX', loanMinutes: 7 * DAY, depositFen: 10000, cleaningMinutes: 60, units: 6, location: '一楼库房' },
  { name: '拐杖', nameEn: 'Walking stick', tagPrefix: 'GZ', loanMinutes: 7 * DAY, depositFen: 5000, cleaningMinutes: 0, units: 10, location: '服务台后柜' },
  { name: '血压计', nameEn: 'Blood pressure monitor', tagPrefix: 'XY', loanMinutes: 2 * DAY, depositFen: 10000, cleaningMinutes: 30, units: 4, location: '服务台后柜' },
  { name: '工具箱', nameEn: 'Toolbox', tagPrefix: 'GJ', loanMinutes: DAY, depositFen: 5000, cleaningMinutes: 0, units: 3, location: '服务台后柜' },
  { name: '雨伞', nameEn: 'Umbrella', tagPrefix: 'YS', loanMinutes: DAY, depositFen: 0, cleaningMinutes: 0, units: 15, location: '门口伞架' },
  { name: '充电宝', nameEn: 'Power bank', tagPrefix: 'CD', loanMinutes: 240, depositFen: 5000, cleaningMinutes: 0, units: 6, location: '服务台' },
];

/**
 * The loan desk of the demo center: every category with units, two consumables, and some items out
 * on loan to demo residents — a few of them overdue so 已逾期 has rows to phone about.
 * Called from seedDemo after the residents seeder, inside its transaction.
 */
export function seedLoansDemo(db: Db, now: Date): void {
  for (const c of equipment) {
    const cat = createCategory(db, { ...c, kind: 'equipment', priceFen: 0 }, now);
    addUnits(db, { categoryId: cat.id, count: c.units, location: c.location }, now);
  }
  const kits = createCategory(
    db,
    { name: '药品包', nameEn: 'Medicine kit', kind: 'consumable', tagPrefix: 'YP', loanMinutes: DAY, depositFen: 0, cleaningMinutes: 0, priceFen: 0 },
    now,
  );
  restock(db, { categoryId: kits.id, quantity: 40, staffId: null }, now);
  const masks = createCategory(
    db,
    { name: '口罩', nameEn: 'Face mask', kind: 'consumable', tagPrefix: 'KZ', loanMinutes: DAY, depositFen: 0, cleaningMinutes: 0, priceFen: 100 },
    now,
  );
  restock(db, { categoryId: masks.id, quantity: 500, staffId: null }, now);

  const hasResidents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'residents'").get();
  if (!hasResidents) return;
  const residents = (db.prepare("SELECT id FROM residents WHERE status = 'active' ORDER BY id LIMIT 8").all() as Array<{ id: number }>).map((r) => r.id);
  // [tag, resident index, days ago lent]: 轮椅 lent 5 days ago is 2 days overdue, 血压计 4 days ago 2 days overdue.
  const out: Array<[string, number, number]> = [
    ['LY-0001', 0, 1],
    ['LY-0002', 1, 5],
    ['ZX-0001', 2, 2],
    ['GZ-0003', 3, 10],
    ['XY-0001', 4, 4],
    ['YS-0002', 5, 0],
    ['CD-0001', 6, 0],
  ];
  for (const [tag, i, daysAgo] of out) {
    const residentId = residents[i];
    if (residentId === undefined) continue;
    const at = new Date(now.getTime() - daysAgo * 86_400_000 - 3_600_000);
    const method = (['cash', 'wechat', 'alipay'] as const)[i % 3]!;
    const depositFen = (db.prepare('SELECT c.deposit_fen AS d FROM loan_units u JOIN loan_categories c ON c.id = u.category_id WHERE u.asset_tag = ?').get(tag) as { d: number }).d;
    // Lent in the past, so the overdue rule (checked against the lending time) lets each through.
    checkout(db, { residentId, unitCode: tag, depositFen, depositMethod: depositFen ? method : 'waived', staffId: null, overrideReason: '演示数据' }, at);
  }
}
