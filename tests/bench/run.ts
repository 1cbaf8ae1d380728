/**
 * `npm run bench`: runs every suite against fresh temp databases, prints the table and writes
 * bench-results.json at the repository root. Figures are read as ratios to the raw SQLite
 * baselines of the same run, so a slow disk does not hide a slow query.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../db/connection.js';
import { formatTable, withRatios, type Measured } from './harness.js';
import { suites } from './suites.js';

const only = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'houniao-bench-'));
const rows: Measured[] = [];
const started = Date.now();
try {
  for (const suite of suites) {
    if (only.length && !only.some((o) => suite.name.includes(o)) && suite.name !== 'sqlite baselines') continue;
    const suiteDir = mkdtempSync(join(dir, 'suite-'));
    process.stdout.write(`… ${suite.name}\n`);
    rows.push(...(await suite.run({ dir: suiteDir, freshDb: (name) => openDatabase(join(suiteDir, name)), log: (l) => console.log(`  ${l}`) })));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const results = withRatios(rows);
console.log(`\n${formatTable(results)}\n`);
const out = resolve('bench-results.json');
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
console.log(`Wrote ${out} (${results.length} rows) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
