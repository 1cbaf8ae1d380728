import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../../db/audit.js';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';

/**
 * The audit log viewer: filters by staff member, action, subject and period on the center's
 * calendar (UTC+8 here), links to the record, the export (read back by exceljs and LibreOffice)
 * logging itself, and a resident's "who viewed or changed" list.
 */
let clock = new Date('2026-12-01T02:00:00Z');

async function setup() {
  clock = new Date('2026-12-01T02:00:00Z');
  const t = tempApi({ clock: () => clock });
  const token = await adminToken(t.api);
  await ok(t.api, 'staff.create', { name: '小李', pin: '2468', role: 'staff' }, token);
  const accounts = (await ok(t.api, 'staff.status', {})).accounts as Array<{ id: number; name: string }>;
  const li = accounts.find((a) => a.name === '小李')!;
  const manager = accounts.find((a) => a.name === '管理员')!;
  const liToken = (await ok(t.api, 'staff.login', { staffId: li.id, pin: '2468' })).token as string;
  const resident = await ok(
    t.api,
    'residents.register',
    {
      consent: { version: '2026-1', accepted: true },
      resident: { name: '张建国', phone: '13900001234', birthYear: 1956, originProvince: '黑龙江省', originCity: '伊春市', lodgingKind: 'other' },
      checkIn: false,
    },
    token,
  );
  return { ...t, token, liToken, li, manager, residentId: resident.id as number };
}

describe('audit log viewer', () => {
  it('records who opened a profile (once per 10 minutes each) and who changed it; the profile panel lists both', async () => {
    const { api, db, token, liToken, li, residentId } = await setup();
    await ok(api, 'residents.get', { id: residentId }, liToken);
    clock = new Date(clock.getTime() + 5 * 60_000);
    await ok(api, 'residents.get', { id: residentId }, liToken); // within 10 minutes: not again
    clock = new Date(clock.getTime() + 6 * 60_000);
    await ok(api, 'residents.get', { id: residentId }, liToken);
    const p = await ok(api, 'residents.get', { id: residentId }, token);
    await ok(
      api,
      'residents.update',
      {
        id: residentId,
        resident: { name: '张建国', phone: '13900009999', birthYear: 1956, originProvince: '黑龙江省', originCity: '伊春市', lodgingKind: 'other' },
        reason: '本人换号',
      },
      liToken,
    );
    expect(p.name).toBe('张建国');
    const panel = await ok(api, 'audit.forResident', { residentId }, liToken);
    expect(panel.map((r: any) => [r.staffName, r.actionZh])).toEqual([
      ['小李', '修改档案'],
      ['管理员', '查看档案'],
      ['小李', '查看档案'],
      ['小李', '查看档案'],
      ['管理员', '登记居民'],
    ]);
    expect(panel[0].detailText).toBe('修改项: phone；原因: 本人换号');
    expect(JSON.stringify(panel)).not.toContain('13900009999'); // field names, never the values
    expect(panel[0]).toMatchObject({ staffId: li.id, link: { kind: 'resident', id: residentId } });
    expect(db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'residents.view'").pluck().get()).toBe(3);
  });

  it('filters by staff member, action, subject (exact or kind) and period on the center’s calendar; pages back', async () => {
    const { api, db, token, li, manager, residentId } = await setup();
    // Entries at 23:30 and 00:30 Beijing time on either side of midnight 1→2 December.
    recordAudit(db, { staffId: li.id, action: 'loans.checkout', subject: 'category:3' }, new Date('2026-12-01T15:30:00Z'));
    recordAudit(db, { staffId: li.id, action: 'loans.return', subject: 'category:3' }, new Date('2026-12-01T16:30:00Z'));
    for (let i = 0; i < 5; i++)
      recordAudit(db, { staffId: manager.id, action: 'settings.update', subject: null, detail: { keys: ['center.name'] } }, new Date(`2026-11-2${i}T02:00:00Z`));

    const byStaff = await ok(api, 'audit.list', { staffId: li.id }, token);
    expect(byStaff.rows.map((r: any) => r.action)).toEqual(['loans.return', 'loans.checkout']);
    const firstDay = await ok(api, 'audit.list', { from: '2026-12-01', to: '2026-12-01' }, token);
    expect(firstDay.rows.map((r: any) => r.action)).toEqual(['loans.checkout', 'residents.register', 'staff.create', 'staff.setup']); // 23:30 local is still the 1st
    const secondDay = await ok(api, 'audit.list', { from: '2026-12-02', to: '2026-12-02' }, token);
    expect(secondDay.rows.map((r: any) => r.action)).toEqual(['loans.return']);
    expect((await ok(api, 'audit.list', { action: 'settings.update' }, token)).total).toBe(5);
    expect((await ok(api, 'audit.list', { subject: 'category:' }, token)).total).toBe(2);
    const exact = await ok(api, 'audit.list', { subject: `resident:${residentId}` }, token);
    expect(exact.rows).toHaveLength(1);
    expect(exact.rows[0]).toMatchObject({ action: 'residents.register', actionZh: '登记居民', actionEn: 'Resident registered', staffName: '管理员' });

    const page1 = await ok(api, 'audit.list', { limit: 4 }, token);
    expect(page1.total).toBe(10);
    const page2 = await ok(api, 'audit.list', { limit: 4, beforeId: page1.nextBeforeId }, token);
    const page3 = await ok(api, 'audit.list', { limit: 4, beforeId: page2.nextBeforeId }, token);
    expect(page3.rows).toHaveLength(2);
    expect([...page1.rows, ...page2.rows, ...page3.rows].map((r: any) => r.id)).toEqual(
      (db.prepare('SELECT id FROM audit_log ORDER BY id DESC').pluck().all() as number[]).slice(0, 10),
    );
    expect(page3.nextBeforeId).toBeNull();

    const facets = await ok(api, 'audit.facets', {}, token);
    expect(facets.actions.map((a: any) => a.action)).toEqual(['loans.checkout', 'loans.return', 'residents.register', 'settings.update', 'staff.create', 'staff.setup']);
    expect(facets.staff.map((s: any) => s.name).sort()).toEqual(['小李', '管理员'].sort());
    expect((await fails(api, 'audit.list', { from: '1.12.2026' }, token)).fields?.[0]?.zh).toContain('2026-12-01');
  });

  it('exports the selection as .xlsx in the center’s time, readable by exceljs and LibreOffice; the export is logged', async () => {
    const { api, db, token, li } = await setup();
    recordAudit(db, { staffId: li.id, action: 'loans.checkout', subject: 'category:3', detail: { tag: 'LY-0001' } }, new Date('2026-12-01T15:30:00Z'));
    const out = await ok(api, 'audit.export', { staffId: li.id }, token);
    expect(out).toMatchObject({ fileName: '操作日志-2026-12-01.xlsx', rows: 1 });
    const bytes = Buffer.from(out.base64, 'base64');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('Asia/Shanghai');
    expect(ws.getRow(2).values).toEqual([undefined, '时间', '工作人员', '操作', '操作代码', '对象', '详情']);
    expect(ws.getRow(3).values).toEqual([undefined, '2026-12-01 23:30', '小李', '借出物资', 'loans.checkout', 'category:3', 'tag: LY-0001']);

    const dir = mkdtempSync(join(tmpdir(), 'houniao-audit-'));
    try {
      writeFileSync(join(dir, 'log.xlsx'), bytes);
      execFileSync(
        '/usr/bin/soffice',
        [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, join(dir, 'log.xlsx')],
        {
          stdio: 'pipe',
          timeout: 120_000,
        },
      );
      const csv = readFileSync(join(dir, 'log.csv'), 'utf8');
      expect(csv).toContain('2026-12-01 23:30,小李,借出物资,loans.checkout,category:3,tag: LY-0001');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const logged = (await ok(api, 'audit.list', { action: 'audit.export' }, token)).rows;
    expect(logged).toHaveLength(1);
    expect(logged[0].detailText).toContain('行数: 1');
    expect(logged[0].detailText).toContain(`"staffId":${li.id}`);
  }, 120_000);

  it('only the manager reads the log; staff see a resident’s own list', async () => {
    const { api, liToken, residentId } = await setup();
    expect((await fails(api, 'audit.list', {}, liToken)).code).toBe('FORBIDDEN');
    expect((await fails(api, 'audit.export', {}, liToken)).code).toBe('FORBIDDEN');
    expect((await fails(api, 'audit.forResident', { residentId })).code).toBe('UNAUTHENTICATED');
  });
});

describe('detail text', () => {
  it('names keys in Chinese, translates known values, leaves out empty ones and cuts long lists', async () => {
    const { detailText } = await import('../../../db/api/handlers/audit.js');
    expect(detailText({ via: 'import', consent: 'paper', fields: [], reason: '本人换号', note: null })).toBe('方式: 名单导入；同意方式: 纸质知情同意；原因: 本人换号');
    expect(detailText({ rejectedRows: Array.from({ length: 20 }, (_, i) => i + 2) })).toBe('未导入的行: 2、3、4、5、6、7、8、9、10、11、12、13 等 20 项');
    expect(detailText(null)).toBe('');
  });
});
