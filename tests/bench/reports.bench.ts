import type { Db } from '../../db/connection.js';
import { writeSettings } from '../../db/settings.js';
import { dashboard } from '../../db/reports/dashboard.js';
import { writeList } from '../../db/reports/lists.js';
import { monthlyWorkbook } from '../../db/reports/monthly.js';
import { clearReportCache, setReportCache } from '../../db/reports/cache.js';
import { checkIn } from '../../db/residents/stays.js';
import type { BenchSuite, Measured } from './harness.js';
import { measure } from './harness.js';

const RESIDENTS = 100_000;
const STAYS = 300_000;
const LOANS = 200_000;
const TICKETS = 50_000;
const DAY = 86_400_000;

/**
 * 统计报表 at a big center: 100k residents, 300k stays over three winters, 200k loans on 2,000
 * units, 50k queue tickets, bulk-inserted in one transaction.
 * - reports.dashboard.season: every dashboard series for a 7-month season (target p95 < 300 ms),
 *   opened again with nothing written since (a module's figures are kept while its tables are
 *   unchanged, db/reports/cache.ts);
 * - reports.dashboard.season.after_checkin: the same with a real check-in (a new stay, the
 *   resident's last visit) before each opening — the residents' figures are computed afresh;
 * - reports.dashboard.season.cold: nothing kept — every module computes every figure;
 * - reports.export.monthly: the whole monthly .xlsx (target p50 < 2 s);
 * - reports.export.residents: 100k residents streamed to .xlsx (target p50 < 15 s, peak RSS growth
 *   < 300 MB — printed in the log as maxRSS before/after).
 */
export const BENCH_NOW = new Date('2027-05-10T04:00:00Z'); // after the 2026–27 season: a complete 7-month season

export function seedReportsBench(db: Db, now = BENCH_NOW): void {
  const seasonStart = Date.parse('2026-09-30T16:00:00Z');
  let x = 12345;
  const r = () => (x = (x * 16807) % 2147483647) / 2147483647;
  const iso = (ms: number) => new Date(ms).toISOString();
  db.transaction(() => {
    writeSettings(db, { 'center.name': '基准测试服务中心' }, now);
    const at = iso(seasonStart - 800 * DAY);
    const provinces = ['黑龙江省', '吉林省', '辽宁省', '内蒙古自治区', '甘肃省', '陕西省', '重庆市', '四川省', '山东省', '河北省', '北京市', '山西省'];
    db.prepare("INSERT INTO lodgings (name, kind) VALUES ('基准酒店1', 'hotel'), ('基准酒店2', 'minsu'), ('基准酒店3', 'apartment')").run();
    const res = db.prepare(
      `INSERT INTO residents (card_no, name, phone, phone_rev, sex, birth_year, origin_province, origin_city, lodging_kind, lodging_id, needs, interests, party_member, id_masked, created_at, updated_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 1; i <= RESIDENTS; i++) {
      const phone = `13${String(i).padStart(9, '0')}`;
      const kind = r() < 0.6 ? 'hotel' : 'rental';
      res.run(
        `B${String(i).padStart(7, '0')}`,
        `居民${i}`,
        phone,
        [...phone].reverse().join(''),
        r() < 0.5 ? 'M' : 'F',
        1940 + Math.floor(r() * 30),
        provinces[i % provinces.length],
        '某市',
        kind,
        kind === 'hotel' ? 1 + (i % 3) : null,
        r() < 0.2 ? '["mobility","chronic"]' : '[]',
        r() < 0.3 ? '["taichi","choir"]' : '[]',
        r() < 0.15 ? 1 : 0,
        '2301**********1234',
        at,
        at,
        at,
      );
    }
    // Three stays per resident, one per winter (2024–25, 2025–26, 2026–27).
    const stay = db.prepare("INSERT INTO stays (resident_id, arrived_at, departed_at, source) VALUES (?, ?, ?, 'kiosk')");
    for (let i = 0; i < STAYS; i++) {
      const season = i % 3;
      const arrive = seasonStart - (2 - season) * 365 * DAY + Math.floor(r() * 90 * DAY);
      const leave = arrive + Math.floor((10 + r() * 170) * DAY);
      stay.run(Math.floor(i / 3) + 1, iso(arrive), season === 2 && r() < 0.05 ? null : iso(leave));
    }
    const cat = db.prepare("INSERT INTO loan_categories (name, kind, tag_prefix, deposit_fen, created_at, updated_at) VALUES (?, 'equipment', ?, 10000, ?, ?)");
    const unit = db.prepare("INSERT INTO loan_units (category_id, asset_tag, status, created_at, updated_at) VALUES (?, ?, 'available', ?, ?)");
    for (let c = 1; c <= 10; c++) {
      cat.run(`类别${c}`, `K${c}`, at, at);
      for (let u = 1; u <= 200; u++) unit.run(c, `K${c}-${u}`, at, at);
    }
    db.prepare("INSERT INTO loan_categories (name, kind, tag_prefix, created_at, updated_at, stock) VALUES ('口罩', 'consumable', 'KZ', ?, ?, 100000)").run(at, at);
    const loan = db.prepare(
      `INSERT INTO loans (unit_id, resident_id, out_at, due_at, deposit_fen, deposit_method, returned_at, condition, refund_fen, kept_fen)
         VALUES (?, ?, ?, ?, 10000, 'cash', ?, 'good', ?, ?)`,
    );
    // 100 loans per unit, back to back over ~900 days.
    for (let i = 0; i < LOANS; i++) {
      const unitId = (i % 2000) + 1;
      const out = seasonStart - 680 * DAY + Math.floor(i / 2000) * 9 * DAY + Math.floor(r() * 3 * DAY);
      const kept = r() < 0.05 ? 2000 : 0;
      loan.run(unitId, (i % RESIDENTS) + 1, iso(out), iso(out + 3 * DAY), iso(out + Math.floor(r() * 5 * DAY)), 10000 - kept, kept);
    }
    const issue = db.prepare("INSERT INTO consumable_issues (category_id, kind, quantity, at) VALUES (11, 'handout', 1, ?)");
    for (let i = 0; i < 20_000; i++) issue.run(iso(seasonStart - 365 * DAY + Math.floor(r() * 580 * DAY)));
    db.prepare("INSERT INTO queue_services (name, prefix) VALUES ('政务代办', 'A'), ('医保咨询', 'B'), ('健康体检', 'C')").run();
    db.prepare("INSERT INTO queue_counters (number, name) VALUES (1, '1号窗口'), (2, '2号窗口'), (3, '3号窗口')").run();
    const ticket = db.prepare(
      `INSERT INTO queue_tickets (issued_service_id, service_id, day, number, code, status, counter_id, queued_at, issued_at, called_at, finished_at)
         VALUES (?, ?, ?, ?, ?, 'finished', ?, ?, ?, ?, ?)`,
    );
    // 50k tickets over 500 days (100 a day), half inside the benchmark season.
    for (let i = 0; i < TICKETS; i++) {
      const d = Math.floor(i / 100);
      const issued = seasonStart - 290 * DAY + d * DAY + 3_600_000 + (i % 100) * 240_000;
      const s = (i % 3) + 1;
      const day = new Date(issued + 8 * 3_600_000).toISOString().slice(0, 10);
      ticket.run(s, s, day, i % 100, `X${i}`, (i % 3) + 1, iso(issued), iso(issued), iso(issued + 600_000), iso(issued + 1_200_000));
    }
  })();
  db.pragma('optimize');
}

export const reportsBench: BenchSuite = {
  name: 'reports',
  async run({ freshDb, log }) {
    const db = freshDb('reports.db');
    const now = BENCH_NOW;
    const started = Date.now();
    seedReportsBench(db, now);
    log(`reports: seeded ${RESIDENTS} residents, ${STAYS} stays, ${LOANS} loans, ${TICKETS} tickets in ${Date.now() - started} ms`);

    const rows: Measured[] = [];
    // Peak RSS during the export, sampled (the export yields to the event loop every 5,000 rows),
    // against the RSS just before it; measured first, before the other rows grow the heap.
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    let exported = 0;
    let bytes = 0;
    rows.push(
      await measure(
        'reports.export.residents',
        3,
        async () => {
          const out = await writeList(db, 'residents', {}, { fullPhones: false, now });
          exported = out.rows;
          bytes = out.buffer.length;
          peak = Math.max(peak, process.memoryUsage().rss);
        },
        { warmup: 0, baseline: 'sqlite.lookup' },
      ),
    );
    clearInterval(sampler);
    const mb = (b: number) => (b / 1048576).toFixed(0);
    log(
      `reports: exported ${exported} residents (${mb(bytes)} MB .xlsx); RSS ${mb(rssBefore)} MB before, peak ${mb(peak)} MB: growth ${mb(peak - rssBefore)} MB (target < 300 MB)`,
    );
    const view = dashboard(db, { kind: 'season' }, now);
    log(`reports: season ${view.period.from}..${view.period.to}, ${view.sections.flatMap((s) => s.series).length} series`);
    rows.push(await measure('reports.dashboard.season', 30, () => dashboard(db, { kind: 'season' }, now), { warmup: 3, baseline: 'sqlite.lookup' }));
    // Residents without an open stay, checked in one before each opening (outside the timed part).
    const walkIns = db
      .prepare('SELECT id FROM residents r WHERE NOT EXISTS (SELECT 1 FROM stays s WHERE s.resident_id = r.id AND s.departed_at IS NULL) LIMIT 100')
      .pluck()
      .all() as number[];
    let next = 0;
    rows.push(
      await measure('reports.dashboard.season.after_checkin', 20, () => dashboard(db, { kind: 'season' }, now), {
        warmup: 2,
        baseline: 'sqlite.lookup',
        before: () => void checkIn(db, walkIns[next++]!, { now, source: 'kiosk' }),
      }),
    );
    setReportCache(false);
    clearReportCache(db);
    rows.push(await measure('reports.dashboard.season.cold', 20, () => dashboard(db, { kind: 'season' }, now), { warmup: 2, baseline: 'sqlite.lookup' }));
    setReportCache(true);
    rows.push(await measure('reports.export.monthly', 5, () => monthlyWorkbook(db, '2027-01', now), { warmup: 1, baseline: 'sqlite.lookup' }));
    db.close();
    return rows;
  },
};
