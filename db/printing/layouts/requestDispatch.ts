import { formatCenterTime } from '../../localTime.js';
import type { Layout, PrintDocument } from '../types.js';
import { centerHeader, escapeHtml, pageHtml, qrBlock, smallPrint } from './blocks.js';

/**
 * 派单单 (issue 17): what an outside handler (网格员, 物业, 部门 …) takes away — the request, where
 * to call back, the deadline — and a QR they bring back to the desk, where a scan opens the case to
 * record the result. A4 for the office printer, or the desk's 80 mm receipt printer.
 */
export interface RequestDispatchData {
  number: string;
  categoryName: string;
  levelLabel: string;
  description: string;
  residentMasked: string;
  callbackPhone: string;
  handlerName: string;
  handlerKind: string;
  submittedAt: string;
  deadlineAt: string;
  qr: string;
}

const sample: RequestDispatchData = {
  number: 'J-20261201-003',
  categoryName: '临时保洁',
  levelLabel: '红 · 街道吹哨/部门',
  description: '楼道有垃圾，三天没有清运。',
  residentMasked: '张*国',
  callbackPhone: '13900001234',
  handlerName: '海棠湾物业',
  handlerKind: '物业',
  submittedAt: '2026-12-01T02:30:00.000Z',
  deadlineAt: '2026-12-03T02:30:00.000Z',
  qr: 'HND1:sample-token-not-a-real-one-00',
};

function rows(data: RequestDispatchData, local: (iso: string) => string): Array<[string, string]> {
  return [
    ['编号', data.number],
    ['类别', data.categoryName],
    ['分级', data.levelLabel],
    ['承办人', `${data.handlerName}（${data.handlerKind}）`],
    ['居民', data.residentMasked],
    ['回访电话', data.callbackPhone || '—'],
    ['受理时间', local(data.submittedAt)],
    ['办理时限', `${local(data.deadlineAt)} 前`],
  ];
}

export const requestDispatchLayout: Layout<RequestDispatchData> = {
  id: 'requestDispatch',
  jobType: 'report',
  label: '派单单（A4）',
  sample,
  render(data, ctx): PrintDocument {
    const local = (iso: string) => formatCenterTime(iso, ctx.timeZone, true);
    const table = rows(data, local)
      .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
      .join('');
    const body = `${centerHeader(ctx)}
<h1>接诉即办 · 派单单</h1>
<table class="kv">${table}</table>
<h2>诉求内容</h2>
<p class="desc">${escapeHtml(data.description)}</p>
<h2>办理结果（请承办人填写）</h2>
<div class="lines"></div>
<table class="kv sign"><tr><th>承办人签字</th><td></td><th>办结时间</th><td></td></tr></table>
${qrBlock(data.qr, { sizeMm: 34, caption: '办结后请带回本单，工作人员扫码登记结果' })}
${smallPrint('本单载有居民个人信息，仅用于办理本诉求，请妥善保管，办结后交回服务中心。')}`;
    return {
      kind: 'page',
      title: `派单单 ${data.number}`,
      paper: 'a4',
      html: pageHtml({
        paper: 'a4',
        title: `派单单 ${data.number}`,
        body,
        css: `.hn-page { padding: 12mm 18mm; font-size: 12pt; }
h1 { text-align: center; font-size: 20pt; margin: 4mm 0; }
h2 { font-size: 13pt; margin: 4mm 0 2mm; }
.kv { width: 100%; border-collapse: collapse; }
.kv th, .kv td { border: 1px solid #000; padding: 1.5mm 3mm; text-align: left; }
.kv th { width: 32mm; background: #eee; }
.desc { border: 1px solid #000; padding: 3mm; min-height: 22mm; margin: 0; white-space: pre-wrap; }
.lines { height: 32mm; border: 1px solid #000; }
.sign { margin-top: 4mm; }
.sign td { height: 12mm; }
.hn-qr { margin-top: 4mm; }`,
      }),
    };
  },
};

export const requestDispatchReceiptLayout: Layout<RequestDispatchData> = {
  id: 'requestDispatchReceipt',
  jobType: 'loanSlip',
  label: '派单单（80 mm）',
  sample,
  render(data, ctx): PrintDocument {
    const local = (iso: string) => formatCenterTime(iso, ctx.timeZone, true);
    return {
      kind: 'receipt',
      title: `派单单 ${data.number}`,
      blocks: [
        { kind: 'text', text: ctx.center.name, align: 'center', bold: true },
        { kind: 'text', text: '接诉即办 · 派单单', align: 'center', size: 'large' },
        { kind: 'divider' },
        { kind: 'pairs', rows: rows(data, local) },
        { kind: 'divider' },
        { kind: 'text', text: '诉求内容：' },
        { kind: 'text', text: data.description },
        { kind: 'divider' },
        { kind: 'qr', data: data.qr, caption: '办结后带回本单，工作人员扫码登记结果' },
        { kind: 'text', text: '本单载有居民个人信息，请妥善保管。', align: 'center' },
        { kind: 'feed', lines: 2 },
      ],
    };
  },
};
