import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../db/printing/escpos.js';
import { testPageLayout } from '../../../db/printing/layouts/testPage.js';
import { sendEscpos } from '../../../db/printing/targets/escposTcp.js';
import { PrintError } from '../../../db/printing/errors.js';
import { deadPort, fakePrinter } from './helpers.js';

const ctx = { center: { name: '莆田市荔城区党群服务中心', hotline: '0594-1234567' }, now: new Date('2026-11-22T08:00:00Z'), timeZone: 'Asia/Shanghai' };
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** Finds GS ( k fn 80 (store) and returns its payload. */
function qrPayloads(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let i = 0; i + 8 < bytes.length; i++) {
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x28 && bytes[i + 2] === 0x6b && bytes[i + 5] === 0x31 && bytes[i + 6] === 0x50 && bytes[i + 7] === 0x30) {
      const len = bytes[i + 3]! + bytes[i + 4]! * 256 - 3;
      out.push(bytes.subarray(i + 8, i + 8 + len).toString('utf8'));
    }
  }
  return out;
}

describe('ESC/POS over TCP', () => {
  it('sends the test page as GB18030 text, the native QR command with the exact payload, and a cut', async () => {
    const printer = await fakePrinter();
    closers.push(printer.close);
    const doc = testPageLayout.render({ qr: 'HOUNIAO-TEST-42', target: '前台小票机' }, ctx);
    if (doc instanceof Promise || doc.kind !== 'receipt') throw new Error('test page is a receipt');
    await sendEscpos('127.0.0.1', printer.port, encodeReceipt(doc, 58), 2000);
    await new Promise((r) => setTimeout(r, 50));
    const bytes = printer.bytes();
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0x10, 0x04, 0x01])); // status query first
    expect(bytes.subarray(3, 5)).toEqual(Buffer.from([0x1b, 0x40])); // ESC @
    const text = iconv.decode(bytes, 'gb18030');
    expect(text).toContain('莆田市荔城区党群服务中心');
    expect(text).toContain('打印测试页');
    expect(text).toContain('中文显示正常：候鸟驿站欢迎您');
    expect(bytes.includes(iconv.encode('候鸟驿站', 'gb18030'))).toBe(true);
    expect(qrPayloads(bytes)).toEqual(['HOUNIAO-TEST-42']);
    expect(bytes.subarray(-4)).toEqual(Buffer.from([0x1d, 0x56, 0x42, 0x03])); // GS V cut
  });

  it('fails with a readable reason when the printer refuses the connection', async () => {
    const port = await deadPort();
    const err = await sendEscpos('127.0.0.1', port, Buffer.from('x'), 2000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrintError);
    expect((err as Error).message).toBe(`无法连接打印机 127.0.0.1:${port}，请检查打印机电源和网线。`);
  });

  it('fails within the timeout when the printer accepts and never reads', async () => {
    const printer = await fakePrinter('silent');
    closers.push(printer.close);
    const started = Date.now();
    const err = await sendEscpos('127.0.0.1', printer.port, Buffer.alloc(1000), 800).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2500);
    expect((err as Error).message).toContain('已连接但没有响应');
  });
});
