import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { applyImport } from '../../db/import/apply.js';
import { analyseTable } from '../../db/import/dryRun.js';
import { headerScore, suggestMapping } from '../../db/import/fields.js';
import { readTable } from '../../db/import/table.js';
import { demoPerson, seededRandom } from '../../db/demo/residents.js';
import { idCheckChar } from '../../db/residents/idChecksum.js';
import { keyFileProvider } from '../../db/residents/idNumbers.js';
import { insertResident } from '../../db/residents/residents.js';
import { residentFieldsSchema } from '../../db/residents/schema.js';
import type { BenchSuite, Measured } from './harness.js';

/**
 * 名单导入 at scale: a 10,000-row .xlsx roster (a third with ID numbers, every row with an arrival,
 * 1 % bad phones, 500 people already registered and chosen for 更新) read, dry-run and imported
 * through the same functions the API calls, into a database that already holds 20,000 residents.
 * One sample is the whole job a manager waits for; three runs, each on a fresh database.
 */
const ROWS = 10_000;
const EXISTING = 20_000;

async function rosterFile(now: Date): Promise<Buffer> {
  const random = seededRandom(15);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['姓名', '手机号', '身份证号', '省', '市', '出生年份', '入住日期', '离开日期', '住址']);
  for (let i = 0; i < ROWS; i++) {
    // Phones from index 19,500 on: the first 500 rows are people already registered.
    const p = demoPerson(random, EXISTING - 500 + i, now);
    const first17 = `230102${p.birthYear}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`.slice(0, 17);
    const id = i % 3 === 0 ? first17 + idCheckChar(first17) : '';
    const phone = i % 100 === 7 ? p.phone.slice(0, 10) : p.phone;
    const arrive = new Date(Date.UTC(2026, 9, 1 + (i % 60)));
    const leave = i % 2 ? new Date(arrive.getTime() + 20 * 86_400_000) : null;
    ws.addRow([p.name, phone, id, p.province, p.city, id ? '' : p.birthYear, arrive, leave, `阳光小区 ${i % 40} 栋`]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const importBench: BenchSuite = {
  name: 'import',
  async run({ freshDb, dir, log }) {
    const now = new Date('2026-12-10T03:00:00Z');
    const file = await rosterFile(now);
    log(`roster: ${ROWS} rows, ${(file.length / 1024).toFixed(0)} KiB .xlsx`);
    const samples: number[] = [];
    for (let run = 0; run < ((globalThis as { RUNS?: number }).RUNS ?? 3); run++) {
      const db = freshDb(`import-${run}.db`);
      const key = keyFileProvider(join(dir, `keys-${run}`));
      const staffId = Number(db.prepare("INSERT INTO staff (name, role, pin_hash, created_at) VALUES ('站长', 'admin', 'x', ?)").run(now.toISOString()).lastInsertRowid);
      const random = seededRandom(15);
      db.transaction(() => {
        for (let i = 0; i < EXISTING; i++) {
          const p = demoPerson(random, i, now);
          const f = residentFieldsSchema.parse({
            name: p.name,
            phone: p.phone,
            birthYear: p.birthYear,
            sex: p.sex,
            originProvince: p.province,
            originCity: p.city,
            lodgingKind: 'other',
          });
          insertResident(db, f, { key, now, consentVersion: '2026-1' });
        }
      })();
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const table = await readTable('roster.xlsx', file, headerScore);
      const t1 = performance.now();
      const mapping = suggestMapping(table.headers);
      const dry = analyseTable(db, table, mapping, { key, now });
      const t2 = performance.now();
      const decisions = new Map(dry.rows.filter((r) => r.status === 'duplicate').map((r) => [r.row, 'update' as const]));
      const result = applyImport(db, table, mapping, { key, now, staffId, fileName: 'roster.xlsx', decisions, analysis: dry });
      const t3 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      samples.push(t3 - t0);
      log(
        `run ${run + 1}: read ${(t1 - t0).toFixed(0)} ms, dry run ${(t2 - t1).toFixed(0)} ms, import ${(t3 - t2).toFixed(0)} ms ` +
          `(CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms: on a busy machine the wall time is mostly waiting) — ` +
          `${result.created} created, ${result.updated} updated, ${result.rejected} rejected (dry run: ${JSON.stringify(dry.counts)})`,
      );
      db.close();
    }
    samples.sort((a, b) => a - b);
    const r = (ms: number) => Math.round(ms * 10) / 10;
    const row: Measured = { id: 'import.roster.10k', n: samples.length, p50_ms: r(samples[1]!), p95_ms: r(samples[2]!), p99_ms: r(samples[2]!), baseline_id: null };
    return [row];
  },
};
