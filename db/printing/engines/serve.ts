import { createChromiumPdfRenderer } from './chromium.js';
import { listCupsPrinters, printPdfWithLp } from './cups.js';
import type { PrintEngines } from './types.js';

/** Serve mode and tests: PDFs from headless Chromium, system printers through CUPS. */
export function createServePrintEngines(): PrintEngines {
  const pdf = createChromiumPdfRenderer();
  return {
    renderPdf: pdf.renderPdf,
    async printSystem(html, size, deviceName) {
      await printPdfWithLp(await pdf.renderPdf(html, size), deviceName);
    },
    listPrinters: listCupsPrinters,
    close: pdf.close,
  };
}
