import { addUnits } from '../../db/inventory/units.js';
import { createCategory } from '../../db/inventory/categories.js';
import { checkout } from '../../db/loans/checkout.js';
import { returnLoan } from '../../db/loans/giveBack.js';
import { listOverdueLoans } from '../../db/loans/lists.js';
import type { BenchSuite, Measured } from './harness.js';
import { measure } from './harness.js';

const UNITS = 5000;
const PAST_LOANS = 200_000;
const RESIDENTS = 4000;
const OPEN_OVERDUE = 300;
const N = 2000;

/**
 * loans.checkout / loans.return: one loan and one return at the service layer (the domain functions in
 * an IMMEDIATE transaction, as the handler runs them, without printing) against 5,000 units and
 * 200,000 past loans. Must stay < 2 ms median. loans.overdue: the 已逾期 list (joins to residents), < 20 ms.
 */
export const loansBench: BenchSuite = {
  name: 'loans',
  async run({ freshDb, log }) {
    const db = freshDb('loans.db');
    const now = new Date('2026-11-22T02:00:00Z');
    const started = Date.now();
    db.transaction(() => {
      const at = now.toISOString();
      const addResident = db.prepare('INSERT INTO residents (card_no, name, phone, created_at, updated_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)');
      for (let i = 0; i < RESIDENTS; i++) addResident.run(`B${String(i).padStart(7, '0')}`, `居民${i}`, `139${String(i).padStart(8, '0')}`, at, at, at);
      for (let c = 0; c < 10; c++) {
        const cat = createCategory(db, { name: `类别${c}`, kind: 'equipment', tagPrefix: `C${c}`, loanMinutes: 1440, depositFen: 10000, cleaningMinutes: 0, priceFen: 0 }, now);
        addUnits(db, { categoryId: cat.id, count: UNITS / 10, location: '库房' }, now);
      }
      // Past loans: returned, spread over the last two years, on every unit and resident.
      const past = db.prepare(
        `INSERT INTO loans (unit_id, resident_id, out_at, due_at, deposit_fen, deposit_method, returned_at, condition, refund_fen, kept_fen)
         VALUES (?, ?, ?, ?, 10000, 'cash', ?, 'good', 10000, 0)`,
      );
      for (let i = 0; i < PAST_LOANS; i++) {
        const out = new Date(now.getTime() - (i % 700) * 86_400_000 - 7_200_000);
        const iso = out.toISOString();
        past.run((i % UNITS) + 1, (i % RESIDENTS) + 1, iso, new Date(out.getTime() + 86_400_000).toISOString(), iso);
      }
      // Some items out and late, held by the last residents (the bench lends to the others).
      const late = db.prepare("INSERT INTO loans (unit_id, resident_id, out_at, due_at, deposit_fen, deposit_method) VALUES (?, ?, ?, ?, 10000, 'cash')");
      for (let i = 0; i < OPEN_OVERDUE; i++) {
        const unitId = UNITS - i;
        late.run(unitId, RESIDENTS - (i % 100), new Date(now.getTime() - 5 * 86_400_000).toISOString(), new Date(now.getTime() - 2 * 86_400_000).toISOString());
        db.prepare("UPDATE loan_units SET status = 'out' WHERE id = ?").run(unitId);
      }
    })();
    log(`loans: seeded ${UNITS} units, ${PAST_LOANS} past loans, ${OPEN_OVERDUE} overdue in ${Date.now() - started} ms`);
    db.pragma('optimize');

    const rows: Measured[] = [];
    // Unit i+1 to resident (i % 3000)+1; warm-up uses indexes N.. so every call lends a fresh unit.
    const lend = (i: number) =>
      db.transaction(() => checkout(db, { residentId: (i % 3000) + 1, unitId: i + 1, depositFen: 10000, depositMethod: 'cash', staffId: null }, now)).immediate();
    const giveBack = (i: number) =>
      db.transaction(() => returnLoan(db, { unitCode: `C${Math.floor(i / 500)}-${String((i % 500) + 1).padStart(4, '0')}`, condition: 'good', staffId: null }, now)).immediate();
    rows.push(await measure('loans.checkout', N, lend, { warmup: 200, baseline: 'sqlite.insert' }));
    rows.push(await measure('loans.return', N, giveBack, { warmup: 200, baseline: 'sqlite.insert' }));
    const later = new Date(now.getTime() + 3_600_000);
    rows.push(await measure('loans.overdue', 200, () => listOverdueLoans(db, later), { warmup: 20, baseline: 'sqlite.lookup' }));
    return rows;
  },
};
