import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/connection.js';
import { loanSlipLayout, type LoanSlipData } from '../../../db/printing/layouts/loanSlip.js';
import { ok } from '../../helpers/tempDb.js';
import { loanDesk } from './fixtures.js';

const ctx = { center: { name: '攀枝花市东区某某社区党群服务中心', hotline: '0812-000 1234' }, now: new Date('2026-11-22T08:00:00Z'), timeZone: 'Asia/Shanghai' };

/** The slip the desk queued for a loan, rendered as the printer gets it. */
async function slipOf(db: Db, jobId: number) {
  const { payload } = db.prepare('SELECT payload FROM print_jobs WHERE id = ?').get(jobId) as { payload: string };
  const doc = await loanSlipLayout.render(JSON.parse(payload) as LoanSlipData, ctx);
  if (doc.kind !== 'receipt') throw new Error('a loan slip is a receipt');
  const rows = Object.fromEntries(doc.blocks.flatMap((b) => (b.kind === 'pairs' ? b.rows : [])));
  const texts = doc.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
  const qr = doc.blocks.flatMap((b) => (b.kind === 'qr' ? [b.data] : []));
  return { title: doc.title, rows, texts, qr };
}

describe('loan and return slips', () => {
  it('the loan slip has the item, asset tag, due time, deposit, the hotline and the asset QR; the borrower is masked', async () => {
    const { api, token, resident, db } = await loanDesk();
    const out = await ok(api, 'loans.checkout', { residentId: resident.id, unitCode: 'LY-0001', depositFen: 20000, depositMethod: 'wechat' }, token);
    const slip = await slipOf(db, out.jobId);
    expect(slip.title).toBe('物资借用凭条');
    expect(slip.rows).toMatchObject({ 物资: '轮椅', 资产编号: 'LY-0001', 借用人: '张*华', 应还时间: '2026年11月23日 10:00', 押金: '¥200.00（微信）' });
    expect(slip.texts).toContain('服务热线 0812-000 1234');
    expect(slip.qr).toEqual(['HNA1:LY-0001']);
  });

  it('a return slip can print: condition, refund and what was kept', async () => {
    const { api, token, resident, db } = await loanDesk();
    await ok(api, 'loans.checkout', { residentId: resident.id, unitCode: 'LY-0001', depositFen: 20000, depositMethod: 'cash', print: false }, token);
    const back = await ok(api, 'loans.return', { unitCode: 'LY-0001', condition: 'damaged', note: '刹车失灵', refundFen: 15000, print: true }, token);
    expect(back.jobId).toBeGreaterThan(0);
    const slip = await slipOf(db, back.jobId);
    expect(slip.title).toBe('物资归还凭条');
    expect(slip.rows).toMatchObject({ 资产编号: 'LY-0001', 归还时间: '2026年11月22日 10:00', 归还状况: '损坏', 说明: '刹车失灵', 退还押金: '¥150.00', 扣留押金: '¥50.00' });
    // Not asked for: no slip.
    await ok(api, 'loans.checkout', { residentId: resident.id, unitCode: 'LY-0002', depositFen: 0, depositMethod: 'waived', print: false }, token);
    expect((await ok(api, 'loans.return', { unitCode: 'LY-0002', condition: 'good' }, token)).jobId).toBeNull();
  });

  it('借用凭条 = 不打印 (the default): lending and returning create no print job at all', async () => {
    const { api, token, resident, db } = await loanDesk({ slipPrinter: false });
    const out = await ok(api, 'loans.checkout', { residentId: resident.id, unitCode: 'LY-0001', depositFen: 20000, depositMethod: 'cash' }, token);
    expect(out.jobId).toBeNull();
    expect((await ok(api, 'loans.return', { unitCode: 'LY-0001', condition: 'good', print: true }, token)).jobId).toBeNull();
    expect((db.prepare('SELECT COUNT(*) AS n FROM print_jobs').get() as { n: number }).n).toBe(0);
  });

  it('keeping part of a damaged item’s deposit needs a reason; nothing changes without one', async () => {
    const { api, token, resident } = await loanDesk();
    await ok(api, 'loans.checkout', { residentId: resident.id, unitCode: 'LY-0001', depositFen: 20000, depositMethod: 'cash', print: false }, token);
    const r = (await api.call('loans.return', { unitCode: 'LY-0001', condition: 'damaged', refundFen: 15000 }, { token })) as unknown as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(r.error).toMatchObject({ code: 'LOAN_KEEP_NEEDS_REASON', message: '扣下押金 ¥50.00 时，请在“说明”里写明原因（例如：扶手断裂，维修费）。' });
    expect((await ok(api, 'loans.openFor', { unitCode: 'LY-0001' }, token)).returnedAt).toBeNull();
    expect((await ok(api, 'loans.return', { unitCode: 'LY-0001', condition: 'damaged', note: '扶手断裂', refundFen: 15000 }, token)).loan.keptFen).toBe(5000);
  });
});
