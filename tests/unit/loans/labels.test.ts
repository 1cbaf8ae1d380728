import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentHtml } from '../../../db/printing/documentHtml.js';
import { createChromiumPdfRenderer } from '../../../db/printing/engines/chromium.js';
import { assetLabelLayout } from '../../../db/printing/layouts/assetLabel.js';
import { isLabelPage, labelPages } from './labelPdf.js';

const renderer = createChromiumPdfRenderer();
afterAll(() => renderer.close());
const outDir = resolve('test-results/printing');
mkdirSync(outDir, { recursive: true });
const ctx = { center: { name: '攀枝花市东区某某社区党群服务中心', hotline: '0812-000 1234' }, now: new Date('2026-11-22T08:00:00Z'), timeZone: 'Asia/Shanghai' };

describe('asset labels', () => {
  it('a run of labels is one document with one 50 × 30 mm page per label, each QR holding only its tag', async () => {
    const tags = ['LY-0001', 'LY-0002', 'LY-0003'];
    const doc = assetLabelLayout.render({ labels: tags.map((assetTag) => ({ assetTag, categoryName: '轮椅' })) }, ctx);
    if (doc instanceof Promise || doc.kind !== 'page') throw new Error('an asset label is a page');
    expect(doc.paper).toBe('label50x30');
    const { html, size } = documentHtml(doc, 58);
    const pages = labelPages(await renderer.renderPdf(html, size), outDir, 'assetLabel-run');
    expect(pages.map((p) => p.qr)).toEqual(tags.map((t) => [`HNA1:${t}`]));
    expect(pages.every((p) => isLabelPage(p.size))).toBe(true);
  }, 60_000);

  it('a job stored as a single label (before runs) still renders', () => {
    const doc = assetLabelLayout.render({ assetTag: 'LY-0009', categoryName: '轮椅' }, ctx);
    if (doc instanceof Promise || doc.kind !== 'page') throw new Error('an asset label is a page');
    expect(doc.html).toContain('data-qr="HNA1:LY-0009"');
    expect(doc.title).toBe('资产标签 LY-0009');
  });
});
