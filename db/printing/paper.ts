import type { PagePaper } from './types.js';

/** Paper sizes in millimetres. Receipts are continuous: their height follows the content. */
export const pagePapers: Record<PagePaper, { widthMm: number; heightMm: number }> = {
  cr80: { widthMm: 85.6, heightMm: 54 },
  label50x30: { widthMm: 50, heightMm: 30 },
  a4: { widthMm: 210, heightMm: 297 },
  a6: { widthMm: 105, heightMm: 148 },
};

export type ReceiptWidth = 58 | 80;

/** Thermal heads print narrower than the roll: 58 mm paper → 48 mm, 80 mm → 72 mm. */
export const receiptPrintableMm: Record<ReceiptWidth, number> = { 58: 48, 80: 72 };

/** Characters per line in the printer's font A (12×24 dots): a CJK character takes two. */
export const receiptColumns: Record<ReceiptWidth, number> = { 58: 32, 80: 48 };

/** What a PDF or system-printer engine is asked for: exact size; height null = as tall as the content. */
export interface PaperSize {
  widthMm: number;
  heightMm: number | null;
}
