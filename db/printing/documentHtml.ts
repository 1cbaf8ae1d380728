import { pagePapers, type PaperSize, type ReceiptWidth } from './paper.js';
import { renderReceiptHtml } from './receiptHtml.js';
import type { PrintDocument } from './types.js';

/** Any document as HTML plus the exact paper to ask for: receipts at the roll's width, pages at their paper. */
export function documentHtml(doc: PrintDocument, receiptWidth: ReceiptWidth): { html: string; size: PaperSize } {
  if (doc.kind === 'receipt') return { html: renderReceiptHtml(doc, receiptWidth), size: { widthMm: receiptWidth, heightMm: null } };
  const paper = pagePapers[doc.paper];
  return { html: doc.html, size: { widthMm: paper.widthMm, heightMm: paper.heightMm } };
}
