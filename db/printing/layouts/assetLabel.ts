import { assetPayload } from '../../inventory/tags.js';
import type { Layout, PrintDocument } from '../types.js';
import { escapeHtml, pageHtml, qrBlock } from './blocks.js';

/** One 50 × 30 mm sticker: QR (versioned, the tag only), the tag in text, the category. */
export interface AssetLabel {
  assetTag: string;
  categoryName: string;
}

/**
 * A run of labels printed as one job, one sticker per page: a bulk 入库 of 20 wheelchairs is one
 * job (one PDF, one line in 打印记录) that a label printer feeds through sticker by sticker.
 * (Jobs stored before runs existed hold a single label; they still print.)
 */
export type AssetLabelData = { labels: AssetLabel[] } | AssetLabel;

export function labelsOf(data: AssetLabelData): AssetLabel[] {
  return 'labels' in data ? data.labels : [data];
}

export const assetLabelLayout: Layout<AssetLabelData> = {
  id: 'assetLabel',
  jobType: 'assetLabel',
  label: '资产标签（50×30）',
  sample: { labels: [{ assetTag: 'LY-0007', categoryName: '轮椅' }] },
  render(data, ctx): PrintDocument {
    const labels = labelsOf(data);
    const body = labels
      .map(
        (l) => `
<div class="label">
  ${qrBlock(assetPayload(l.assetTag), { sizeMm: 24 })}
  <div class="text">
    <div class="tag">${escapeHtml(l.assetTag)}</div>
    <div class="cat">${escapeHtml(l.categoryName)}</div>
    <div class="owner">${escapeHtml(ctx.center.name)}</div>
  </div>
</div>`,
      )
      .join('');
    // The page box grows to hold the run; each label is exactly one 50 × 30 mm page.
    const css = `
.hn-page { height: auto; overflow: visible; }
.label { display: flex; gap: 2mm; align-items: center; width: 50mm; height: 30mm; padding: 2.5mm; overflow: hidden; break-after: page; }
.label:last-child { break-after: auto; }
.label .hn-qr { flex: none; }
.text { flex: 1; min-width: 0; }
.tag { font-size: 4.2mm; font-weight: 800; font-family: monospace; }
.cat { font-size: 4mm; font-weight: 700; margin-top: 1mm; }
.owner { font-size: 2.2mm; margin-top: 1mm; line-height: 1.2; }`;
    const title = labels.length === 1 ? `资产标签 ${labels[0]!.assetTag}` : `资产标签 ${labels[0]?.assetTag ?? ''} 等 ${labels.length} 张`;
    return { kind: 'page', title, paper: 'label50x30', html: pageHtml({ paper: 'label50x30', title: '资产标签', body, css }) };
  },
};
