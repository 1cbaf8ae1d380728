import { formatCenterTime } from '../../localTime.js';
import type { Layout, PrintDocument } from '../types.js';

/**
 * 接诉即办 回执 (issue 17): the number and a QR to scan at the kiosk later for the status, the answer
 * and the rating. No description, no name: a receipt gets left on a counter. The QR holds a random
 * token (db/requests/receiptQr.ts), not the number.
 */
export interface RequestReceiptData {
  number: string;
  categoryName: string;
  submittedAt: string;
  deadlineAt: string;
  qr: string;
}

const sample: RequestReceiptData = {
  number: 'J-20261201-003',
  categoryName: '临时保洁',
  submittedAt: '2026-12-01T02:30:00.000Z',
  deadlineAt: '2026-12-03T02:30:00.000Z',
  qr: 'HNQ1:sample-token-not-a-real-one-00',
};

export const requestReceiptLayout: Layout<RequestReceiptData> = {
  id: 'requestReceipt',
  jobType: 'ticket',
  label: '接诉即办回执',
  sample,
  render(data, ctx): PrintDocument {
    const local = (iso: string) => formatCenterTime(iso, ctx.timeZone, true);
    return {
      kind: 'receipt',
      title: `接诉即办回执 ${data.number}`,
      blocks: [
        { kind: 'text', text: ctx.center.name, align: 'center', bold: true },
        { kind: 'text', text: '我要反映 · 回执', align: 'center', size: 'large' },
        { kind: 'text', text: data.number, align: 'center', size: 'large', bold: true },
        { kind: 'divider' },
        {
          kind: 'pairs',
          rows: [
            ['类别', data.categoryName],
            ['提交时间', local(data.submittedAt)],
            ['承诺办理', `${local(data.deadlineAt)} 前`],
          ],
        },
        { kind: 'qr', data: data.qr, caption: '在自助机上扫码，查看进度、答复和评价' },
        { kind: 'text', text: '请保管好这张回执。有了结果后，请扫码为办理情况打分。', align: 'center' },
        { kind: 'text', text: `服务热线 ${ctx.center.hotline}`, align: 'center' },
        { kind: 'feed', lines: 2 },
      ],
    };
  },
};
