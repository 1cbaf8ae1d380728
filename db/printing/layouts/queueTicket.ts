import type { Layout, LayoutContext, PrintDocument } from '../types.js';

/** What a queue ticket prints: no personal data, only the number and where it stands. */
export interface QueueTicketData {
  code: string;
  service: string;
  ahead: number;
  waitMinutes: number;
  /** ISO time of issue. */
  issuedAt: string;
  /** Local 'YYYY-MM-DD HH:MM' as the center's clock showed it. */
  issuedLocal: string;
  priority: boolean;
  /** What the QR holds: the ticket's id, so staff can scan it to find the ticket. */
  qr: string;
}

const sample: QueueTicketData = {
  code: 'A012',
  service: '政务代办',
  ahead: 3,
  waitMinutes: 15,
  issuedAt: '2026-01-10T01:30:00.000Z',
  issuedLocal: '2026-01-10 09:30',
  priority: true,
  qr: 'HOUNIAO-TICKET:12',
};

export const queueTicketLayout: Layout<QueueTicketData> = {
  id: 'queueTicket',
  jobType: 'ticket',
  label: '排队小票',
  sample,
  render(data, ctx: LayoutContext): PrintDocument {
    return {
      kind: 'receipt',
      title: `排队小票 ${data.code}`,
      blocks: [
        { kind: 'text', text: ctx.center.name, align: 'center', bold: true },
        { kind: 'text', text: data.service, align: 'center', size: 'large' },
        { kind: 'text', text: data.code, align: 'center', size: 'huge', bold: true },
        ...(data.priority ? [{ kind: 'text' as const, text: '【优先】', align: 'center' as const, size: 'large' as const, bold: true }] : []),
        { kind: 'divider' },
        {
          kind: 'pairs',
          rows: [
            ['前面等候', `${data.ahead} 人`],
            ['预计等候', data.ahead === 0 ? '马上' : `约 ${data.waitMinutes} 分钟`],
            ['取号时间', data.issuedLocal],
          ],
        },
        { kind: 'qr', data: data.qr, caption: '工作人员扫码查询' },
        { kind: 'text', text: '请留意叫号屏和广播，过号请到窗口重新排队。', align: 'center' },
        { kind: 'text', text: `服务热线 ${ctx.center.hotline}`, align: 'center' },
        { kind: 'feed', lines: 2 },
      ],
    };
  },
};
