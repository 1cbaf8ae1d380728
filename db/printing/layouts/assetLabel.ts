import { assetPayload } from '../../inventory/tags.js';
import type { Layout, PrintDocument } from '../types.js';
import { escapeHtml, pageHtml, qrBlock } from './blocks.js';

/** A 50 × 30 mm sticker on each unit: QR (versioned, the tag only), the tag in text, the category. */
export interface AssetLabelData {
  assetTag: string;
  categoryName: string;
}

export const assetLabelLayout: Layout<AssetLabelData> = {
  id: 'assetLabel',
  jobType: 'assetLabel',
  label: '资产标签（50×30）',
  sample: { assetTag: 'LY-0007', categoryName: '轮椅' },
  render(data, ctx): PrintDocument {
    const body = `
<div class="label">
  ${qrBlock(assetPayload(data.assetTag), { sizeMm: 24 })}
  <div class="text">
    <div class="tag">${escapeHtml(data.assetTag)}</div>
    <div class="cat">${escapeHtml(data.categoryName)}</div>
    <div class="owner">${escapeHtml(ctx.center.name)}</div>
  </div>
</div>`;
    const css = `
.hn-page { padding: 2.5mm 2.5mm; }
.label { display: flex; gap: 2mm; align-items: center; height: 100%; }
.label .hn-qr { flex: none; }
.text { flex: 1; min-width: 0; }
.tag { font-size: 4.2mm; font-weight: 800; font-family: monospace; }
.cat { font-size: 4mm; font-weight: 700; margin-top: 1mm; }
.owner { font-size: 2.2mm; margin-top: 1mm; line-height: 1.2; }`;
    return { kind: 'page', title: `资产标签 ${data.assetTag}`, paper: 'label50x30', html: pageHtml({ paper: 'label50x30', title: '资产标签', body, css }) };
  },
};
