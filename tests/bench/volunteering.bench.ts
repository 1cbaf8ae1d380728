import { getResident } from '../../db/residents/residents.js';
import { createStaff } from '../../db/staff.js';
import { accountView } from '../../db/volunteering/account.js';
import { saveItem } from '../../db/volunteering/catalogue.js';
import { ISSUING_ACCOUNT, accountBalance, ledgerCheck, postTransaction, residentAccount, residentBalance } from '../../db/volunteering/ledger.js';
import { redeem } from '../../db/volunteering/redeem.js';
import type { BenchSuite, Measured } from './harness.js';
import { measure } from './harness.js';

const RESIDENTS = 1000;
/** Credit transactions: two entries each, so 100,000 ledger entries. */
const CREDITS = 50_000;
const N = 2000;

/**
 * 时间银行: a ledger of 100,000 entries (50,000 credits over 1,000 residents).
 * - volunteering.balance: one resident's balance, a SUM over posted entries (target p95 < 5 ms);
 * - volunteering.balance.issuing: the center's issuing account, 50,000 entries (read, no target);
 * - volunteering.redeem: one redemption in an IMMEDIATE transaction, balance and stock checked,
 *   entries and posting written (target p50 < 5 × sqlite.insert: it is one FULL-sync commit);
 * - volunteering.kioskAccount: what the kiosk shows after a card scan (target p95 < 10 ms).
 */
export const volunteeringBench: BenchSuite = {
  name: 'volunteering',
  async run({ freshDb, log }) {
    const db = freshDb('volunteering.db');
    const now = new Date('2026-11-22T02:00:00Z');
    const started = Date.now();
    let mealId = 0;
    let staffId = 0;
    db.transaction(() => {
      const at = now.toISOString();
      staffId = createStaff(db, { name: '李晓梅', pin: '2468', role: 'staff' }, now).id;
      const addResident = db.prepare('INSERT INTO residents (card_no, name, phone, created_at, updated_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)');
      for (let i = 0; i < RESIDENTS; i++) addResident.run(`V${String(i).padStart(7, '0')}`, `居民${i}`, `139${String(i).padStart(8, '0')}`, at, at, at);
      const accounts = Array.from({ length: RESIDENTS }, (_, i) => residentAccount(db, i + 1, now));
      for (let i = 0; i < CREDITS; i++) {
        const points = 10 + (i % 30);
        postTransaction(
          db,
          {
            kind: 'credit',
            memo: '补记工时',
            entries: [
              { accountId: ISSUING_ACCOUNT, amount: -points },
              { accountId: accounts[i % RESIDENTS]!, amount: points },
            ],
          },
          new Date(now.getTime() - (i % 300) * 86_400_000),
        );
      }
      mealId = saveItem(db, { name: '爱心午餐', kind: 'meal', pricePoints: 5, active: true }, staffId, now).id;
    })();
    const entries = (db.prepare('SELECT COUNT(*) AS n FROM ledger_entries').get() as { n: number }).n;
    log(`volunteering: seeded ${RESIDENTS} residents, ${entries} ledger entries in ${Date.now() - started} ms`);
    db.pragma('optimize');

    const rows: Measured[] = [];
    rows.push({
      ...(await measure('volunteering.balance', N, (i) => residentBalance(db, ((i * 7919) % RESIDENTS) + 1), { warmup: 200, baseline: 'sqlite.lookup' })),
      note: `${entries} entries; target p95 < 5 ms`,
    });
    rows.push({
      ...(await measure('volunteering.balance.issuing', 100, () => accountBalance(db, ISSUING_ACCOUNT), { warmup: 10, baseline: 'sqlite.lookup' })),
      note: `${CREDITS} entries on one account`,
    });
    rows.push({
      ...(await measure(
        'volunteering.redeem',
        N,
        (i) => db.transaction(() => redeem(db, { residentId: (i % RESIDENTS) + 1, lines: [{ itemId: mealId, quantity: 1 }], staffId }, now)).immediate(),
        {
          warmup: 200,
          baseline: 'sqlite.insert',
        },
      )),
      note: 'target p50 < 5 × sqlite.insert (one synchronous=FULL commit)',
    });
    rows.push({
      ...(await measure('volunteering.kioskAccount', 500, (i) => accountView(db, getResident(db, ((i * 31) % RESIDENTS) + 1)!, 20), { warmup: 50, baseline: 'sqlite.lookup' })),
      note: 'target p95 < 10 ms',
    });
    const check = ledgerCheck(db);
    if (check.unbalanced.length || check.total !== 0) throw new Error(`ledger out of balance after the bench: ${JSON.stringify(check)}`);
    return rows;
  },
};
