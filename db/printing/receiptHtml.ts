import { escapeHtml, qrDataUrl, sizedHtml } from './layouts/blocks.js';
import { receiptPrintableMm, type ReceiptWidth } from './paper.js';
import type { ReceiptBlock } from './types.js';

/**
 * A receipt as HTML for the PDF and system-printer paths: the roll's width, the printable width
 * inside it (the head cannot print to the edge), height following the content.
 */
export function renderReceiptHtml(doc: { title: string; blocks: ReceiptBlock[] }, width: ReceiptWidth): string {
  const printable = receiptPrintableMm[width];
  const side = (width - printable) / 2;
  const body = doc.blocks.map((b) => blockHtml(b, printable)).join('\n');
  const css = `
.hn-page { padding: 3mm ${side}mm 4mm; font-size: ${width === 58 ? 3.2 : 3.6}mm; line-height: 1.35; }
.r-text { margin: 0; white-space: pre-wrap; word-break: break-all; }
.r-large { font-size: 2em; }
.r-huge { font-size: 3em; line-height: 1.1; }
.r-bold { font-weight: 700; }
.r-pairs { width: 100%; border-collapse: collapse; }
.r-pairs td { padding: 0.1em 0; vertical-align: top; }
.r-pairs td:last-child { text-align: right; }
.r-divider { border: 0; border-top: 0.3mm dashed #000; margin: 1.5mm 0; }
.r-qr { text-align: center; margin: 1.5mm 0; }
.r-qr img { display: block; margin: 0 auto; }
`;
  return sizedHtml({ widthMm: width, heightMm: null, title: doc.title, body, css });
}

function blockHtml(block: ReceiptBlock, printableMm: number): string {
  switch (block.kind) {
    case 'text': {
      const cls = ['r-text', block.size && block.size !== 'normal' ? `r-${block.size}` : '', block.bold ? 'r-bold' : ''].filter(Boolean).join(' ');
      return `<p class="${cls}" style="text-align:${block.align ?? 'left'}">${escapeHtml(block.text)}</p>`;
    }
    case 'pairs':
      return `<table class="r-pairs">${block.rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
    case 'qr': {
      // About two thirds of the printable width: big enough for a worn phone camera, quiet zone included.
      const size = Math.round(printableMm * 0.66);
      const caption = block.caption ? `<div>${escapeHtml(block.caption)}</div>` : '';
      return `<div class="r-qr"><img alt="" data-qr="${escapeHtml(block.data)}" src="${qrDataUrl(block.data)}" style="width:${size}mm;height:${size}mm" />${caption}</div>`;
    }
    case 'image': {
      const size = Math.round(printableMm * 0.5);
      const caption = block.caption ? `<div>${escapeHtml(block.caption)}</div>` : '';
      return `<div class="r-qr"><img alt="" src="${escapeHtml(block.dataUrl)}" style="width:${size}mm;height:auto" />${caption}</div>`;
    }
    case 'divider':
      return '<hr class="r-divider" />';
    case 'feed':
      return `<div style="height:${block.lines * 4}mm"></div>`;
  }
}
