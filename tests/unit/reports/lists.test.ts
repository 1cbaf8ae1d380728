import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ok, tempApi, tempDir } from '../../helpers/tempDb.js';
import { createStaff } from '../../../db/staff.js';
import { seedReportFixture } from './fixture.js';
import { localDayOf } from './expected.js';

const now = new Date('2026-06-10T04:00:00Z');

async function setup() {
  const t = tempApi({ clock: () => now });
  seedReportFixture(t.db, { from: new Date('2025-09-30T16:00:00Z'), to: new Date('2026-04-30T15:59:00Z') });
  // One resident with a stored (masked) ID number and an open stay in town.
  t.db.prepare("UPDATE residents SET id_masked = '2301**********1234', id_cipher = 'v1:x', id_hmac = 'h1', origin_province = '黑龙江省' WHERE id = 1").run();
  t.db
    .prepare(
      "INSERT INTO stays (resident_id, arrived_at, source) SELECT 1, '2026-05-01T02:00:00Z', 'staff' WHERE NOT EXISTS (SELECT 1 FROM stays WHERE resident_id = 1 AND departed_at IS NULL)",
    )
    .run();
  const admin = await ok(t.api, 'staff.setup', { name: '站长', pin: '135790' });
  const clerk = createStaff(t.db, { name: '李晓梅', pin: '2468', role: 'staff' }, now);
  const staff = await ok(t.api, 'staff.login', { staffId: clerk.id, pin: '2468' });
  return { ...t, admin: admin.token as string, staff: staff.token as string };
}

async function readBack(dir: string, out: { fileName: string; base64: string }) {
  const file = join(dir, out.fileName);
  writeFileSync(file, Buffer.from(out.base64, 'base64'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { file, ws: wb.worksheets[0]! };
}

describe('reports.export.list', () => {
  it('residents with the filters: masked phones for staff, text cells, ID only masked, audited; LibreOffice reads the phones as text', async () => {
    const { api, db, staff, admin, dir } = await setup();
    const filters = { inTown: true, province: '黑龙江省' };
    const out = await ok(api, 'reports.export.list', { kind: 'residents', filters }, staff);
    const expected = (
      db
        .prepare(
          "SELECT r.id, r.phone FROM residents r WHERE r.status = 'active' AND r.origin_province = '黑龙江省' AND EXISTS (SELECT 1 FROM stays s WHERE s.resident_id = r.id AND s.departed_at IS NULL) ORDER BY r.id",
        )
        .all() as Array<{ id: number; phone: string }>
    ).map((r) => r.phone);
    expect(expected.length).toBeGreaterThan(3);
    expect(out.rows).toBe(expected.length);
    const { file, ws } = await readBack(dir, out);
    expect(String(ws.getCell('A1').value)).toContain('居民名单');
    expect(String(ws.getCell('A2').value)).toContain('手机号已遮蔽');
    expect(ws.getRow(3).getCell(5).value).toBe('手机号');
    const phones: unknown[] = [];
    for (let r = 4; r < 4 + out.rows; r++) {
      const cell = ws.getRow(r).getCell(5);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe('@');
      phones.push(cell.value);
    }
    expect(phones).toEqual(expected.map((p) => `${p.slice(0, 3)}****${p.slice(7)}`));
    expect(ws.getRow(4).getCell(6).value).toBe('2301**********1234');
    expect(readFileSync(file).includes(Buffer.from('v1:x'))).toBe(false);

    // The manager may export full phones, with a reason.
    const refused = await api.call('reports.export.list', { kind: 'residents', filters, fullPhones: true, reason: '社区走访' }, { token: staff });
    expect(refused.ok || refused.error.code).toBe('REPORT_FULL_PHONE_ADMIN');
    const noReason = await api.call('reports.export.list', { kind: 'residents', filters, fullPhones: true }, { token: admin });
    expect(noReason.ok || noReason.error.code).toBe('VALIDATION_FAILED');
    const full = await ok(api, 'reports.export.list', { kind: 'residents', filters, fullPhones: true, reason: '社区走访' }, admin);
    const back = await readBack(dir, { ...full, fileName: `full-${full.fileName}` });
    expect(back.ws.getRow(4).getCell(5).value).toBe(expected[0]);
    expect(back.ws.getRow(4).getCell(5).type).toBe(ExcelJS.ValueType.String);

    // Every export is in the audit log: who, what, the filters, how many rows.
    const audit = db.prepare("SELECT staff_id, subject, detail FROM audit_log WHERE action = 'reports.export.list' ORDER BY id").all() as Array<{
      staff_id: number;
      subject: string;
      detail: string;
    }>;
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ filters, rows: expected.length, fullPhones: false });
    expect(JSON.parse(audit[1]!.detail)).toMatchObject({ filters, rows: expected.length, fullPhones: true, reason: '社区走访' });

    // LibreOffice: the 11-digit phone stays text (not 1.39E+10), the ID stays masked.
    const csvDir = tempDir();
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${csvDir}/profile`, '--convert-to', 'csv', '--outdir', csvDir, back.file], {
      stdio: 'pipe',
      timeout: 120_000,
    });
    const csv = readFileSync(
      join(
        csvDir,
        readdirSync(csvDir).find((f) => f.endsWith('.csv'))!,
      ),
      'utf8',
    );
    const line = csv.split('\n').find((l) => l.includes(expected[0]!))!;
    expect(line).toContain(`,${expected[0]},2301**********1234,`);
  }, 180_000);

  it('residents by the 居民 search box: a phone tail or a part of the name', async () => {
    const { api, db, staff, dir } = await setup();
    const tail = await ok(api, 'reports.export.list', { kind: 'residents', filters: { q: '0042' } }, staff);
    const expectedTail = db.prepare("SELECT phone FROM residents WHERE status = 'active' AND substr(phone, -4) = '0042'").pluck().all() as string[];
    expect(expectedTail.length).toBeGreaterThan(0);
    expect(tail.rows).toBe(expectedTail.length);
    const { ws } = await readBack(dir, tail);
    expect(ws.getRow(4).getCell(5).value).toBe(`139****${expectedTail[0]!.slice(7)}`);
    expect(String(ws.getCell('A2').value)).toContain('搜索 “0042”');
    const name = await ok(api, 'reports.export.list', { kind: 'residents', filters: { q: '居民29' } }, staff);
    expect(name.rows).toBe((db.prepare("SELECT COUNT(*) AS n FROM residents WHERE status = 'active' AND instr(name, '居民29') > 0").get() as { n: number }).n);
    expect(name.rows).toBeGreaterThan(1);
    const none = await ok(api, 'reports.export.list', { kind: 'residents', filters: { q: '100%_' } }, staff);
    expect(none.rows).toBe(0);
  }, 60_000);

  it('stays, loans and tickets of a period: the rows the raw tables hold', async () => {
    const { api, db, staff, dir } = await setup();
    const period = { kind: 'monthOf', month: '2026-01' } as const;
    const tz = 'Asia/Shanghai';
    const stays = (db.prepare('SELECT arrived_at, departed_at FROM stays').all() as Array<{ arrived_at: string; departed_at: string | null }>).filter(
      (s) => localDayOf(s.arrived_at, tz) <= '2026-01-31' && (s.departed_at === null || localDayOf(s.departed_at, tz) >= '2026-01-01'),
    );
    const s = await ok(api, 'reports.export.list', { kind: 'stays', filters: { period } }, staff);
    expect(s.rows).toBe(stays.length);
    const loans = (db.prepare('SELECT out_at FROM loans').all() as Array<{ out_at: string }>).filter((l) => localDayOf(l.out_at, tz).startsWith('2026-01'));
    const l = await ok(api, 'reports.export.list', { kind: 'loans', filters: { period } }, staff);
    expect(l.rows).toBe(loans.length);
    const { ws } = await readBack(dir, l);
    // Deposits in yuan with two decimals; times on the center's clock.
    const first = db
      .prepare('SELECT l.deposit_fen, l.out_at FROM loans l ORDER BY l.out_at, l.id')
      .all()
      .find((x) => localDayOf((x as { out_at: string }).out_at, tz).startsWith('2026-01')) as { deposit_fen: number; out_at: string };
    expect(ws.getRow(4).getCell(10).value).toBe(first.deposit_fen / 100);
    expect(ws.getRow(4).getCell(10).numFmt).toBe('#,##0.00');
    expect(String(ws.getRow(4).getCell(6).value)).toMatch(new RegExp(`^${localDayOf(first.out_at, tz)} \\d\\d:\\d\\d$`));
    const tickets = (db.prepare("SELECT COUNT(*) AS n FROM queue_tickets WHERE day BETWEEN '2026-01-01' AND '2026-01-31'").get() as { n: number }).n;
    const t = await ok(api, 'reports.export.list', { kind: 'tickets', filters: { period } }, staff);
    expect(t.rows).toBe(tickets);
    const overdue = await ok(api, 'reports.export.list', { kind: 'loans', filters: { loanStatus: 'overdue' } }, staff);
    expect(overdue.rows).toBe((db.prepare('SELECT COUNT(*) AS n FROM loans WHERE returned_at IS NULL AND due_at < ?').get(now.toISOString()) as { n: number }).n);
  }, 120_000);
});
