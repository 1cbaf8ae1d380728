import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { documentHtml } from '../../../db/printing/documentHtml.js';
import { createChromiumPdfRenderer } from '../../../db/printing/engines/chromium.js';
import { qrDataUrl } from '../../../db/printing/layouts/blocks.js';
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

describe('服务卡 (CR80): the lower third is for reaching the center (issue 12.15)', () => {
  /** Words of a PDF page with their boxes in points (pdftotext -bbox), and the page height. */
  function wordsOf(pdfFile: string): { height: number; words: Array<{ text: string; yMin: number; yMax: number }> } {
    const xml = execFileSync('pdftotext', ['-bbox', pdfFile, '-']).toString();
    const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(xml)![1]);
    const words = [...xml.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      yMin: Number(m[1]),
      yMax: Number(m[2]),
      text: m[3]!,
    }));
    return { height, words };
  }

  it('prints the hotline large in the lower third with the center’s contact QR, or a line saying how to add it', async () => {
    const layout = listLayouts().find((l) => l.id === 'serviceCard')!;
    const contact = 'https://u.wechat.com/houniao-center';
    for (const [name, contactQrDataUrl] of [
      ['with-contact', qrDataUrl(contact)],
      ['without-contact', null],
    ] as const) {
      const doc = await layout.render(layout.sample, { ...ctx, center: { ...ctx.center, contactQrDataUrl } });
      const { html, size } = documentHtml(doc, 80);
      const file = `serviceCard-lower-${name}`;
      const { qr, text, png } = inspectPdf(await renderer.renderPdf(html, size), outDir, file);
      const { height, words } = wordsOf(resolve(outDir, `${file}.pdf`));
      const hotline = words.find((w) => w.text === '0594-1234567')!;
      expect(hotline, name).toBeDefined();
      expect((hotline.yMin + hotline.yMax) / 2, `${name}: hotline in the lower third`).toBeGreaterThan((height * 2) / 3);
      // At least 14 pt tall glyph boxes: readable at arm's length (the card number is 11 pt).
      expect(hotline.yMax - hotline.yMin, `${name}: hotline size`).toBeGreaterThanOrEqual(14);
      const printed = text.replace(/\s+/g, '');
      if (contactQrDataUrl) {
        expect(qr.sort()).toEqual(['HNR1:K7MP3Q9Q', contact].sort());
        expect(printed).toContain('加微信联系我们');
      } else {
        expect(qr).toEqual(['HNR1:K7MP3Q9Q']);
        expect(printed).toContain('加中心微信：请到服务台扫码添加');
      }
      expect(png).toMatch(/\.png$/);
    }
  });
});
