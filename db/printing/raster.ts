import { inflateSync } from 'node:zlib';

/**
 * A PNG image (a data URL, as the manager uploads the center's WeChat contact QR) turned into the
 * 1-bit raster a thermal printer prints with GS v 0: scaled to a width in dots by averaging, then
 * dark pixels black (transparent counts as paper). Only what such an image needs: non-interlaced
 * PNG, any colour type and bit depth. Anything else (JPEG, interlaced) gives null and the caller
 * prints without the image.
 */
export interface Raster {
  /** Bytes per row (width in dots / 8). */
  widthBytes: number;
  height: number;
  /** Rows top to bottom, 8 dots per byte, most significant bit first, 1 = black. */
  bits: Buffer;
}

interface Decoded {
  width: number;
  height: number;
  /** Luminance 0 (black) – 255 (white), alpha already composed on white paper. */
  gray: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(png: Buffer): Decoded | null {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) return null;
  let width = 0,
    height = 0,
    depth = 0,
    colorType = 0,
    interlace = 0;
  let palette: Buffer | null = null;
  let paletteAlpha: Buffer | null = null;
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8]!;
      colorType = data[9]!;
      interlace = data[12]!;
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS' && colorType === 3) paletteAlpha = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const channels = CHANNELS[colorType];
  if (!channels || interlace !== 0 || !width || !height || width * height > 16_000_000 || (colorType === 3 && !palette)) return null;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch {
    return null;
  }
  const bitsPerPixel = channels * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const step = Math.max(1, bitsPerPixel >> 3);
  if (raw.length < (stride + 1) * height) return null;

  // Undo the per-row filters in place (rows become stride bytes each).
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const out = y * stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= step ? rows[out + i - step]! : 0;
      const up = y > 0 ? rows[out - stride + i]! : 0;
      const upLeft = y > 0 && i >= step ? rows[out - stride + i - step]! : 0;
      const x = raw[src + i]!;
      const predicted = filter === 1 ? left : filter === 2 ? up : filter === 3 ? (left + up) >> 1 : filter === 4 ? paeth(left, up, upLeft) : 0;
      rows[out + i] = (x + predicted) & 0xff;
    }
  }

  const max = (1 << Math.min(depth, 8)) - 1;
  const sample = (y: number, n: number): number => {
    const row = y * stride;
    if (depth === 8) return rows[row + n]!;
    if (depth === 16) return rows[row + n * 2]!;
    const bit = n * depth;
    return (rows[row + (bit >> 3)]! >> (8 - depth - (bit & 7))) & max;
  };
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const n = x * channels;
      let r: number,
        g: number,
        b: number,
        a = 255;
      if (colorType === 3) {
        const i = sample(y, n);
        [r, g, b] = [palette![i * 3] ?? 0, palette![i * 3 + 1] ?? 0, palette![i * 3 + 2] ?? 0];
        a = paletteAlpha?.[i] ?? 255;
      } else {
        const scale = depth >= 8 ? 1 : 255 / max;
        const c = (k: number) => sample(y, n + k) * scale;
        if (colorType === 0 || colorType === 4) r = g = b = c(0);
        else [r, g, b] = [c(0), c(1), c(2)];
        if (colorType === 4) a = c(1);
        if (colorType === 6) a = c(3);
      }
      const lum = 0.299 * r + 0.587 * g + 0.114 * b;
      gray[y * width + x] = Math.round((lum * a + 255 * (255 - a)) / 255);
    }
  }
  return { width, height, gray };
}

/** The image at `widthDots` wide (a multiple of 8), each dot the average of the pixels it covers. */
export function rasterize(image: Decoded, widthDots: number): Raster {
  const widthBytes = Math.max(1, Math.round(widthDots / 8));
  const w = widthBytes * 8;
  const h = Math.max(1, Math.round((image.height * w) / image.width));
  const bits = Buffer.alloc(widthBytes * h);
  for (let ty = 0; ty < h; ty++) {
    const y0 = Math.floor((ty * image.height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * image.height) / h));
    for (let tx = 0; tx < w; tx++) {
      const x0 = Math.floor((tx * image.width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * image.width) / w));
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += image.gray[y * image.width + x]!;
      if (sum / ((y1 - y0) * (x1 - x0)) >= 128) continue;
      const at = ty * widthBytes + (tx >> 3);
      bits[at] = bits[at]! | (0x80 >> (tx & 7));
    }
  }
  return { widthBytes, height: h, bits };
}

/** A PNG data URL as a raster `widthDots` wide, or null when it is not a PNG this can read. */
export function rasterFromDataUrl(dataUrl: string, widthDots: number): Raster | null {
  const m = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
  const image = m ? decodePng(Buffer.from(m[1]!, 'base64')) : null;
  return image ? rasterize(image, widthDots) : null;
}
