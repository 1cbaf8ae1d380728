import type { Layout, LayoutContext, PrintDocument } from '../types.js';
import { localClock } from '../../wallClock.js';
import { bigNumber, centerHeader, pageHtml, qrBlock, smallPrint } from './blocks.js';

export interface TestPageData {
  /** What the QR code holds; the technician scans it to check the printer's resolution. */
  qr: string;
  /** Where it was sent, so a page found later on the wrong printer explains itself. */
  target: string;
}

const sample: TestPageData = { qr: 'HOUNIAO-TEST-0001', target: '示例打印机' };

/** The center's wall clock (queue.timezone), as every other slip prints it — never UTC. */
function stamp(now: Date, timeZone: string): string {
  const local = localClock(now, timeZone);
  return `${local.day} ${local.time}`;
}

/** The receipt-shaped test page 打印测试页 sends to any target: Chinese text, sizes, a QR code, the cut. */
export const testPageLayout: Layout<TestPageData> = {
  id: 'test',
  jobType: 'test',
  label: '打印测试页',
  sample,
  render(data, ctx: LayoutContext): PrintDocument {
    return {
      kind: 'receipt',
      title: '打印测试页',
      blocks: [
        { kind: 'text', text: ctx.center.name, align: 'center', bold: true },
        { kind: 'text', text: '打印测试页', align: 'center', size: 'large', bold: true },
        { kind: 'divider' },
        {
          kind: 'pairs',
          rows: [
            ['打印机', data.target],
            ['时间', stamp(ctx.now, ctx.timeZone)],
            ['服务热线', ctx.center.hotline],
          ],
        },
        { kind: 'text', text: '中文显示正常：候鸟驿站欢迎您', align: 'left' },
        { kind: 'text', text: 'A001', align: 'center', size: 'huge', bold: true },
        { kind: 'qr', data: data.qr, caption: '请用手机扫码核对' },
        { kind: 'divider' },
        { kind: 'text', text: '看到这张纸，说明打印机工作正常。', align: 'center' },
      ],
    };
  },
};

/** The same check on card stock (CR80): shows the page building blocks print at the card's exact size. */
export const testCardLayout: Layout<TestPageData> = {
  id: 'test.card',
  jobType: 'test',
  label: '测试卡片（CR80）',
  sample,
  render(data, ctx): PrintDocument {
    const body = `
<div class="card">
  <div class="left">${centerHeader(ctx)}${bigNumber('测试 A001')}${smallPrint(`打印机：${data.target}`)}${smallPrint(`时间：${stamp(ctx.now, ctx.timeZone)}`)}</div>
  <div class="right">${qrBlock(data.qr, { sizeMm: 26, caption: '扫码核对' })}</div>
</div>`;
    const css = `
.hn-page { padding: 3mm 4mm; font-size: 3.2mm; }
.card { display: flex; gap: 3mm; height: 100%; align-items: center; }
.left { flex: 1; }
.hn-big { font-size: 7mm; margin: 2mm 0; }`;
    return { kind: 'page', title: '测试卡片', paper: 'cr80', html: pageHtml({ paper: 'cr80', title: '测试卡片', body, css }) };
  },
};
