import type { Db } from '../../db/connection.js';
import { demoPerson, seededRandom } from '../../db/demo/residents.js';
import { generateCardNumber } from '../../db/residents/cards.js';
import { anonymiseResident, flushErasure } from '../../db/residents/residents.js';
import type { BenchSuite } from './harness.js';
import { measure } from './harness.js';
import { BASELINE_INSERT } from './sqlite.bench.js';

/**
 * What erasure that erases costs (issue 11.6): secure_delete=ON zeroes every byte a write frees, so
 * each write that rewrites a row (a staff edit, a check-in's last-seen time) does a little more
 * work. The same edit is timed with secure_delete OFF and ON on two equal databases of 20,000
 * residents; then one anonymisation as the API does it (print jobs scrubbed, row wiped, stay
 * closed, committed, WAL checkpointed and truncated).
 */
function seed(db: Db, n: number): void {
  const random = seededRandom(7);
  const now = new Date('2026-12-10T03:00:00Z');
  const insert = db.prepare(
    `INSERT INTO residents (card_no, name, name_initials, phone, phone_rev, sex, birth_year, origin_province, origin_city, lodging_kind,
       lodging_address, consent_version, consent_at, created_at, updated_at, last_seen_at)
     VALUES (?, ?, 'x', ?, ?, ?, ?, ?, ?, 'rental', '演示地址 3 栋 2 单元 501', '2026-1', ?, ?, ?, ?)`,
  );
  const seen = new Set<string>();
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const p = demoPerson(random, i, now);
      let card = generateCardNumber((max) => Math.floor(random() * max));
      while (seen.has(card)) card = generateCardNumber((max) => Math.floor(random() * max));
      seen.add(card);
      const at = now.toISOString();
      insert.run(card, p.name, p.phone, [...p.phone].reverse().join(''), p.sex, p.birthYear, p.province, p.city, at, at, at, at);
    }
  })();
}

export const erasureBench: BenchSuite = {
  name: 'erasure (secure_delete)',
  async run({ freshDb, log }) {
    const N = 20_000;
    const dbs = { off: freshDb('erasure-off.db'), on: freshDb('erasure-on.db') };
    dbs.off.pragma('secure_delete = OFF');
    dbs.on.pragma('secure_delete = ON');
    for (const db of Object.values(dbs)) seed(db, N);
    const rows = [];
    // One edit per commit: what a desk does; the fsync of synchronous=FULL dominates it.
    for (const mode of ['off', 'on'] as const) {
      const edit = dbs[mode].prepare('UPDATE residents SET lodging_address = ?, updated_at = ? WHERE id = ?');
      rows.push(
        await measure(`residents.edit.secure_delete_${mode}`, 2000, (i) => edit.run(`新地址 ${i} 栋 ${i % 7} 单元`, new Date().toISOString(), 1 + ((i * 7919) % N)), {
          baseline: BASELINE_INSERT,
          warmup: 100,
        }),
      );
    }
    // 50 edits in one transaction: the fsync shared, so what secure_delete itself adds shows.
    for (const mode of ['off', 'on'] as const) {
      const db = dbs[mode];
      const edit = db.prepare('UPDATE residents SET lodging_address = ?, updated_at = ? WHERE id = ?');
      const batch = db.transaction((i: number) => {
        for (let k = 0; k < 50; k++) edit.run(`另一地址 ${i}-${k} 号`, new Date().toISOString(), 1 + (((i * 50 + k) * 7919) % N));
      });
      rows.push(await measure(`residents.edit50.secure_delete_${mode}`, 300, (i) => batch(i), { baseline: BASELINE_INSERT, warmup: 20 }));
    }
    const erase = dbs.on.transaction((id: number) => anonymiseResident(dbs.on, id, 'anonymised', new Date()));
    rows.push(
      await measure(
        'residents.anonymise+checkpoint',
        500,
        (i) => {
          erase(1 + ((i * 104_729) % N));
          flushErasure(dbs.on);
        },
        { baseline: BASELINE_INSERT, warmup: 20 },
      ),
    );
    for (const db of Object.values(dbs)) db.close();
    const [off, on, off50, on50] = rows;
    log(
      `secure_delete: one edit p50 ${off!.p50_ms.toFixed(3)} → ${on!.p50_ms.toFixed(3)} ms (×${(on!.p50_ms / off!.p50_ms).toFixed(2)}); ` +
        `50 edits in one transaction p50 ${off50!.p50_ms.toFixed(3)} → ${on50!.p50_ms.toFixed(3)} ms (×${(on50!.p50_ms / off50!.p50_ms).toFixed(2)})`,
    );
    return rows;
  },
};
