import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { documentHtml } from '../../../db/printing/documentHtml.js';
import { createChromiumPdfRenderer } from '../../../db/printing/engines/chromium.js';
import { listLayouts } from '../../../db/printing/layouts/index.js';
import type { ReceiptWidth } from '../../../db/printing/paper.js';
import { inspectPdf } from './helpers.js';

/** Every registered layout, with its sample data, on every paper it can go to: readable PDF, decodable QR. */
const renderer = createChromiumPdfRenderer();
afterAll(() => renderer.close());
// Kept after the run so a person can look at them (test-results/ is not committed).
const outDir = resolve('test-results/printing');
mkdirSync(outDir, { recursive: true });

const ctx = { center: { name: '莆田市荔城区党群服务中心', hotline: '0594-1234567' }, now: new Date('2026-11-22T08:00:00Z'), timeZone: 'Asia/Shanghai' };

/** The QR payloads a document puts on paper: qrBlock and receipt QR images carry them in data-qr. */
function qrPayloadsIn(html: string): string[] {
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return [...html.matchAll(/data-qr="([^"]*)"/g)].map((m) => unescape(m[1]!));
}

/** Runs of Chinese in the document's visible text (not in attributes, styles or the title). */
function chineseRunsIn(html: string): string[] {
  const body = html.replace(/<head>[\s\S]*?<\/head>/, '').replace(/<[^>]*>/g, ' ');
  return [...new Set(body.match(/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]{2,}/g) ?? [])];
}

describe('every layout prints to a readable PDF', () => {
  for (const layout of listLayouts()) {
    const widths: ReceiptWidth[] = [58, 80];
    for (const width of widths) {
      it(`${layout.id} (receipts at ${width}mm): Chinese text in the PDF, QR decodes to the exact payload`, async () => {
        expect(layout.sample, `${layout.id} needs sample data`).toBeDefined();
        const doc = await layout.render(layout.sample, ctx);
        if (doc.kind === 'page' && width === 80) return; // pages have one paper; checked once
        const { html, size } = documentHtml(doc, width);
        const pdf = await renderer.renderPdf(html, size);
        const name = `${layout.id}-${doc.kind === 'page' ? doc.paper : width}`;
        const { qr, text } = inspectPdf(pdf, outDir, name);
        // The Chinese on the paper is real text (right font, right encoding), every run of it.
        const printed = text.replace(/\s+/g, '');
        const runs = chineseRunsIn(html);
        expect(runs.length).toBeGreaterThan(0);
        for (const run of runs) expect(printed).toContain(run);
        // Every QR code on the paper decodes, independently, to exactly what the layout put in it.
        expect(qr.sort()).toEqual(qrPayloadsIn(html).sort());
      });
    }
  }
});

describe('打印测试页 (issue 12.14)', () => {
  it('prints the center’s wall-clock time, not UTC, on the receipt and on the CR80 test card', async () => {
    for (const id of ['test', 'test.card']) {
      const layout = listLayouts().find((l) => l.id === id)!;
      const doc = await layout.render(layout.sample, ctx); // 08:00 UTC = 16:00 in the center
      const { html, size } = documentHtml(doc, 80);
      const { text } = inspectPdf(await renderer.renderPdf(html, size), outDir, `${id}-time`);
      expect(text).toContain('2026-11-22 16:00');
      expect(text).not.toContain('UTC');
      expect(text).not.toContain('08:00');
    }
  });
});
