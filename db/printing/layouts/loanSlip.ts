import { formatCenterTime } from '../../localTime.js';
import { assetPayload } from '../../inventory/tags.js';
import { formatFen } from '../../inventory/money.js';
import type { Layout, PrintDocument } from '../types.js';

/** What a loan (or return) slip shows. The borrower's name is masked: slips get left on counters. */
export interface LoanSlipData {
  kind: 'loan' | 'return';
  loanId: number;
  categoryName: string;
  assetTag: string;
  residentMasked: string;
  outAt: string;
  dueAt: string;
  depositFen: number;
  depositMethod: string;
  returnedAt?: string | null;
  conditionLabel?: string | null;
  /** What staff wrote at the return (扶手松动); the resident takes the slip home with it. */
  returnNote?: string | null;
  refundFen?: number | null;
  keptFen?: number | null;
}

const methodLabel: Record<string, string> = { cash: '现金', wechat: '微信', alipay: '支付宝', waived: '免押' };

const sample: LoanSlipData = {
  kind: 'loan',
  loanId: 1024,
  categoryName: '轮椅',
  assetTag: 'LY-0007',
  residentMasked: '张*华',
  outAt: '2026-11-22T06:00:00Z',
  dueAt: '2026-11-23T06:00:00Z',
  depositFen: 20000,
  depositMethod: 'wechat',
};

export const loanSlipLayout: Layout<LoanSlipData> = {
  id: 'loanSlip',
  jobType: 'loanSlip',
  label: '借用凭条',
  sample,
  render(data, ctx): PrintDocument {
    const isReturn = data.kind === 'return';
    const local = (iso: string) => formatCenterTime(iso, ctx.timeZone, true);
    const title = isReturn ? '物资归还凭条' : '物资借用凭条';
    const rows: Array<[string, string]> = [
      ['单号', String(data.loanId)],
      ['物资', data.categoryName],
      ['资产编号', data.assetTag],
      ['借用人', data.residentMasked],
      ['借出时间', local(data.outAt)],
      ['应还时间', local(data.dueAt)],
      ['押金', `${formatFen(data.depositFen)}（${methodLabel[data.depositMethod] ?? data.depositMethod}）`],
    ];
    if (isReturn) {
      if (data.returnedAt) rows.push(['归还时间', local(data.returnedAt)]);
      if (data.conditionLabel) rows.push(['归还状况', data.conditionLabel]);
      if (data.returnNote) rows.push(['说明', data.returnNote]);
      rows.push(['退还押金', formatFen(data.refundFen ?? 0)]);
      if (data.keptFen) rows.push(['扣留押金', formatFen(data.keptFen)]);
    }
    return {
      kind: 'receipt',
      title,
      blocks: [
        { kind: 'text', text: ctx.center.name, align: 'center', bold: true },
        { kind: 'text', text: title, align: 'center', size: 'large', bold: true },
        { kind: 'divider' },
        { kind: 'pairs', rows },
        { kind: 'divider' },
        ...(isReturn ? [] : [{ kind: 'text' as const, text: '请按时归还，如需续借请联系服务台。', align: 'left' as const }]),
        { kind: 'qr', data: assetPayload(data.assetTag), caption: '物资标签' },
        { kind: 'text', text: `服务热线 ${ctx.center.hotline}`, align: 'center' },
      ],
    };
  },
};
