import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { creditActivityHours } from '../../../db/volunteering/credit.js';
import { setPartyDayAttendanceSource } from '../../../db/volunteering/partyDay.js';
import { fails, ok } from '../../helpers/tempDb.js';
import { T0, timeBank, volunteerWithHours } from './fixtures.js';

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-']).toString();

/**
 * The 对账单 (A4) and the 兑换凭条 rendered by the real print pipeline (headless Chromium → PDF)
 * and read back with pdftotext: what a person takes to another center says what the ledger says.
 */
describe('the statement and the receipt on paper', () => {
  it('a 流动党员’s statement lists hours, points, tier, history and 主题党日 from the provider', async () => {
    const tb = await timeBank();
    await ok(tb.api, 'settings.update', { values: { 'center.name': '攀枝花市仁和区候鸟驿站' } }, tb.admin);
    const r = await volunteerWithHours(tb, 180, { name: '刘建军', partyMember: true });
    creditActivityHours(tb.db, { attendanceId: 9001, residentId: r.id, activityId: 12, minutes: 120, at: T0 });
    const meal = await ok(tb.api, 'volunteering.saveItem', { name: '爱心午餐', kind: 'meal', pricePoints: 15 }, tb.admin);
    await ok(tb.api, 'volunteering.redeem', { residentId: r.id, lines: [{ itemId: meal.id, quantity: 1 }], print: false }, tb.staff);
    setPartyDayAttendanceSource((_db, residentId) =>
      residentId === r.id ? [{ activityId: 31, title: '11月主题党日：重温入党誓词', startsAt: '2026-11-15T01:00:00.000Z', attendedAt: '2026-11-15T00:55:00.000Z' }] : [],
    );
    try {
      const pdf = await ok(tb.api, 'volunteering.statementPdf', { residentId: r.id }, tb.staff);
      expect(pdf.fileName).toBe('时间银行对账单-刘建军-2026-11-22.pdf');
      const file = join(tb.dir, 'statement.pdf');
      writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
      expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts/);
      const text = pdfText(file);
      for (const words of ['攀枝花市仁和区候鸟驿站', '时间银行对账单', '打印日期 2026-11-22', '刘建军', '5 小时', '35 分', '50 分 / 15 分', '志愿者', '每服务 1 小时 10 分'])
        expect(text, words).toContain(words);
      expect(text).toContain('活动签到');
      expect(text).toContain('补记（已审批）');
      expect(text).toContain('兑换 爱心午餐×1');
      expect(text).toContain('-15');
      expect(text).toContain('主题党日参加记录');
      expect(text).toContain('重温入党誓词');
      expect(text).toContain('2026年11月15日 08:55'); // attended at, in the center's time
      expect(text).not.toContain(r.phone);

      // 打印对账单: refused with the reason until a report printer is chosen; then an A4 job that completes.
      expect((await fails(tb.api, 'volunteering.printStatement', { residentId: r.id }, tb.staff)).code).toBe('REPORT_NO_PRINTER');
      const folder = join(tb.dir, 'reports');
      const targets = (await ok(tb.api, 'settings.all', {}, tb.admin))['printing.targets'];
      await ok(tb.api, 'settings.update', { values: { 'printing.targets': { ...targets, report: { kind: 'pdf', folder } } } }, tb.admin);
      const { jobId } = await ok(tb.api, 'volunteering.printStatement', { residentId: r.id }, tb.staff);
      expect((await tb.api.print.whenSettled(jobId, 60_000)).status).toBe('done');
      const [printedFile] = readdirSync(folder).filter((f) => f.endsWith('.pdf'));
      expect(pdfText(join(folder, printedFile!))).toContain('时间银行对账单');
    } finally {
      setPartyDayAttendanceSource(() => []);
      await tb.api.print.close();
    }
  }, 120_000);

  it('a redemption at a desk with a receipt printer prints 兑换凭条 with the items and the balance left', async () => {
    const tb = await timeBank();
    const folder = join(tb.dir, 'printed');
    const targets = (await ok(tb.api, 'settings.all', {}, tb.admin))['printing.targets'];
    await ok(tb.api, 'settings.update', { values: { 'printing.targets': { ...targets, loanSlip: { kind: 'pdf', folder, receiptWidth: 58 } } } }, tb.admin);
    const r = await volunteerWithHours(tb, 300, { name: '陈淑英', sex: 'F' });
    const rice = await ok(tb.api, 'volunteering.saveItem', { name: '大米5斤', kind: 'goods', pricePoints: 30, stock: 4 }, tb.admin);
    try {
      const out = await ok(tb.api, 'volunteering.redeem', { residentId: r.id, lines: [{ itemId: rice.id, quantity: 1 }] }, tb.staff);
      expect(out.jobId).toEqual(expect.any(Number));
      expect((await tb.api.print.whenSettled(out.jobId, 60_000)).status).toBe('done');
      const [file] = readdirSync(folder).filter((f) => f.endsWith('.pdf'));
      const text = pdfText(join(folder, file!));
      for (const words of ['积分兑换凭条', '爱心超市', '陈*英', '大米5斤 ×1', '30 分', '剩余积分', '20 分']) expect(text, words).toContain(words);
      expect(text).not.toContain('陈淑英');
    } finally {
      await tb.api.print.close();
    }
  }, 120_000);
});
