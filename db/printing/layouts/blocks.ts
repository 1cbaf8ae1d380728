import QRCode from 'qrcode';
import { pagePapers } from '../paper.js';
import type { LayoutContext, PagePaper } from '../types.js';

/** The fonts every printed page asks for first: CJK glyphs must never fall back to boxes. */
export const CJK_FONT_STACK = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A QR code as an image data URL. Drawn as SVG from the `qrcode` package's module matrix, so it is
 * vector: crisp at any printer resolution (300 dpi and above), and synchronous for layouts.
 * Error level M (survives a worn card), quiet zone of 2 modules.
 */
export function qrDataUrl(data: string, options: { margin?: number } = {}): string {
  const margin = options.margin ?? 2;
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const total = size + margin * 2;
  let path = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // One run of dark modules per path segment keeps the SVG small.
      if (!qr.modules.get(y, x)) continue;
      let run = 1;
      while (x + run < size && qr.modules.get(y, x + run)) run++;
      path += `M${x + margin} ${y + margin}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" shape-rendering="crispEdges">` +
    `<rect width="${total}" height="${total}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The center's name (and hotline) at the top of a page. */
export function centerHeader(ctx: LayoutContext): string {
  return (
    `<header class="hn-header"><div class="hn-center">${escapeHtml(ctx.center.name)}</div>` + `<div class="hn-hotline">服务热线 ${escapeHtml(ctx.center.hotline)}</div></header>`
  );
}

export function qrBlock(data: string, options: { sizeMm: number; caption?: string }): string {
  const caption = options.caption ? `<figcaption>${escapeHtml(options.caption)}</figcaption>` : '';
  return (
    // data-qr names the payload so tests can check every QR on paper decodes back to it.
    `<figure class="hn-qr"><img alt="" data-qr="${escapeHtml(data)}" src="${qrDataUrl(data)}" ` +
    `style="width:${options.sizeMm}mm;height:${options.sizeMm}mm" />${caption}</figure>`
  );
}

/** A ticket number or card number: the thing a person must read from across the hall. */
export function bigNumber(text: string): string {
  return `<div class="hn-big">${escapeHtml(text)}</div>`;
}

export function smallPrint(text: string): string {
  return `<p class="hn-small">${escapeHtml(text)}</p>`;
}

const baseCss = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${CJK_FONT_STACK}; color: #000; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.hn-header { text-align: center; }
.hn-center { font-weight: 700; }
.hn-hotline { font-size: 0.8em; }
.hn-qr { margin: 0; text-align: center; }
.hn-qr img { display: block; margin: 0 auto; image-rendering: pixelated; }
.hn-qr figcaption { font-size: 0.8em; }
.hn-big { text-align: center; font-weight: 800; font-size: 2.4em; line-height: 1.1; }
.hn-small { font-size: 0.7em; margin: 0.5em 0 0; }
`;

/** A complete HTML document for one paper size: exact @page size, no margins, the CJK fonts. */
export function pageHtml({ paper, title, body, css = '' }: { paper: PagePaper; title: string; body: string; css?: string }): string {
  const { widthMm, heightMm } = pagePapers[paper];
  return sizedHtml({ widthMm, heightMm, title, body, css });
}

/** The same document shell for any size; receipts pass their roll width and a null height. */
export function sizedHtml({ widthMm, heightMm, title, body, css = '' }: { widthMm: number; heightMm: number | null; title: string; body: string; css?: string }): string {
  // A receipt roll has no fixed height: the engine measures the content and asks for that page size.
  const pageRule = heightMm === null ? '@page { margin: 0; }' : `@page { size: ${widthMm}mm ${heightMm}mm; margin: 0; }`;
  const pageBox = heightMm === null ? `width: ${widthMm}mm;` : `width: ${widthMm}mm; height: ${heightMm}mm; overflow: hidden;`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
${pageRule}
${baseCss}
.hn-page { ${pageBox} }
${css}
</style></head>
<body><div class="hn-page">${body}</div></body></html>`;
}
