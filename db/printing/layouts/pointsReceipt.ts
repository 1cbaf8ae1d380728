import { formatCenterTime } from '../../localTime.js';
import type { Layout, PrintDocument } from '../types.js';

/** 爱心超市 兑换凭条: what was handed out, for how many points, and the balance left. Name masked. */
export interface PointsReceiptData {
  redemptionId: number;
  residentMasked: string;
  at: string;
  lines: Array<{ name: string; quantity: number; unitPoints: number }>;
  totalPoints: number;
  balanceAfter: number;
}

const sample: PointsReceiptData = {
  redemptionId: 58,
  residentMasked: '张*华',
  at: '2026-11-22T06:00:00Z',
  lines: [
    { name: '大米 5 斤', quantity: 1, unitPoints: 50 },
    { name: '爱心午餐', quantity: 2, unitPoints: 15 },
  ],
  totalPoints: 80,
  balanceAfter: 120,
};

export const pointsReceiptLayout: Layout<PointsReceiptData> = {
  id: 'pointsReceipt',
  // The desk's receipt printer: the one chosen for 借用凭条 (the same counter prints both).
  jobType: 'loanSlip',
  label: '积分兑换凭条',
  sample,
  render(data, ctx): PrintDocument {
    const title = '积分兑换凭条';
    return {
      kind: 'receipt',
      title,
      blocks: [
        { kind: 'text', text: ctx.center.name, align: 'center', bold: true },
        { kind: 'text', text: title, align: 'center', size: 'large', bold: true },
        { kind: 'divider' },
        {
          kind: 'pairs',
          rows: [
            ['单号', String(data.redemptionId)],
            ['兑换人', data.residentMasked],
            ['时间', formatCenterTime(data.at, ctx.timeZone, true)],
          ],
        },
        { kind: 'divider' },
        { kind: 'pairs', rows: data.lines.map((l): [string, string] => [`${l.name} ×${l.quantity}`, `${l.quantity * l.unitPoints} 分`]) },
        { kind: 'divider' },
        {
          kind: 'pairs',
          rows: [
            ['合计', `${data.totalPoints} 分`],
            ['剩余积分', `${data.balanceAfter} 分`],
          ],
        },
        { kind: 'divider' },
        { kind: 'text', text: '爱心超市 · 感谢您的志愿服务！', align: 'center' },
        { kind: 'text', text: `服务热线 ${ctx.center.hotline}`, align: 'center' },
      ],
    };
  },
};
