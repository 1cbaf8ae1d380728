import iconv from 'iconv-lite';
import { receiptColumns, type ReceiptWidth } from './paper.js';
import { rasterFromDataUrl, type Raster } from './raster.js';
import type { ReceiptBlock } from './types.js';

/**
 * A small ESC/POS encoder for what our receipts need — no more. Text goes out as GB18030 (a
 * superset of GBK, which Chinese thermal printers read in their Chinese mode); QR codes use the
 * printer's own GS ( k command so they are sharp at the head's resolution.
 */
const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

export const escposCommands = {
  init: [ESC, 0x40],
  /** FS & — Chinese character mode on (two-byte GBK codes are read as one character). */
  chineseOn: [FS, 0x26],
  align: (a: 'left' | 'center' | 'right') => [ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2],
  bold: (on: boolean) => [ESC, 0x45, on ? 1 : 0],
  /** GS ! n — width and height multipliers in the high and low nibbles. */
  size: (times: 1 | 2 | 3) => [GS, 0x21, ((times - 1) << 4) | (times - 1)],
  feed: (lines: number) => [ESC, 0x64, Math.max(0, Math.min(255, lines))],
  /** GS V 66 n — feed to the cutter and cut (partial cut where the printer has one). */
  cut: [GS, 0x56, 0x42, 0x03],
  /** DLE EOT 1 — ask the printer's real-time status (one byte back). */
  statusQuery: [0x10, 0x04, 0x01],
};

export function gb18030(text: string): Buffer {
  return iconv.encode(text, 'gb18030');
}

/** GS ( k, QR model 2: select model, module size, error level M, store the data, print it. */
export function qrCommand(data: string, moduleSize: number): Buffer {
  const payload = Buffer.from(data, 'utf8');
  const storeLen = payload.length + 3;
  return Buffer.concat([
    Buffer.from([GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]),
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize]),
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31]),
    Buffer.from([GS, 0x28, 0x6b, storeLen & 0xff, storeLen >> 8, 0x31, 0x50, 0x30]),
    payload,
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]),
  ]);
}

/** GS v 0 — a 1-bit raster image, sent in bands of at most 255 rows (printer buffers are small). */
export function rasterCommand(r: Raster): Buffer {
  const parts: Buffer[] = [];
  for (let y = 0; y < r.height; y += 255) {
    const rows = Math.min(255, r.height - y);
    parts.push(Buffer.from([GS, 0x76, 0x30, 0x00, r.widthBytes & 0xff, r.widthBytes >> 8, rows & 0xff, rows >> 8]));
    parts.push(r.bits.subarray(y * r.widthBytes, (y + rows) * r.widthBytes));
  }
  return Buffer.concat(parts);
}

/** Display width in printer columns: CJK and other wide characters take two. */
export function columnsOf(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.charCodeAt(0) > 0x7f ? 2 : 1;
  return n;
}

function pairLine(label: string, value: string, columns: number): string {
  const gap = columns - columnsOf(label) - columnsOf(value);
  return gap >= 1 ? label + ' '.repeat(gap) + value : `${label}\n${' '.repeat(Math.max(0, columns - columnsOf(value)))}${value}`;
}

export function encodeReceipt(doc: { blocks: ReceiptBlock[] }, width: ReceiptWidth): Buffer {
  const columns = receiptColumns[width];
  const parts: Buffer[] = [Buffer.from([...escposCommands.init, ...escposCommands.chineseOn])];
  const push = (bytes: number[]) => parts.push(Buffer.from(bytes));
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'text': {
        const times = block.size === 'huge' ? 3 : block.size === 'large' ? 2 : 1;
        push([...escposCommands.align(block.align ?? 'left'), ...escposCommands.bold(Boolean(block.bold)), ...escposCommands.size(times)]);
        parts.push(gb18030(block.text), Buffer.from([LF]));
        push([...escposCommands.size(1), ...escposCommands.bold(false), ...escposCommands.align('left')]);
        break;
      }
      case 'pairs':
        push(escposCommands.align('left'));
        for (const [label, value] of block.rows) parts.push(gb18030(pairLine(label, value, columns)), Buffer.from([LF]));
        break;
      case 'qr':
        push(escposCommands.align('center'));
        parts.push(qrCommand(block.data, width === 58 ? 6 : 8));
        if (block.caption) parts.push(gb18030(block.caption), Buffer.from([LF]));
        push(escposCommands.align('left'));
        break;
      case 'image': {
        // Half the head's width (384 dots at 58 mm, 576 at 80 mm): a phone reads a QR of that size.
        const raster = rasterFromDataUrl(block.dataUrl, width === 58 ? 192 : 288);
        if (!raster) break; // a JPEG cannot be printed raw; the rest of the receipt still prints
        push(escposCommands.align('center'));
        parts.push(rasterCommand(raster), Buffer.from([LF]));
        if (block.caption) parts.push(gb18030(block.caption), Buffer.from([LF]));
        push(escposCommands.align('left'));
        break;
      }
      case 'divider':
        parts.push(Buffer.from('-'.repeat(columns) + '\n', 'ascii'));
        break;
      case 'feed':
        push(escposCommands.feed(block.lines));
        break;
    }
  }
  push([...escposCommands.feed(3), ...escposCommands.cut]);
  return Buffer.concat(parts);
}
