import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../db/printing/escpos.js';
import { serviceCardReceiptLayout } from '../../../db/printing/layouts/serviceCard.js';
import { decodePng } from '../../../db/printing/raster.js';
import { renderReceiptHtml } from '../../../db/printing/receiptHtml.js';

const WECHAT = 'https://u.wechat.com/EXAMPLE-center-contact';
const card = { name: '张建国', cardNo: 'K7MP 3Q9Q', qrPayload: 'HNR1:K7MP3Q9Q', season: '2026–2027 冬季' };
const ctxWith = (contactQrDataUrl: string | null) => ({
  center: { name: '东区党群服务中心', hotline: '0812-1234567', contactQrDataUrl },
  now: new Date('2026-11-22T08:00:00Z'),
  timeZone: 'Asia/Shanghai',
});

/** The GS v 0 bands of an ESC/POS stream joined into one image: width in bytes, rows. */
function rasterOf(bytes: Buffer): { widthBytes: number; height: number; bits: Buffer } | null {
  const bands: Buffer[] = [];
  let widthBytes = 0;
  for (let i = 0; i + 8 <= bytes.length; i++) {
    if (bytes[i] !== 0x1d || bytes[i + 1] !== 0x76 || bytes[i + 2] !== 0x30) continue;
    widthBytes = bytes[i + 4]! + bytes[i + 5]! * 256;
    const rows = bytes[i + 6]! + bytes[i + 7]! * 256;
    bands.push(bytes.subarray(i + 8, i + 8 + widthBytes * rows));
    i += 7 + widthBytes * rows;
  }
  if (!bands.length) return null;
  const bits = Buffer.concat(bands);
  return { widthBytes, height: bits.length / widthBytes, bits };
}

/** What zbarimg reads from a raster (as a PBM file, whose bit layout is the printer's), with a quiet zone added. */
function scan(r: { widthBytes: number; height: number; bits: Buffer }): string {
  const pad = 4; // bytes of white each side, rows above and below
  const w = r.widthBytes + pad * 2;
  const rows: Buffer[] = [];
  for (let y = 0; y < pad * 8; y++) rows.push(Buffer.alloc(w));
  for (let y = 0; y < r.height; y++) rows.push(Buffer.concat([Buffer.alloc(pad), r.bits.subarray(y * r.widthBytes, (y + 1) * r.widthBytes), Buffer.alloc(pad)]));
  for (let y = 0; y < pad * 8; y++) rows.push(Buffer.alloc(w));
  const file = join(mkdtempSync(join(tmpdir(), 'hn-raster-')), 'r.pbm');
  writeFileSync(file, Buffer.concat([Buffer.from(`P4\n${w * 8} ${rows.length}\n`), ...rows]));
  return execFileSync('zbarimg', ['--raw', '-q', file], { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();
}

/** A PNG written by hand: 1-bit grayscale, rows filtered with Sub and Up. */
function oneBitPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(16, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // grayscale
  // Row 0 pixels 0xF0 0x0F (Sub: each byte minus the one before); row 1 the same (Up: all zero).
  const raw = Buffer.from([1, 0xf0, 0x0f - 0xf0 + 256, 2, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe("the center's contact QR on the receipt service card", () => {
  it('is printed on a thermal printer as a raster image that still scans', async () => {
    const contact = await QRCode.toDataURL(WECHAT, { margin: 1, scale: 7 });
    const doc = serviceCardReceiptLayout.render(card, ctxWith(contact));
    if (doc instanceof Promise || doc.kind !== 'receipt') throw new Error('a receipt');
    expect(doc.blocks.some((b) => b.kind === 'image' && b.caption === '加微信联系我们')).toBe(true);
    for (const width of [58, 80] as const) {
      const raster = rasterOf(encodeReceipt(doc, width));
      expect(raster?.widthBytes).toBe(width === 58 ? 24 : 36);
      expect(scan(raster!)).toBe(WECHAT);
    }
    // PDF and system printers get the picture itself.
    expect(renderReceiptHtml(doc, 80)).toContain(`src="${contact}"`);
  });

  it('is left out when none was uploaded, and a JPEG is skipped on ESC/POS without losing the card', () => {
    const none = serviceCardReceiptLayout.render(card, ctxWith(null));
    if (none instanceof Promise || none.kind !== 'receipt') throw new Error('a receipt');
    expect(none.blocks.some((b) => b.kind === 'image')).toBe(false);
    const jpeg = serviceCardReceiptLayout.render(card, ctxWith('data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ=='));
    if (jpeg instanceof Promise || jpeg.kind !== 'receipt') throw new Error('a receipt');
    const bytes = encodeReceipt(jpeg, 80);
    expect(rasterOf(bytes)).toBeNull();
    expect(bytes.includes(Buffer.from('HNR1:K7MP3Q9Q'))).toBe(true);
  });

  it('reads low bit depths and undoes row filters', () => {
    const img = decodePng(oneBitPng())!;
    const row = [255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255];
    expect(Array.from(img.gray)).toEqual([...row, ...row]);
    expect(decodePng(Buffer.from('not a png'))).toBeNull();
  });
});
