import { parseCardCode } from '../../db/residents/cards.js';
import { demoPerson, seededRandom } from '../../db/demo/residents.js';
import { generateCardNumber } from '../../db/residents/cards.js';
import { nameInitials } from '../../db/residents/pinyinInitials.js';
import { findActiveByCard } from '../../db/residents/residents.js';
import { searchResidents } from '../../db/residents/search.js';
import { checkIn } from '../../db/residents/stays.js';
import type { BenchSuite } from './harness.js';
import { measure } from './harness.js';
import { BASELINE_INSERT, BASELINE_LOOKUP } from './sqlite.bench.js';

/**
 * Residents at scale: 100,000 residents and 300,000 stays (one transaction, prepared statements),
 * then a kiosk check-in by card (lookup + open stay, one transaction) and staff searches by pinyin
 * initials and phone tail through the same functions the API uses.
 */
export const residentsBench: BenchSuite = {
  name: 'residents',
  async run({ freshDb, log }) {
    const db = freshDb('residents.db');
    const now = new Date('2026-12-10T03:00:00Z');
    const random = seededRandom(42);
    const N = 100_000;
    const started = Date.now();
    const cards: string[] = [];
    const initialsCache = new Map<string, string>();
    const insertResident = db.prepare(
      `INSERT INTO residents (card_no, name, name_initials, phone, phone_rev, sex, birth_year, origin_province, origin_city, lodging_kind,
         lodging_address, consent_version, consent_at, created_at, updated_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'rental', '演示地址', '2026-1', ?, ?, ?, ?)`,
    );
    const insertStay = db.prepare('INSERT INTO stays (resident_id, arrived_at, planned_departure, departed_at, source) VALUES (?, ?, ?, ?, ?)');
    const seen = new Set<string>();
    db.transaction(() => {
      for (let i = 0; i < N; i++) {
        const p = demoPerson(random, i, now);
        let card = generateCardNumber((max) => Math.floor(random() * max));
        while (seen.has(card)) card = generateCardNumber((max) => Math.floor(random() * max));
        seen.add(card);
        cards.push(card);
        let ini = initialsCache.get(p.name);
        if (ini === undefined) initialsCache.set(p.name, (ini = nameInitials(p.name)));
        const at = new Date(now.getTime() - (i % 900) * 86_400_000).toISOString();
        const id = Number(insertResident.run(card, p.name, ini, p.phone, [...p.phone].reverse().join(''), p.sex, p.birthYear, p.province, p.city, at, at, at, at).lastInsertRowid);
        // Three past stays each, all closed, so check-in opens a new one.
        for (let s = 3; s >= 1; s--) {
          const arrive = new Date(Date.UTC(2026 - s, 10, 1 + (i % 28), 2)).toISOString();
          const leave = new Date(Date.UTC(2027 - s, 2, 1 + (i % 28), 2)).toISOString();
          insertStay.run(id, arrive, leave.slice(0, 10), leave, 'kiosk');
        }
      }
    })();
    log(`seeded ${N} residents and ${N * 3} stays in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Kiosk check-in by scanned card: parse, look up, open the stay, in one transaction.
    const checkInByCard = db.transaction((payload: string, at: Date) => {
      const r = findActiveByCard(db, parseCardCode(payload)!);
      return checkIn(db, r!.id, { now: at, source: 'kiosk' });
    });
    const checkinRow = await measure('residents.checkin.card', 2000, (i) => checkInByCard(`HNR1:${cards[(i * 7919) % N]}`, now), {
      baseline: BASELINE_INSERT,
      warmup: 100,
    });

    const initials = ['zjg', 'wxl', 'lgy', 'cdm', 'zh', 'ly', 'mcs', 'hgz', 'sjf', 'ty'];
    const pinyinRow = await measure('residents.search.pinyin', 1000, (i) => searchResidents(db, initials[i % initials.length]!, 30), { baseline: BASELINE_LOOKUP });
    const phoneRow = await measure('residents.search.phone', 1000, (i) => searchResidents(db, String((i * 37) % 10000).padStart(4, '0'), 30), {
      baseline: BASELINE_LOOKUP,
    });
    db.close();
    return [checkinRow, pinyinRow, phoneRow];
  },
};
