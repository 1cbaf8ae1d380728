import type { Db } from '../connection.js';
import { instantOfLocalTime, localClock } from '../localTime.js';
import { seededRandom } from './residents.js';

/**
 * Two seasons of loan desk and queue history for the demo center, so every chart of 统计报表
 * shows something: returned loans on every unit (a few late, a few deposits kept), consumables
 * handed out, and queue tickets on the season's days (finished, 过号, unserved) at every counter.
 * Residents' past stays come from the residents seeder. Runs after the loans and queue seeders;
 * history ends 12 days before `now`, before the demo's open loans and today's tickets.
 */
export function seedReportsHistory(db: Db, now: Date, timeZone = 'Asia/Shanghai'): void {
  const random = seededRandom(20261201);
  const day = 86_400_000;
  const start = now.getTime() - 430 * day;
  const stop = now.getTime() - 12 * day;
  const iso = (ms: number) => new Date(ms).toISOString();
  // Winter months only (Oct–Apr): the center is quiet in summer.
  const inSeason = (ms: number) => {
    const m = new Date(ms).getUTCMonth();
    return m >= 9 || m <= 3;
  };
  const residents = (db.prepare("SELECT id FROM residents WHERE status = 'active' ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id);
  if (!residents.length) return;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

  // The units were bought before the history starts.
  db.prepare('UPDATE loan_units SET created_at = ?').run(iso(start - 30 * day));
  const units = db
    .prepare("SELECT u.id, c.deposit_fen AS deposit, c.loan_minutes AS minutes FROM loan_units u JOIN loan_categories c ON c.id = u.category_id WHERE c.kind = 'equipment'")
    .all() as Array<{ id: number; deposit: number; minutes: number }>;
  const loan = db.prepare(
    `INSERT INTO loans (unit_id, resident_id, out_at, due_at, deposit_fen, deposit_method, returned_at, condition, refund_fen, kept_fen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const u of units) {
    let t = start + Math.floor(random() * 10 * day);
    while (t < stop) {
      if (!inSeason(t)) {
        t += 7 * day;
        continue;
      }
      const due = t + u.minutes * 60_000;
      const late = random() < 0.12;
      const back = late ? due + (1 + Math.floor(random() * 3)) * day : t + Math.floor(random() * (due - t));
      if (back >= stop) break;
      const damaged = random() < 0.05;
      const kept = damaged ? Math.min(u.deposit, 5000) : 0;
      const method = u.deposit ? pick(['cash', 'wechat', 'alipay'] as const) : 'waived';
      loan.run(u.id, pick(residents), iso(t), iso(due), u.deposit, method, iso(Math.max(back, t + 1_800_000)), damaged ? 'damaged' : 'good', u.deposit - kept, kept);
      t = Math.max(back, t + 1_800_000) + Math.floor(random() * 4 * day);
    }
  }
  const consumables = db.prepare("SELECT id, price_fen AS price FROM loan_categories WHERE kind = 'consumable'").all() as Array<{ id: number; price: number }>;
  const issue = db.prepare('INSERT INTO consumable_issues (category_id, resident_id, kind, quantity, amount_fen, method, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (let t = start; t < stop; t += day) {
    if (!inSeason(t)) continue;
    for (const c of consumables) {
      const n = Math.floor(random() * 3);
      for (let i = 0; i < n; i++) {
        const sale = c.price > 0 && random() < 0.3;
        const q = 1 + Math.floor(random() * 2);
        issue.run(c.id, pick(residents), sale ? 'sale' : 'handout', q, sale ? q * c.price : 0, sale ? 'wechat' : null, iso(t + (9 + random() * 7) * 3_600_000 - 8 * 3_600_000));
      }
    }
  }

  // Queue tickets on every season day, 08:00–17:00 local, busier mid-morning.
  const services = db.prepare('SELECT s.id, s.prefix FROM queue_services s ORDER BY s.sort, s.id').all() as Array<{ id: number; prefix: string }>;
  const counterOf = db.prepare('SELECT counter_id FROM queue_counter_services WHERE service_id = ?');
  const counters = new Map(services.map((s) => [s.id, (counterOf.all(s.id) as Array<{ counter_id: number }>).map((c) => c.counter_id)]));
  const ticket = db.prepare(
    `INSERT INTO queue_tickets (issued_service_id, service_id, day, number, code, priority, status, counter_id, queued_at, issued_at, called_at, finished_at, no_show_at, closed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (let t = start; t < stop; t += day) {
    if (!inSeason(t)) continue;
    const local = localClock(new Date(t), timeZone).day;
    const opens = instantOfLocalTime(local, '08:00', timeZone).getTime();
    const numbers = new Map<number, number>();
    const count = 12 + Math.floor(random() * 25);
    const issued = Array.from({ length: count }, () => opens + Math.floor((random() + random()) * 4.5 * 3_600_000)).sort((a, b) => a - b);
    for (const at of issued) {
      const s = pick(services);
      const number = (numbers.get(s.id) ?? 0) + 1;
      numbers.set(s.id, number);
      const roll = random();
      const status = roll < 0.84 ? 'finished' : roll < 0.94 ? 'no_show' : 'unserved';
      const counter = status === 'unserved' ? null : pick(counters.get(s.id) ?? [null]);
      // Mid-morning (09:00–11:00) is the rush: longer waits.
      const rush = at - opens >= 3_600_000 && at - opens < 3 * 3_600_000;
      const called = status === 'unserved' ? null : at + (3 + random() * (rush ? 30 : 12)) * 60_000;
      const finished = status === 'finished' ? called! + (3 + random() * 9) * 60_000 : null;
      const noShow = status === 'no_show' ? called! + 3 * 60_000 : null;
      ticket.run(
        s.id,
        s.id,
        local,
        number,
        `${s.prefix}${String(number).padStart(3, '0')}`,
        random() < 0.1 ? 1 : 0,
        status,
        counter,
        iso(at),
        iso(at),
        called === null ? null : iso(called),
        finished === null ? null : iso(finished),
        noShow === null ? null : iso(noShow),
        status === 'unserved' ? iso(opens + 9.5 * 3_600_000) : null,
      );
    }
  }
}
