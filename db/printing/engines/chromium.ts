import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { PrintError } from '../errors.js';
import type { PaperSize } from '../paper.js';

/** Debian's chromium first (what CI installs), then Chrome; CHROME_PATH overrides. */
export function findChromiumPath(): string | undefined {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((p): p is string => Boolean(p) && existsSync(p!));
}

const CSS_PX_PER_MM = 96 / 25.4;

/**
 * HTML → PDF with headless Chromium: one browser and one page, made on first use and kept (opening
 * a page costs more than rendering a receipt), used by one render at a time, closed with the host.
 */
export function createChromiumPdfRenderer() {
  let browser: Promise<Browser> | null = null;
  let page: Page | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function launch(): Promise<Browser> {
    let chromium: typeof import('playwright-core').chromium;
    try {
      // Not bundled: serve mode loads it from node_modules; the desktop app uses Electron's printToPDF instead.
      const moduleName = 'playwright-core';
      ({ chromium } = (await import(/* @vite-ignore */ moduleName)) as typeof import('playwright-core'));
    } catch {
      throw new PrintError('本机缺少 PDF 生成组件，无法生成 PDF，请联系技术人员。');
    }
    const executablePath = findChromiumPath();
    if (!executablePath) throw new PrintError('本机没有找到 Chromium 浏览器，无法生成 PDF，请联系技术人员安装。');
    return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  }

  async function openPage(): Promise<Page> {
    if (page && !page.isClosed()) return page;
    browser ??= launch().catch((err: unknown) => {
      browser = null;
      throw err;
    });
    page = await (await browser).newPage();
    return page;
  }

  async function render(html: string, size: PaperSize): Promise<Buffer> {
    const p = await openPage();
    await p.setViewportSize({ width: Math.ceil(size.widthMm * CSS_PX_PER_MM), height: 200 });
    await p.setContent(html, { waitUntil: 'load' });
    await p.evaluate(() => document.fonts.ready.then(() => undefined));
    // A receipt roll is as long as its content (plus a millimetre so nothing spills onto a 2nd page).
    const heightMm = size.heightMm ?? Math.ceil((await p.evaluate(() => document.body.getBoundingClientRect().height)) / CSS_PX_PER_MM) + 1;
    return p.pdf({ width: `${size.widthMm}mm`, height: `${heightMm}mm`, printBackground: true, margin: { top: '0', right: '0', bottom: '0', left: '0' } });
  }

  return {
    renderPdf(html: string, size: PaperSize): Promise<Buffer> {
      const result = queue.then(() => render(html, size));
      queue = result.catch(() => undefined);
      return result;
    },
    async close(): Promise<void> {
      const b = browser;
      browser = null;
      page = null;
      if (b) await b.then((x) => x.close()).catch(() => undefined);
    },
  };
}
