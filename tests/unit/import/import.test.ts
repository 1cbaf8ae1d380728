import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../db/audit.js';
import { headerScore, suggestMapping } from '../../../db/import/fields.js';
import { resolvePlace } from '../../../db/import/place.js';
import { decodeText, parseCsv, readTable } from '../../../db/import/table.js';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';
import { BAD_ID, GOOD_ID, HEADERS, ROWS, csvGbk, csvText, csvUtf8, csvUtf8Bom, xlsxExceljs, xlsxLibreOffice, xlsxWpsStyle } from './files.js';

/** 10:00 in China on 1 December 2026: the roster's arrivals are in the past, 2027-03-15 ahead. */
const NOW = new Date('2026-12-01T02:00:00Z');

async function setup() {
  const t = tempApi({ clock: () => NOW });
  const token = await adminToken(t.api);
  // 阳光酒店 is on the center's list; 周建华 (13900006666) registered at the desk last week.
  await ok(t.api, 'residents.saveLodging', { name: '阳光酒店', kind: 'hotel', address: null }, token);
  const existing = await ok(
    t.api,
    'residents.register',
    {
      consent: { version: '2026-1', accepted: true },
      resident: { name: '周建华', phone: '13900006666', birthYear: 1957, originProvince: '山东省', originCity: '济南市', lodgingKind: 'other', needs: ['chronic'] },
      checkIn: false,
    },
    token,
  );
  return { ...t, token, existingId: existing.id as number };
}

/** Uploads a file in pieces of `piece` bytes, as the screen does. */
async function upload(api: ReturnType<typeof tempApi>['api'], token: string, fileName: string, bytes: Buffer, piece = 64 * 1024) {
  let uploadId: string | undefined;
  for (let at = 0; ; at += piece) {
    const last = at + piece >= bytes.length;
    const res = await ok(api, 'imports.upload', { uploadId, fileName, part: bytes.subarray(at, at + piece).toString('base64'), last }, token);
    uploadId = res.uploadId;
    if (last) return res;
  }
}

describe('reading roster files', () => {
  const expected = ROWS.map((r) => r.map((c) => c.trim()));
  const cases: Array<[string, string, () => Buffer | Promise<Buffer>, string]> = [
    ['CSV in UTF-8 with the BOM (Excel “CSV UTF-8”)', 'roster.csv', csvUtf8Bom, 'csv:utf-8'],
    ['CSV in UTF-8 without a BOM', 'roster.csv', csvUtf8, 'csv:utf-8'],
    ['CSV in GBK (WPS and Chinese Excel by default)', '名单.csv', csvGbk, 'csv:gb18030'],
    ['.xlsx as Excel writes it (exceljs: title row, date cells, phones as numbers)', 'roster.xlsx', xlsxExceljs, 'xlsx'],
    ['.xlsx as WPS writes it (inline strings, 年月日 date format)', 'roster.xlsx', xlsxWpsStyle, 'xlsx'],
    ['.xlsx saved by LibreOffice (soffice --convert-to xlsx)', 'roster.xlsx', xlsxLibreOffice, 'xlsx'],
  ];
  for (const [label, name, make, format] of cases) {
    it(`reads ${label}: headers recognised, every cell as written`, async () => {
      const t = await readTable(name, await make(), headerScore);
      expect(t.format).toBe(format);
      expect(t.headers).toEqual(HEADERS);
      expect(t.rows).toEqual(expected);
      expect(suggestMapping(t.headers)).toEqual({
        name: 0,
        phone: 1,
        idNumber: 2,
        sex: null,
        birthYear: 4,
        province: null,
        city: null,
        origin: 3,
        arrival: 5,
        departure: 6,
        lodging: 7,
      });
    }, 120_000);
  }

  it('the WPS-style file really is unlike exceljs output (inline strings, WPS property), the GBK file really is not UTF-8', async () => {
    const zip = await JSZip.loadAsync(await xlsxWpsStyle());
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('t="inlineStr"');
    expect(sheet).not.toContain('t="s"');
    expect(await zip.file('docProps/custom.xml')!.async('string')).toContain('KSOProductBuildVer');
    const gbk = csvGbk();
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(gbk.includes(Buffer.from('姓名', 'utf8'))).toBe(false);
    expect(decodeText(gbk).text).toBe(csvText());
  });

  it('parses quoted CSV fields with commas, quotes and line breaks, and tab-separated text', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
    expect(parseCsv('姓名\t手机\n张三\t13900000000')).toEqual([
      ['姓名', '手机'],
      ['张三', '13900000000'],
    ]);
  });

  it('recognises header variants and home places as people write them', () => {
    expect(suggestMapping(['序号', '姓名*', '手机号码（必填）', '证件号码', '性别', '省份', '城市', '到达日期', '离店日期', '入住酒店'])).toMatchObject({
      name: 1,
      phone: 2,
      idNumber: 3,
      sex: 4,
      province: 5,
      city: 6,
      arrival: 7,
      departure: 8,
      lodging: 9,
    });
    expect(resolvePlace('', '', '黑龙江省哈尔滨市南岗区')).toMatchObject({ province: '黑龙江省', city: '哈尔滨市' });
    expect(resolvePlace('', '', '吉林市')).toMatchObject({ province: '吉林省', city: '吉林市' });
    expect(resolvePlace('', '', '吉林 长春')).toMatchObject({ province: '吉林省', city: '长春市' });
    expect(resolvePlace('内蒙古', '包头', '')).toMatchObject({ province: '内蒙古自治区', city: '包头市' });
    expect(resolvePlace('', '', '北京')).toMatchObject({ province: '北京市', city: '北京市' });
    expect(resolvePlace('', '', '延边')).toMatchObject({ province: '吉林省', city: '延边朝鲜族自治州' });
    expect(resolvePlace('', '', '火星')).toMatchObject({ province: '火星', city: '火星' });
  });

  it('refuses an old .xls and a file with no rows, with a Chinese reason', async () => {
    await expect(readTable('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), headerScore)).rejects.toMatchObject({ code: 'IMPORT_FILE_UNREADABLE' });
    await expect(readTable('empty.csv', Buffer.from('\r\n,,\r\n'), headerScore)).rejects.toMatchObject({ code: 'IMPORT_FILE_EMPTY' });
    await expect(readTable('broken.xlsx', Buffer.from('PK not really a zip'), headerScore)).rejects.toMatchObject({ code: 'IMPORT_FILE_UNREADABLE' });
  });
});

describe('dry run and import through the API', () => {
  it('the dry run names every bad row and the registered person, and writes nothing', async () => {
    const { api, db, token, existingId } = await setup();
    const up = await upload(api, token, '名单.csv', csvGbk(), 100);
    expect(up).toMatchObject({ format: 'csv:gb18030', rowCount: 7, headers: HEADERS });
    const before = db.prepare('SELECT COUNT(*) FROM residents').pluck().get();
    const auditBefore = db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();
    const dry = await ok(api, 'imports.dryRun', { uploadId: up.uploadId, mapping: up.suggested }, token);
    expect(dry.counts).toEqual({ total: 7, new: 3, duplicate: 1, rejected: 3 });
    const byName = Object.fromEntries(dry.rows.map((r: any) => [r.name, r]));
    expect(byName['王大明']).toMatchObject({ row: 4, status: 'rejected' });
    expect(byName['王大明'].problems.map((p: any) => p.zh)).toEqual(['手机号“1390000333”不是 11 位手机号']);
    expect(byName['赵丽'].problems.map((p: any) => p.zh)).toEqual([`身份证号“220***********${BAD_ID.slice(-4)}”校验不通过（号码或最后一位有误）`]);
    expect(byName['赵丽'].idMasked).toBe(`220***********${BAD_ID.slice(-4)}`);
    expect(byName['孙强'].problems.map((p: any) => p.zh)).toEqual(['来源地“火星”不是已知的省份和城市']);
    expect(byName['周建华']).toMatchObject({ status: 'duplicate', duplicate: { residentId: existingId, name: '周建华', matchedBy: 'phone' } });
    // What 更新 would change: the home place (the birth year is the same).
    expect(byName['周建华'].differences).toEqual([{ field: 'origin', stored: '山东省 济南市', file: '山东省 青岛市' }]);
    expect(byName['张建国']).toMatchObject({ status: 'new', origin: '黑龙江省 哈尔滨市', problems: [] });
    expect(byName['李秀英']).toMatchObject({ status: 'new', origin: '吉林省 长春市' });
    expect(byName['刘芳']).toMatchObject({ status: 'new', origin: '黑龙江省 哈尔滨市' });
    expect(JSON.stringify(dry)).not.toContain(GOOD_ID);
    expect(JSON.stringify(dry)).not.toContain(BAD_ID);
    expect(db.prepare('SELECT COUNT(*) FROM residents').pluck().get()).toBe(before);
    expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(auditBefore);
  });

  it('imports in one go: new residents with paper consent and their stays, the duplicate merged, bad rows left out; audited', async () => {
    const { api, db, token, existingId } = await setup();
    const up = await upload(api, token, 'roster.xlsx', await xlsxExceljs());
    const dry = await ok(api, 'imports.dryRun', { uploadId: up.uploadId, mapping: up.suggested }, token);
    const dupRow = dry.rows.find((r: any) => r.status === 'duplicate').row;
    const noConsent = await fails(api, 'imports.apply', { uploadId: up.uploadId, mapping: up.suggested, decisions: [], paperConsent: false }, token);
    expect(noConsent.fields?.[0]?.zh).toContain('纸质知情同意');
    const res = await ok(api, 'imports.apply', { uploadId: up.uploadId, mapping: up.suggested, decisions: [{ row: dupRow, action: 'merge' }], paperConsent: true }, token);
    expect(res).toMatchObject({ created: 3, updated: 0, merged: 1, skipped: 0, rejected: 3 });
    expect(res.rejectedRows).toEqual([5, 6, 7]); // sheet rows (a title row is row 1)

    const zhang = db.prepare("SELECT * FROM residents WHERE name = '张建国'").get() as Record<string, any>;
    expect(zhang).toMatchObject({ consent_version: 'paper:2026-1', sex: 'M', birth_year: 1956, origin_province: '黑龙江省', origin_city: '哈尔滨市', lodging_kind: 'hotel' });
    expect(zhang.id_cipher).toMatch(/^v1:/);
    const zhangStays = db.prepare('SELECT arrived_at, planned_departure, departed_at FROM stays WHERE resident_id = ?').all(zhang.id);
    // Arrived at noon on the center's clock (UTC+8), still in town, planned departure kept.
    expect(zhangStays).toEqual([{ arrived_at: '2026-11-03T04:00:00.000Z', planned_departure: '2027-03-15', departed_at: null }]);
    const li = db.prepare("SELECT id, lodging_kind, lodging_address FROM residents WHERE name = '李秀英'").get() as Record<string, any>;
    expect(li).toMatchObject({ lodging_kind: 'other', lodging_address: '炳草岗 阳光小区 3 栋' });
    expect(db.prepare('SELECT arrived_at, departed_at FROM stays WHERE resident_id = ?').get(li.id)).toEqual({
      arrived_at: '2026-11-10T04:00:00.000Z',
      departed_at: '2026-11-28T04:00:00.000Z',
    });
    // Merge fills only what the record lacked: the desk's 济南 stays, the stay is added.
    const zhou = await ok(api, 'residents.get', { id: existingId }, token);
    expect(zhou).toMatchObject({ originCity: '济南市', needs: ['chronic'], stays: [{ arrivedAt: '2026-11-20T04:00:00.000Z', departedAt: null }] });
    expect(db.prepare("SELECT COUNT(*) FROM residents WHERE name IN ('王大明', '赵丽', '孙强')").pluck().get()).toBe(0);

    const row = db.prepare('SELECT * FROM roster_imports').get() as Record<string, any>;
    expect(row).toMatchObject({ id: res.importId, file_name: 'roster.xlsx', file_format: 'xlsx', rows_total: 7, created: 3, merged: 1, rejected: 3 });
    expect(row.consent_confirmed_by).toBe(row.staff_id);
    const audit = listAudit(db, 50);
    const summary = audit.find((a) => a.action === 'import.roster')!;
    expect(summary).toMatchObject({ subject: `import:${res.importId}`, detail: { consent: 'paper', confirmedBy: row.staff_id, created: 3, rejectedRows: [5, 6, 7] } });
    expect(audit.filter((a) => a.action === 'residents.register' && (a.detail as any)?.via === 'import')).toHaveLength(3);
    expect(audit.find((a) => a.action === 'residents.update' && a.subject === `resident:${existingId}`)?.detail).toMatchObject({ via: 'import', mode: 'merge' });

    // Importing the same upload twice is refused.
    expect((await fails(api, 'imports.apply', { uploadId: up.uploadId, mapping: up.suggested, decisions: [], paperConsent: true }, token)).code).toBe('IMPORT_DONE');

    // The rejected rows download as .xlsx: original cells as text, what to fix last; the download is audited.
    const sheet = await ok(api, 'imports.rejectedSheet', { uploadId: up.uploadId, mapping: up.suggested }, token);
    expect(sheet).toMatchObject({ fileName: 'roster-未导入.xlsx', rows: 3 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(sheet.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '原行号', ...HEADERS, '问题']);
    expect(ws.getRow(2).getCell(2).value).toBe('王大明');
    expect(ws.getRow(3).getCell(4).value).toBe(BAD_ID);
    expect(ws.getRow(3).getCell(4).numFmt).toBe('@');
    expect(String(ws.getRow(4).getCell(10).value)).toContain('火星');
    expect(listAudit(db, 5).some((a) => a.action === 'import.rejectedSheet' && (a.detail as any).rows === 3)).toBe(true);
  });

  it('is one transaction: a failure on the last row (the disk, not the data) leaves nothing imported', async () => {
    const { api, db, token } = await setup();
    const up = await upload(api, token, 'r.csv', csvUtf8());
    await ok(api, 'imports.dryRun', { uploadId: up.uploadId, mapping: up.suggested }, token);
    const count = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();
    const before = { residents: count('residents'), stays: count('stays'), audit: count('audit_log') };
    // 刘芳 is the last row: everyone before her is already written when her stay fails.
    db.exec(
      "CREATE TEMP TRIGGER fail_stay BEFORE INSERT ON stays WHEN (SELECT name FROM residents WHERE id = NEW.resident_id) = '刘芳' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    const failed = await fails(api, 'imports.apply', { uploadId: up.uploadId, mapping: up.suggested, decisions: [], paperConsent: true }, token);
    expect(failed.code).toBe('INTERNAL');
    expect({ residents: count('residents'), stays: count('stays'), audit: count('audit_log') }).toEqual(before);
    expect(count('roster_imports')).toBe(0);
    // Once the disk is fine again the same upload imports.
    db.exec('DROP TRIGGER fail_stay');
    expect(await ok(api, 'imports.apply', { uploadId: up.uploadId, mapping: up.suggested, decisions: [], paperConsent: true }, token)).toMatchObject({
      created: 3,
      skipped: 1,
      rejected: 3,
    });
  });

  it('update replaces the stored values with the file’s; skip leaves the record alone', async () => {
    const { api, db, token, existingId } = await setup();
    const up = await upload(api, token, 'r.csv', csvUtf8Bom());
    const dupRow = (await ok(api, 'imports.dryRun', { uploadId: up.uploadId, mapping: up.suggested }, token)).rows.find((r: any) => r.status === 'duplicate').row;
    await ok(api, 'imports.apply', { uploadId: up.uploadId, mapping: up.suggested, decisions: [{ row: dupRow, action: 'update' }], paperConsent: true }, token);
    expect(await ok(api, 'residents.get', { id: existingId }, token)).toMatchObject({ originProvince: '山东省', originCity: '青岛市', needs: ['chronic'] });

    const again = await upload(api, token, 'r.csv', csvUtf8Bom());
    const res = await ok(api, 'imports.apply', { uploadId: again.uploadId, mapping: again.suggested, decisions: [], paperConsent: true }, token);
    // Now every good row is already registered: skipped by default.
    expect(res).toMatchObject({ created: 0, skipped: 4, rejected: 3 });
    expect(db.prepare('SELECT COUNT(*) FROM residents').pluck().get()).toBe(4);
  });

  it('one row twice in a file is named; a manual mapping is used as given; a missing name column is refused', async () => {
    const { api, token } = await setup();
    const rows = [
      ['13900001111', '马红', '黑龙江', '哈尔滨', '1960'],
      ['13900001111', '马红', '黑龙江', '哈尔滨', '1960'],
    ];
    const csv = Buffer.from(['联系方式,客人,省,市,年纪', ...rows.map((r) => r.join(','))].join('\n'));
    const up = await upload(api, token, 'hotel.csv', csv);
    expect(up.suggested).toMatchObject({ phone: 0, name: null, province: 2, city: 3, birthYear: null });
    const missing = await fails(api, 'imports.dryRun', { uploadId: up.uploadId, mapping: up.suggested }, token);
    expect(missing).toMatchObject({ code: 'IMPORT_MAPPING_INCOMPLETE', message: '请先为“姓名”选择对应的列。' });
    const mapping = { ...up.suggested, name: 1, birthYear: 4 };
    const dry = await ok(api, 'imports.dryRun', { uploadId: up.uploadId, mapping }, token);
    expect(dry.counts).toMatchObject({ new: 1, rejected: 1 });
    expect(dry.rows[1].problems[0].zh).toBe('与文件第 2 行是同一个人（手机号或身份证号相同）');
    // An empty name or mobile cell says what is missing.
    const gaps = await upload(api, token, 'gaps.csv', Buffer.from('姓名,手机号,来源地,出生年份\n,13900001112,哈尔滨,1960\n马兰,,哈尔滨,1960\n'));
    const gapRows = (await ok(api, 'imports.dryRun', { uploadId: gaps.uploadId, mapping: gaps.suggested }, token)).rows;
    expect(gapRows.map((r: any) => r.problems.map((p: any) => p.zh))).toEqual([['缺少姓名'], ['缺少手机号']]);
  });

  it('only the manager imports, and only their own upload', async () => {
    const { api, token } = await setup();
    await ok(api, 'staff.create', { name: '小李', pin: '2468', role: 'staff' }, token);
    const accounts = (await ok(api, 'staff.status', {})).accounts as Array<{ id: number; name: string }>;
    const staff = await ok(api, 'staff.login', { staffId: accounts.find((a) => a.name === '小李')!.id, pin: '2468' });
    expect((await fails(api, 'imports.upload', { fileName: 'a.csv', part: '', last: true }, staff.token)).code).toBe('FORBIDDEN');
    await ok(api, 'staff.create', { name: '第二位管理员', pin: '9753', role: 'admin' }, token);
    const other = await ok(api, 'staff.login', { staffId: (await ok(api, 'staff.status', {})).accounts.find((a: any) => a.name === '第二位管理员').id, pin: '9753' });
    const up = await upload(api, token, 'r.csv', csvUtf8());
    expect((await fails(api, 'imports.dryRun', { uploadId: up.uploadId, mapping: up.suggested }, other.token)).code).toBe('IMPORT_EXPIRED');
  });
});

describe('statement cache for the import transaction', () => {
  it('reuses statements, hands out plain rows whatever the last caller set, and restores the connection', async () => {
    const { tempDb } = await import('../../helpers/tempDb.js');
    const { withStatementCache } = await import('../../../db/import/statementCache.js');
    const { db } = tempDb();
    const before = db.prepare;
    const [same, plain] = withStatementCache(db, () => {
      const a = db.prepare('SELECT 1 AS one');
      expect(a.pluck().get()).toBe(1);
      const b = db.prepare('SELECT 1 AS one');
      return [a === b, b.get()];
    });
    expect(same).toBe(true);
    expect(plain).toEqual({ one: 1 });
    expect(db.prepare).toBe(before);
    expect(Object.hasOwn(db, 'prepare')).toBe(false);
    expect(db.prepare('SELECT 1 AS one')).not.toBe(db.prepare('SELECT 1 AS one'));
  });
});
