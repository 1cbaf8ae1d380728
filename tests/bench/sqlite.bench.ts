import type { BenchSuite } from './harness.js';
import { measure } from './harness.js';

export const BASELINE_INSERT = 'sqlite.insert';
export const BASELINE_LOOKUP = 'sqlite.lookup';

/**
 * The two raw SQLite figures every other row is read against, on this machine, in this run:
 * a one-row autocommit insert and an indexed point select, with the app's own pragmas
 * (WAL, synchronous=FULL) so the ratio shows what our code adds on top of the disk.
 */
export const sqliteBaselines: BenchSuite = {
  name: 'sqlite baselines',
  async run({ freshDb }) {
    const db = freshDb('baseline.db');
    db.exec('CREATE TABLE probe (id INTEGER PRIMARY KEY, code TEXT NOT NULL, payload TEXT NOT NULL)');
    db.exec('CREATE UNIQUE INDEX probe_code ON probe(code)');
    const insert = db.prepare('INSERT INTO probe (code, payload) VALUES (?, ?)');
    const insertRow = await measure(BASELINE_INSERT, 2000, (i) => insert.run(`C${i}`, `payload ${i}`), { warmup: 100 });

    const fill = db.transaction((count: number) => {
      for (let i = 0; i < count; i++) insert.run(`F${i}`, `payload ${i}`);
    });
    fill(100_000);
    const lookup = db.prepare('SELECT id, payload FROM probe WHERE code = ?');
    const lookupRow = await measure(BASELINE_LOOKUP, 20_000, (i) => lookup.get(`F${(i * 7919) % 100_000}`));
    db.close();
    return [insertRow, lookupRow];
  },
};
