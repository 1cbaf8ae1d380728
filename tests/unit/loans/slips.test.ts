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
});
