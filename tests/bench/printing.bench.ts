import { documentHtml } from '../../db/printing/documentHtml.js';
import { createChromiumPdfRenderer } from '../../db/printing/engines/chromium.js';
import { encodeReceipt } from '../../db/printing/escpos.js';
import { testPageLayout } from '../../db/printing/layouts/testPage.js';
import type { PrintDocument } from '../../db/printing/types.js';
import type { BenchSuite, Measured } from './harness.js';
import { measure } from './harness.js';

const ctx = { center: { name: '莆田市荔城区党群服务中心', hotline: '0594-1234567' }, now: new Date('2026-11-22T08:00:00Z'), timeZone: 'Asia/Shanghai' };

function receipt(i: number): PrintDocument {
  return testPageLayout.render({ qr: `T-20261122-A${String(i % 1000).padStart(3, '0')}`, target: `网络打印机 192.168.1.${i % 250}:9100` }, ctx) as PrintDocument;
}

/**
 * print.escpos.receipt: a receipt layout with a QR code, rendered and encoded to ESC/POS bytes
 * (GB18030 text, native QR command) — what a kiosk ticket costs before the network. Must stay < 5 ms.
 * print.pdf.receipt: the same receipt to PDF in headless Chromium (browser already running).
 */
export const printingBench: BenchSuite = {
  name: 'printing',
  async run({ log }) {
    const rows: Measured[] = [];
    rows.push(
      await measure('print.escpos.receipt', 2000, (i) => {
        const doc = receipt(i);
        if (doc.kind !== 'receipt') throw new Error('receipt expected');
        return encodeReceipt(doc, 80);
      }),
    );
    const renderer = createChromiumPdfRenderer();
    try {
      rows.push(
        await measure(
          'print.pdf.receipt',
          20,
          async (i) => {
            const { html, size } = documentHtml(receipt(i), 80);
            return renderer.renderPdf(html, size);
          },
          { warmup: 3 },
        ),
      );
    } catch (err) {
      log(`print.pdf.receipt skipped: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      await renderer.close();
    }
    return rows;
  },
};
