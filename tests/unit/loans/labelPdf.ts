import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A label run's PDF, page by page: each page's size in points (pdfinfo) and the QR payloads
 * zbarimg reads on it at 300 dpi (pdftoppm). Files are left in `dir` for a person to look at.
 */
export function labelPages(pdf: Buffer, dir: string, name: string): Array<{ size: [number, number]; qr: string[] }> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', file]).toString();
  const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
  const pageFile = new RegExp(`^${name}-\\d+\\.png$`);
  for (const old of readdirSync(dir).filter((f) => pageFile.test(f))) rmSync(join(dir, old)); // an earlier, longer run's pages
  execFileSync('pdftoppm', ['-r', '300', '-png', file, join(dir, name)]);
  const pngs = readdirSync(dir)
    .filter((f) => pageFile.test(f))
    .sort((a, b) => Number(/-(\d+)\.png$/.exec(a)![1]) - Number(/-(\d+)\.png$/.exec(b)![1]));
  return sizes.map((size, i) => {
    let qr: string[];
    try {
      qr = execFileSync('zbarimg', ['--raw', '-q', join(dir, pngs[i]!)], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim()
        .split('\n')
        .filter(Boolean);
    } catch {
      qr = [];
    }
    return { size, qr };
  });
}

/** 50 × 30 mm in points, within a point and a half. */
export function isLabelPage([w, h]: [number, number]): boolean {
  return Math.abs(w - 141.7) < 1.5 && Math.abs(h - 85.0) < 1.5;
}
