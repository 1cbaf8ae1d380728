import type { Layout, LayoutContext, PrintDocument } from '../types.js';
import { escapeHtml, pageHtml, qrBlock } from './blocks.js';

/**
 * The resident's service card (便民服务卡): name, card number, the resident's QR (card number only,
 * no personal data), the hotline, the center's contact QR when the manager uploaded one, and the
 * season it is valid for. CR80 for card printers; a receipt variant for thermal printers.
 */
export interface ServiceCardData {
  name: string;
  /** Formatted for reading, e.g. "K7MP 3Q9X". */
  cardNo: string;
  qrPayload: string;
  /** e.g. "2026–2027 冬季". */
  season: string;
}

const sample: ServiceCardData = { name: '张建国', cardNo: 'K7MP 3Q9Q', qrPayload: 'HNR1:K7MP3Q9Q', season: '2026–2027 冬季' };

/*
 * CR80 is 85.6 × 54 mm. Three bands, each for what the resident needs from it: the center (top),
 * who the card is for with the QR they scan at the kiosk (middle), and how to reach the center
 * (lower third): the hotline large enough to dial from without glasses, and the center's contact
 * QR — or, when none was uploaded, a line that says where to get it.
 */
const cardCss = `
.hn-page { padding: 2.2mm 3mm 2mm; font-size: 8pt; display: flex; flex-direction: column; }
.sc-top { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 0.3mm solid #000; padding-bottom: 0.8mm; }
.sc-center { font-size: 8.5pt; font-weight: 700; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.sc-title { font-size: 6.5pt; letter-spacing: 0.3mm; white-space: nowrap; margin-left: 2mm; }
.sc-body { flex: 1; display: flex; align-items: center; gap: 2.5mm; min-height: 0; }
.sc-main { flex: 1; min-width: 0; }
.sc-name { font-size: 15pt; font-weight: 800; line-height: 1.15; }
.sc-no { font-size: 11pt; font-weight: 700; font-family: 'DejaVu Sans Mono', monospace; letter-spacing: 0.3mm; }
.sc-season { font-size: 6.5pt; margin-top: 0.6mm; }
.sc-body .hn-qr figcaption { font-size: 5.5pt; }
.sc-bottom { height: 17mm; flex: none; border-top: 0.3mm solid #000; padding-top: 1mm; display: flex; align-items: center; gap: 2mm; }
.sc-reach { flex: 1; min-width: 0; }
.sc-hotline-label { font-size: 7pt; }
.sc-hotline { font-size: 17pt; font-weight: 800; line-height: 1.1; white-space: nowrap; font-variant-numeric: tabular-nums; }
.sc-how { font-size: 6.5pt; line-height: 1.3; margin-top: 0.4mm; }
.sc-contact { margin: 0; text-align: center; }
.sc-contact img { width: 13.5mm; height: 13.5mm; display: block; margin: 0 auto; }
.sc-contact figcaption { font-size: 5.5pt; }
`;

export const serviceCardLayout: Layout<ServiceCardData> = {
  id: 'serviceCard',
  jobType: 'serviceCard',
  label: '服务卡（CR80 卡片）',
  sample,
  render(data, ctx: LayoutContext): PrintDocument {
    const contact = ctx.center.contactQrDataUrl
      ? `<figure class="sc-contact"><img alt="" src="${escapeHtml(ctx.center.contactQrDataUrl)}" /><figcaption>加微信联系我们</figcaption></figure>`
      : '';
    const how = contact ? '有事请来电，或扫右边二维码加中心微信。' : '有事请来电。加中心微信：请到服务台扫码添加。';
    const body =
      `<div class="sc-top"><div class="sc-center">${escapeHtml(ctx.center.name)}</div><div class="sc-title">候鸟驿站 · 便民服务卡</div></div>` +
      `<div class="sc-body"><div class="sc-main">` +
      `<div class="sc-name">${escapeHtml(data.name)}</div><div class="sc-no">No. ${escapeHtml(data.cardNo)}</div>` +
      `<div class="sc-season">有效期：${escapeHtml(data.season)} · 丢失可到服务台补打</div></div>` +
      `${qrBlock(data.qrPayload, { sizeMm: 17, caption: '报到·取号扫此码' })}</div>` +
      `<div class="sc-bottom"><div class="sc-reach"><div class="sc-hotline-label">服务热线</div>` +
      `<div class="sc-hotline">${escapeHtml(ctx.center.hotline)}</div><div class="sc-how">${how}</div></div>${contact}</div>`;
    return { kind: 'page', title: `服务卡 ${data.cardNo}`, paper: 'cr80', html: pageHtml({ paper: 'cr80', title: `服务卡 ${data.cardNo}`, body, css: cardCss }) };
  },
};

export const serviceCardReceiptLayout: Layout<ServiceCardData> = {
  id: 'serviceCardReceipt',
  jobType: 'serviceCard',
  label: '服务卡（小票纸）',
  sample,
  render(data, ctx: LayoutContext): PrintDocument {
    return {
      kind: 'receipt',
      title: `服务卡 ${data.cardNo}`,
      blocks: [
        { kind: 'text', text: ctx.center.name, align: 'center', bold: true },
        { kind: 'text', text: '便民服务卡', align: 'center', size: 'large', bold: true },
        { kind: 'divider' },
        { kind: 'text', text: data.name, align: 'center', size: 'huge', bold: true },
        {
          kind: 'pairs',
          rows: [
            ['卡号', data.cardNo],
            ['有效期', data.season],
            ['服务热线', ctx.center.hotline],
          ],
        },
        { kind: 'qr', data: data.qrPayload, caption: '报到、离开、取号时请扫此码' },
        ...(ctx.center.contactQrDataUrl ? [{ kind: 'image' as const, dataUrl: ctx.center.contactQrDataUrl, caption: '加微信联系我们' }] : []),
        { kind: 'text', text: '请妥善保管。卡上没有您的个人信息，丢失可到服务台补打。', align: 'center' },
        { kind: 'feed', lines: 2 },
      ],
    };
  },
};

/** Winter seasons run October to April (攀枝花, 海南), summer seasons May to September (伊春). */
export function seasonLabel(now: Date): string {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + 1;
  if (m >= 10) return `${y}–${y + 1} 冬季`;
  if (m <= 4) return `${y - 1}–${y} 冬季`;
  return `${y} 夏季`;
}
