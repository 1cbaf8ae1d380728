import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintJobState } from '../../../db/api/contract/printing.js';
import { adminToken, ok, tempApi, tempDir } from '../../helpers/tempDb.js';
import { fakePrinter, inspectPdf } from './helpers.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** Stand-ins for CUPS' `lp` and `lpstat` on PATH: `lp` copies what it is given to a folder. */
function fakeCups(): { spool: string } {
  const bin = tempDir('houniao-cups-');
  const spool = tempDir('houniao-spool-');
  writeFileSync(
    join(bin, 'lp'),
    `#!/bin/sh\n[ "$1" = "-d" ] || exit 2\n[ "$2" = "Front_Desk_A4" ] || { echo "lp: The printer or class does not exist." >&2; exit 1; }\ncp "$3" "${spool}/$2.pdf"\necho "request id is $2-1 (1 file(s))"\n`,
  );
  writeFileSync(join(bin, 'lpstat'), `#!/bin/sh\ncase "$1" in -e) printf 'Front_Desk_A4\\nCard_Printer\\n';; -d) echo 'system default destination: Front_Desk_A4';; esac\n`);
  chmodSync(join(bin, 'lp'), 0o755);
  chmodSync(join(bin, 'lpstat'), 0o755);
  const oldPath = process.env.PATH;
  process.env.PATH = `${bin}:${oldPath}`;
  closers.push(() => {
    process.env.PATH = oldPath;
  });
  return { spool };
}

describe('the test page prints on every kind of target', () => {
  it('network ESC/POS, PDF file, system printer via CUPS; a wrong system printer and "none" fail readably', async () => {
    const { spool } = fakeCups();
    const { api, dir } = tempApi({ printing: { timeoutMs: 800 } });
    closers.push(() => api.print.close());
    const token = await adminToken(api);
    const printer = await fakePrinter();
    closers.push(printer.close);

    const setup = await ok(api, 'printing.setup', {}, token);
    expect(setup.printers).toEqual([
      { name: 'Front_Desk_A4', displayName: 'Front_Desk_A4', isDefault: true },
      { name: 'Card_Printer', displayName: 'Card_Printer', isDefault: false },
    ]);
    expect(setup.layouts.map((l: { id: string }) => l.id)).toContain('test');

    const run = (target: unknown) => ok<PrintJobState>(api, 'printing.testPage', { target }, token);
    expect((await run({ kind: 'escpos', host: '127.0.0.1', port: printer.port, width: 80 })).status).toBe('done');

    const pdf = await run({ kind: 'pdf', folder: '', receiptWidth: 58 });
    expect(pdf.status).toBe('done');
    const [file] = readdirSync(join(dir, 'prints'));
    const pdfInfo = inspectPdf(readFileSync(join(dir, 'prints', file!)), tempDir(), 'pdf-target');
    expect(pdfInfo.text).toContain('打印测试页');
    expect(pdfInfo.qr[0]).toMatch(/^HOUNIAO-TEST-\d+$/);

    const system = await run({ kind: 'system', deviceName: 'Front_Desk_A4', receiptWidth: 80 });
    expect(system).toMatchObject({ status: 'done', target: '系统打印机 Front_Desk_A4' });
    expect(existsSync(join(spool, 'Front_Desk_A4.pdf'))).toBe(true);
    const spooled = inspectPdf(readFileSync(join(spool, 'Front_Desk_A4.pdf')), tempDir(), 'system-target');
    expect(spooled.text).toContain('看到这张纸，说明打印机工作正常');

    const wrong = await run({ kind: 'system', deviceName: 'Gone' });
    expect(wrong.status).toBe('failed');
    expect(wrong.error).toBe('系统打印机“Gone”没有接受打印任务（lp: The printer or class does not exist.），请检查打印机名称和状态。');

    const none = await run({ kind: 'none' });
    expect(none.error).toBe('这类单据还没有选择打印机，请管理员在“打印设置”中选择后重试。');
  });

  it('a card layout sent to a receipt printer fails with a reason instead of printing garbage', async () => {
    const { api } = tempApi({ printing: { timeoutMs: 800 } });
    closers.push(() => api.print.close());
    const printer = await fakePrinter();
    closers.push(printer.close);
    const { jobId } = api.print.submit(
      { jobType: 'serviceCard', layoutId: 'test.card', data: { qr: 'X', target: 'y' } },
      { kind: 'escpos', host: '127.0.0.1', port: printer.port, width: 80 },
    );
    const state = await api.print.whenSettled(jobId, 5000);
    expect(state.error).toBe('这份单据是卡片格式，不能用小票打印机打印，请改用系统打印机或 PDF。');
    expect(printer.connections).toBe(0);
  });

  it('a job submitted in a transaction that rolls back is never printed', async () => {
    const { api, db } = tempApi({ printing: { timeoutMs: 800 } });
    closers.push(() => api.print.close());
    const printer = await fakePrinter();
    closers.push(printer.close);
    let id = 0;
    expect(() =>
      db.transaction(() => {
        id = api.print.submit({ jobType: 'ticket', layoutId: 'test', data: { qr: 'X', target: 'y' } }, { kind: 'escpos', host: '127.0.0.1', port: printer.port, width: 80 }).jobId;
        throw new Error('the ticket could not be issued');
      })(),
    ).toThrow('the ticket could not be issued');
    await new Promise((r) => setTimeout(r, 200));
    expect(id).toBeGreaterThan(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM print_jobs').get()).toEqual({ n: 0 });
    expect(printer.connections).toBe(0);
  });
});
