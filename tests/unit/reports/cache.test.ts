import { describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/tempDb.js';
import { writeSettings } from '../../../db/settings.js';
import { dashboard } from '../../../db/reports/dashboard.js';
import { reportCacheStats, setReportCache } from '../../../db/reports/cache.js';
import type { PeriodInput } from '../../../db/reports/period.js';
import { checkIn, checkOut } from '../../../db/residents/stays.js';
import { PROFILE_COLUMNS, populationTallyStats } from '../../../db/residents/populationTally.js';
import { REPORTED_RESIDENT_COLUMNS, RING_IDS, STAY_LENGTH_DAYS } from '../../../db/migrations/020_report_kept_figures.js';
import { rng, seedReportFixture } from './fixture.js';

/**
 * The kept dashboard figures (db/reports/cache.ts) against a direct recount: after every batch of
 * random writes — domain check-ins and check-outs, plain UPDATEs and DELETEs on every table the
 * dashboard reads, renames — each period's dashboard with the cache equals the one computed afresh.
 */
const PERIODS: PeriodInput[] = [
  { kind: 'season' },
  { kind: 'lastSeason' },
  { kind: 'month' },
  { kind: '7d' },
  { kind: 'today' },
  { kind: 'monthOf', month: '2026-01' },
  { kind: 'custom', from: '2025-12-20', to: '2026-02-10' },
];

function both(db: Parameters<typeof dashboard>[0], p: PeriodInput, now: Date) {
  const kept = dashboard(db, p, now);
  setReportCache(false);
  try {
    return { kept, fresh: dashboard(db, p, now) };
  } finally {
    setReportCache(true);
  }
}

describe('reports cache', () => {
  it('after random writes the fast path equals a direct recount, and unchanged tables are really reused', () => {
    const { db } = tempDb();
    writeSettings(db, { 'queue.timezone': 'Asia/Shanghai' });
    seedReportFixture(db, { from: new Date('2025-09-30T16:00:00Z'), to: new Date('2026-03-01T00:00:00Z'), residents: 200 });
    const r = rng(99);
    const ids = (sql: string) => db.prepare(sql).pluck().all() as number[];
    const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
    const iso = (ms: number) => new Date(ms).toISOString();
    let now = new Date('2026-02-20T04:00:00Z');
    const base = Date.parse('2025-10-01T00:00:00Z');
    const writes: Array<() => void> = [
      () => {
        const id = pick(ids("SELECT id FROM residents WHERE status = 'active' AND id NOT IN (SELECT resident_id FROM stays WHERE departed_at IS NULL)"));
        checkIn(db, id, { now, source: 'kiosk' });
      },
      () => {
        const id = pick(ids('SELECT resident_id FROM stays WHERE departed_at IS NULL'));
        checkOut(db, id, now);
      },
      () =>
        db
          .prepare('UPDATE stays SET arrived_at = ? WHERE id = ? AND departed_at IS NOT NULL AND departed_at > ?')
          .run(iso(base + r() * 90 * 86_400_000), pick(ids('SELECT id FROM stays')), iso(base + 91 * 86_400_000)),
      () => db.prepare('DELETE FROM stays WHERE id = ?').run(pick(ids('SELECT id FROM stays'))),
      () =>
        db
          .prepare('UPDATE residents SET origin_province = ?, birth_year = ?, needs = ? WHERE id = ?')
          .run(pick(['海南省', '黑龙江省', null]), 1940 + Math.floor(r() * 30), pick(['[]', '["mobility"]', '["diet","vision"]']), pick(ids('SELECT id FROM residents'))),
      () => db.prepare("UPDATE residents SET lodging_kind = 'hotel', lodging_id = ? WHERE id = ?").run(1 + Math.floor(r() * 12), pick(ids('SELECT id FROM residents'))),
      () =>
        db
          .prepare('UPDATE residents SET sex = ?, party_member = ?, interests = ? WHERE id = ?')
          .run(pick(['M', 'F', null]), pick([0, 1]), pick(['[]', '["choir","taichi"]']), pick(ids('SELECT id FROM residents'))),
      () => {
        // A registration with a stay in last season (someone entered from a paper roster).
        const id = Number(
          db
            .prepare(
              `INSERT INTO residents (card_no, name, phone, phone_rev, sex, birth_year, origin_province, origin_city, lodging_kind, needs, interests, created_at, updated_at, last_seen_at)
               VALUES (?, '新居民', ?, ?, 'F', 1951, '吉林省', '长春市', 'rental', '["vision"]', '[]', ?, ?, ?)`,
            )
            .run(`N${Math.floor(r() * 1e9)}`, `139${String(Math.floor(r() * 1e8)).padStart(8, '0')}`, 'x', iso(now.getTime()), iso(now.getTime()), iso(now.getTime()))
            .lastInsertRowid,
        );
        db.prepare("INSERT INTO stays (resident_id, arrived_at, departed_at, source) VALUES (?, ?, ?, 'staff')").run(
          id,
          iso(base + r() * 60 * 86_400_000),
          iso(base + 70 * 86_400_000),
        );
      },
      // A merge moves a stay to another resident.
      () => db.prepare('UPDATE stays SET resident_id = ? WHERE id = ? AND departed_at IS NOT NULL').run(pick(ids('SELECT id FROM residents')), pick(ids('SELECT id FROM stays'))),
      // A registration made by mistake goes, stays and all.
      () => {
        const id = db.prepare("SELECT id FROM residents WHERE card_no LIKE 'N%' LIMIT 1").pluck().get() as number | undefined;
        if (id === undefined) return;
        db.prepare('DELETE FROM stays WHERE resident_id = ?').run(id);
        db.prepare('DELETE FROM residents WHERE id = ?').run(id);
      },
      () => db.prepare('UPDATE lodgings SET name = ? WHERE id = ?').run(`改名酒店${Math.floor(r() * 1000)}`, 1 + Math.floor(r() * 12)),
      () =>
        db
          .prepare("UPDATE loans SET returned_at = ?, condition = 'good', refund_fen = deposit_fen, kept_fen = 0 WHERE id = ?")
          .run(iso(now.getTime() - 3_600_000), pick(ids('SELECT id FROM loans WHERE returned_at IS NULL'))),
      () => db.prepare('DELETE FROM loans WHERE id = ?').run(pick(ids('SELECT id FROM loans WHERE returned_at IS NOT NULL'))),
      () => db.prepare('UPDATE loan_categories SET name = name || ? WHERE id = ?').run('·', pick(ids('SELECT id FROM loan_categories'))),
      () => db.prepare("UPDATE loan_units SET status = 'retired' WHERE id = ?").run(pick(ids('SELECT id FROM loan_units'))),
      () =>
        db
          .prepare("INSERT INTO consumable_issues (category_id, kind, quantity, amount_fen, at) VALUES (?, 'handout', 2, 0, ?)")
          .run(pick(ids("SELECT id FROM loan_categories WHERE kind = 'consumable'")), iso(now.getTime() - 60_000)),
      () => db.prepare("UPDATE queue_tickets SET status = 'no_show', no_show_at = called_at WHERE id = ? AND called_at IS NOT NULL").run(pick(ids('SELECT id FROM queue_tickets'))),
      () => db.prepare('DELETE FROM queue_tickets WHERE id = ?').run(pick(ids('SELECT id FROM queue_tickets'))),
      () => db.prepare('UPDATE queue_services SET name = name || ? WHERE id = ?').run('·', pick(ids('SELECT id FROM queue_services'))),
      () => {
        const staff = ids('SELECT id FROM staff');
        if (staff.length) db.prepare('UPDATE staff SET name = name || ? WHERE id = ?').run('·', pick(staff));
      },
      () => {
        // A rating of a finished ticket not rated yet (the per-staff table counts ratings).
        const t = db.prepare("SELECT id, service_id AS s FROM queue_tickets WHERE status = 'finished' AND id NOT IN (SELECT ticket_id FROM service_ratings) LIMIT 1").get() as
          { id: number; s: number } | undefined;
        if (t)
          db.prepare("INSERT INTO service_ratings (ticket_id, service_id, level, reasons, source, rated_at) VALUES (?, ?, ?, '[]', 'kiosk:host', ?)").run(
            t.id,
            t.s,
            3 + Math.floor(r() * 3),
            iso(now.getTime()),
          );
      },
    ];
    // The clock moves on too: loans still out count up to now.
    const updates = populationTallyStats.updates;
    for (let round = 0; round < 24; round++) {
      for (let k = 0; k < 1 + Math.floor(r() * 4); k++) db.transaction(pick(writes))();
      if (round % 3 === 2) now = new Date(now.getTime() + 3 * 3_600_000);
      for (const p of PERIODS) {
        const { kept, fresh } = both(db, p, now);
        expect(kept, `round ${round} ${JSON.stringify(p)}`).toEqual(fresh);
      }
    }
    // The population figures were brought up to date per changed resident, not recounted each time.
    expect(populationTallyStats.updates - updates).toBeGreaterThan(20);
    // With nothing written, a second opening reuses every cached module and is still exact.
    const hits = reportCacheStats.hits;
    const misses = reportCacheStats.misses;
    const { kept, fresh } = both(db, { kind: 'lastSeason' }, now);
    expect(kept).toEqual(fresh);
    expect(reportCacheStats.misses).toBe(misses);
    expect(reportCacheStats.hits - hits).toBe(3); // residents, loans and queue
    // A rolled-back write leaves the counters (and so the kept figures) as they were; a committed one does not.
    const before = db.prepare('SELECT n FROM report_changes WHERE tbl = ?').pluck();
    const n = before.get('stays');
    expect(() =>
      db.transaction(() => {
        db.prepare('DELETE FROM stays').run();
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    expect(before.get('stays')).toBe(n);
    db.prepare('DELETE FROM stays WHERE id = (SELECT MIN(id) FROM stays)').run();
    expect(before.get('stays')).toBe((n as number) + 1);
    const after = both(db, { kind: 'lastSeason' }, now);
    expect(after.kept).toEqual(after.fresh);
  });

  it('recounts the population when more residents changed than the change ring holds', () => {
    const { db } = tempDb();
    writeSettings(db, { 'queue.timezone': 'Asia/Shanghai' });
    seedReportFixture(db, { from: new Date('2025-09-30T16:00:00Z'), to: new Date('2026-03-01T00:00:00Z'), residents: 200 });
    const now = new Date('2026-02-20T04:00:00Z');
    both(db, { kind: 'season' }, now);
    const recounts = populationTallyStats.recounts;
    db.prepare("UPDATE residents SET origin_province = '海南省' WHERE id IN (SELECT id FROM residents ORDER BY id LIMIT ?)").run(RING_IDS + 1);
    const { kept, fresh } = both(db, { kind: 'season' }, now);
    expect(kept).toEqual(fresh);
    expect(populationTallyStats.recounts - recounts).toBe(1);
    // A check-in (a stay and the last visit) is one id in the ring: the next opening updates, it does not recount.
    const updates = populationTallyStats.updates;
    const out = db
      .prepare('SELECT id FROM residents r WHERE NOT EXISTS (SELECT 1 FROM stays s WHERE s.resident_id = r.id AND s.departed_at IS NULL) LIMIT 1')
      .pluck()
      .get() as number;
    const ring = db.prepare("SELECT n FROM report_changes WHERE tbl = 'resident_ids'").pluck();
    const n0 = ring.get() as number;
    checkIn(db, out, { now, source: 'kiosk' });
    expect(ring.get()).toBe(n0 + 1);
    const after = both(db, { kind: 'season' }, now);
    expect(after.kept).toEqual(after.fresh);
    expect(populationTallyStats.recounts - recounts).toBe(1);
    expect(populationTallyStats.updates - updates).toBe(1);
  });

  it('reads the length of closed stays from the index, not from each stay', () => {
    const { db } = tempDb();
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT SUM(d < 7) FROM (SELECT ${STAY_LENGTH_DAYS} AS d FROM stays WHERE departed_at >= ? AND departed_at < ?)`)
      .all('2026-01-01', '2026-02-01') as Array<{ detail: string }>;
    expect(plan.map((r) => r.detail).join('\n')).toMatch(/COVERING INDEX stays_length/);
  });

  it('the change ring watches every resident column the population figures read', () => {
    const read = [...PROFILE_COLUMNS.matchAll(/\br\.(\w+)/g)].map((m) => m[1]).filter((c) => c !== 'id');
    expect([...new Set(read)].sort()).toEqual([...REPORTED_RESIDENT_COLUMNS].sort());
  });
});
