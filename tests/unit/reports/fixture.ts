import type { Db } from '../../../db/connection.js';

/**
 * A seeded center for the report tests: residents with two seasons of stays, lodgings, loans
 * (some late, some still out), consumables and queue tickets, written straight into the tables with
 * plain INSERTs (no domain code), spread over every hour so local-day and DST edges are crossed.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROVINCES: Array<[string, string[]]> = [
  ['黑龙江省', ['哈尔滨市', '大庆市', '伊春市']],
  ['吉林省', ['长春市', '吉林市']],
  ['辽宁省', ['沈阳市', '大连市']],
  ['内蒙古自治区', ['包头市']],
  ['甘肃省', ['兰州市']],
  ['陕西省', ['西安市']],
  ['重庆市', ['重庆市']],
  ['四川省', ['成都市']],
  ['山东省', ['济南市']],
  ['河北省', ['石家庄市']],
  ['北京市', ['北京市']],
  ['天津市', ['天津市']],
  ['山西省', ['太原市']],
];
const NEEDS = ['mobility', 'wheelchair', 'vision', 'hearing', 'chronic', 'medication', 'diet'];
const INTERESTS = ['calligraphy', 'choir', 'dance', 'taichi', 'painting', 'photography', 'chess', 'travel', 'health', 'volunteer'];

export interface FixtureOptions {
  residents?: number;
  /** Window the data covers. */
  from: Date;
  to: Date;
  seed?: number;
}

export function seedReportFixture(db: Db, o: FixtureOptions): void {
  const r = rng(o.seed ?? 7);
  const span = o.to.getTime() - o.from.getTime();
  const at = (ms: number) => new Date(ms).toISOString();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const created = at(o.from.getTime() - 400 * 86_400_000);
  db.transaction(() => {
    const lodging = db.prepare('INSERT INTO lodgings (name, kind) VALUES (?, ?)');
    for (let i = 1; i <= 12; i++) lodging.run(`测试酒店${i}`, pick(['hotel', 'minsu', 'apartment']));
    const res = db.prepare(
      `INSERT INTO residents (card_no, name, phone, phone_rev, sex, birth_year, origin_province, origin_city, lodging_kind, lodging_id, needs, interests, party_member, created_at, updated_at, last_seen_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const stay = db.prepare('INSERT INTO stays (resident_id, arrived_at, planned_departure, departed_at, source) VALUES (?, ?, NULL, ?, ?)');
    const n = o.residents ?? 300;
    for (let i = 0; i < n; i++) {
      const [prov, cities] = r() < 0.05 ? [null, [null]] : pick(PROVINCES);
      const kind = r() < 0.1 ? null : pick(['hotel', 'rental', 'own', 'other']);
      const id = Number(
        res.run(
          `C${String(i).padStart(7, '0')}`,
          `居民${i}`,
          `139${String(i).padStart(8, '0')}`,
          [...`139${String(i).padStart(8, '0')}`].reverse().join(''),
          r() < 0.05 ? null : pick(['M', 'F']),
          r() < 0.05 ? null : 1936 + Math.floor(r() * 36),
          prov,
          pick(cities as Array<string | null>),
          kind,
          kind === 'hotel' && r() < 0.8 ? 1 + Math.floor(r() * 12) : null,
          JSON.stringify(NEEDS.filter(() => r() < 0.15)),
          JSON.stringify(INTERESTS.filter(() => r() < 0.2)),
          r() < 0.2 ? 1 : 0,
          created,
          created,
          created,
          r() < 0.05 ? 'anonymised' : 'active',
        ).lastInsertRowid,
      );
      // Up to three stays, one after another, from a year before the window to its end; the last may stay open.
      let t = o.from.getTime() - 380 * 86_400_000 + Math.floor(r() * 300 * 86_400_000);
      const stays = 1 + Math.floor(r() * 3);
      for (let s = 0; s < stays; s++) {
        if (t >= o.to.getTime()) break;
        const length = Math.floor(r() * (r() < 0.3 ? 10 : 220) * 86_400_000) + Math.floor(r() * 86_400_000);
        const dep = t + length;
        const open = s === stays - 1 && (dep >= o.to.getTime() || r() < 0.2);
        stay.run(id, at(t), open ? null : at(Math.min(dep, o.to.getTime() - 1000)), 'kiosk');
        if (open) break;
        t = dep + Math.floor(r() * 120 * 86_400_000);
      }
    }
    // Loans: three equipment categories, two consumables.
    const cat = db.prepare('INSERT INTO loan_categories (name, kind, tag_prefix, loan_minutes, deposit_fen, created_at, updated_at, stock) VALUES (?, ?, ?, 1440, ?, ?, ?, 100)');
    const unit = db.prepare('INSERT INTO loan_units (category_id, asset_tag, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    const units: number[] = [];
    for (const [i, name] of ['轮椅', '助行器', '血压计'].entries()) {
      const c = Number(cat.run(name, 'equipment', `T${i}`, 10000 * (i + 1), created, created).lastInsertRowid);
      for (let u = 1; u <= 6; u++)
        units.push(Number(unit.run(c, `T${i}-${u}`, u === 6 ? 'retired' : 'available', u === 5 ? at(o.to.getTime() + 86_400_000) : created, created).lastInsertRowid));
    }
    const kits = Number(cat.run('药品包', 'consumable', 'YP', 0, created, created).lastInsertRowid);
    const masks = Number(cat.run('口罩', 'consumable', 'KZ', 0, created, created).lastInsertRowid);
    const loan = db.prepare(
      `INSERT INTO loans (unit_id, resident_id, out_at, due_at, deposit_fen, deposit_method, returned_at, condition, refund_fen, kept_fen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Per unit a chain of loans through the window (so no unit has two open loans).
    for (const u of units) {
      let t = o.from.getTime() - 20 * 86_400_000 + Math.floor(r() * 10 * 86_400_000);
      while (t < o.to.getTime()) {
        const due = t + (1 + Math.floor(r() * 7)) * 86_400_000;
        const back = due + Math.floor((r() - 0.7) * 4 * 86_400_000);
        const deposit = pick([0, 5000, 10000, 20000]);
        const open = back >= o.to.getTime() || r() < 0.01;
        const kept = open ? null : r() < 0.1 ? Math.min(deposit, 3000) : 0;
        loan.run(
          u,
          1 + Math.floor(r() * n),
          at(t),
          at(due),
          deposit,
          deposit ? pick(['cash', 'wechat', 'alipay']) : 'waived',
          open ? null : at(Math.max(back, t + 3_600_000)),
          open ? null : 'good',
          open ? null : deposit - kept!,
          kept,
        );
        if (open) break;
        t = Math.max(back, t + 3_600_000) + Math.floor(r() * 6 * 86_400_000);
      }
    }
    const issue = db.prepare('INSERT INTO consumable_issues (category_id, resident_id, kind, quantity, amount_fen, at) VALUES (?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < 400; i++) {
      const k = r() < 0.2 ? 'sale' : r() < 0.1 ? 'restock' : 'handout';
      issue.run(pick([kits, masks]), null, k, 1 + Math.floor(r() * 3), k === 'sale' ? 100 : 0, at(o.from.getTime() - 10 * 86_400_000 + Math.floor(r() * (span + 20 * 86_400_000))));
    }
    // Queue: two services, three counters, tickets on local days through the window.
    const svc = db.prepare('INSERT INTO queue_services (name, prefix, sort) VALUES (?, ?, ?)');
    const s1 = Number(svc.run('政务代办', 'A', 0).lastInsertRowid);
    const s2 = Number(svc.run('医保咨询', 'B', 1).lastInsertRowid);
    const ctr = db.prepare('INSERT INTO queue_counters (number, name) VALUES (?, ?)');
    const counters = [1, 2, 3].map((k) => Number(ctr.run(k, `${k}号窗口`).lastInsertRowid));
    const ticket = db.prepare(
      `INSERT INTO queue_tickets (issued_service_id, service_id, day, number, code, status, counter_id, queued_at, issued_at, called_at, finished_at, no_show_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const numbers = new Map<string, number>();
    const tz = (db.prepare("SELECT value FROM settings WHERE key = 'queue.timezone'").get() as { value: string } | undefined)?.value;
    const zone = tz ? (JSON.parse(tz) as string) : 'Asia/Shanghai';
    const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let i = 0; i < 1500; i++) {
      const issued = o.from.getTime() - 5 * 86_400_000 + Math.floor(r() * (span + 10 * 86_400_000));
      const day = dayOf.format(new Date(issued));
      const s = r() < 0.6 ? s1 : s2;
      const key = `${s}|${day}`;
      const num = (numbers.get(key) ?? 0) + 1;
      numbers.set(key, num);
      const roll = r();
      const status = roll < 0.7 ? 'finished' : roll < 0.82 ? 'no_show' : roll < 0.9 ? 'unserved' : roll < 0.95 ? 'waiting' : 'called';
      const called = status === 'finished' || status === 'no_show' || status === 'called' ? issued + Math.floor(r() * 50 * 60_000) : null;
      const finished = status === 'finished' ? called! + Math.floor(r() * 20 * 60_000) : null;
      ticket.run(
        s,
        s,
        day,
        num,
        `${s === s1 ? 'A' : 'B'}${String(num).padStart(3, '0')}`,
        status,
        called ? pick(counters) : null,
        at(issued),
        at(issued),
        called ? at(called) : null,
        finished ? at(finished) : null,
        status === 'no_show' ? at(called! + 60_000) : null,
      );
    }
  })();
}
