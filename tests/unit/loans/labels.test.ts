import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentHtml } from '../../../db/printing/documentHtml.js';
import { createChromiumPdfRenderer } from '../../../db/printing/engines/chromium.js';
import { assetLabelLayout } from '../../../db/printing/layouts/assetLabel.js';

const renderer = createChromiumPdfRenderer();
afterAll(() => renderer.close());
const outDir = resolve('test-results/printing');
mkdirSync(outDir, { recursive: true });
const ctx = { center: { name: '攀枝花市东区某某社区党群服务中心', hotline: '0812-000 1234' }, now: new Date('2026-11-22T08:00:00Z'), timeZone: 'Asia/Shanghai' };

/** Each page of a PDF at 300 dpi → the QR payloads zbarimg reads on it. */
function qrPerPage(pdf: Buffer, name: string): { pages: string[][]; sizes: string[] } {
  const file = join(outDir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file]).toString();
  const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+ x [\d.]+) pts/g)].map((m) => m[1]!);
  execFileSync('pdftoppm', ['-r', '300', '-png', file, join(outDir, name)]);
  const pngs = readdirSync(outDir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).sort();
  const pages = pngs.map((png) => {
    try {
      return execFileSync('zbarimg', ['--raw', '-q', join(outDir, png)], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  });
  return { pages, sizes };
}

describe('asset labels', () => {
  it('a run of labels is one document with one 50 × 30 mm page per label, each QR holding only its tag', async () => {
    const tags = ['LY-0001', 'LY-0002', 'LY-0003'];
    const doc = assetLabelLayout.render({ labels: tags.map((assetTag) => ({ assetTag, categoryName: '轮椅' })) }, ctx);
    if (doc instanceof Promise || doc.kind !== 'page') throw new Error('an asset label is a page');
    expect(doc.paper).toBe('label50x30');
    const { html, size } = documentHtml(doc, 58);
    const { pages, sizes } = qrPerPage(await renderer.renderPdf(html, size), 'assetLabel-run');
    expect(pages).toEqual(tags.map((t) => [`HNA1:${t}`]));
    // 50 × 30 mm = 141.7 × 85.0 pt on every page.
    expect(sizes).toHaveLength(3);
    for (const s of sizes) {
      const [w, h] = s.split(' x ').map(Number);
      expect(Math.abs(w! - 141.7)).toBeLessThan(1.5);
      expect(Math.abs(h! - 85.0)).toBeLessThan(1.5);
    }
  }, 60_000);

  it('a job stored as a single label (before runs) still renders', () => {
    const doc = assetLabelLayout.render({ assetTag: 'LY-0009', categoryName: '轮椅' }, ctx);
    if (doc instanceof Promise || doc.kind !== 'page') throw new Error('an asset label is a page');
    expect(doc.html).toContain('data-qr="HNA1:LY-0009"');
    expect(doc.title).toBe('资产标签 LY-0009');
  });
});
