import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../db/api/api.js';
import type { ApiEvent } from '../../../db/api/contract/index.js';
import type { PrintJobState, PrintTargetInput } from '../../../db/api/contract/printing.js';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';
import { deadPort, fakePrinter } from './helpers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function setup(timeoutMs = 800) {
  const t = tempApi({ printing: { timeoutMs } });
  closers.push(() => t.api.print.close());
  const token = await adminToken(t.api);
  const events: ApiEvent[] = [];
  t.api.events.subscribe((e) => events.push(e));
  return { ...t, token, events };
}

async function useTargets(api: Api, token: string, targets: Partial<Record<string, PrintTargetInput>>) {
  const none = { kind: 'none' } as const;
  await ok(api, 'settings.update', { values: { 'printing.targets': { ticket: none, loanSlip: none, serviceCard: none, assetLabel: none, report: none, ...targets } } }, token);
}

const sampleTicket = { qr: 'T-20261122-A001', target: '取号小票' };

describe('the print service', () => {
  it('prints a submitted job on the job type’s network printer in the background and reports done', async () => {
    const { api, token, events } = await setup();
    const printer = await fakePrinter();
    closers.push(printer.close);
    await useTargets(api, token, { ticket: { kind: 'escpos', host: '127.0.0.1', port: printer.port, width: 58 } });

    const { jobId } = api.print.submit({ jobType: 'ticket', layoutId: 'test', data: sampleTicket });
    expect((await ok<PrintJobState>(api, 'printing.job', { id: jobId })).status).toBe('queued');
    const settled = await api.print.whenSettled(jobId, 5000);
    expect(settled).toMatchObject({ status: 'done', error: null, target: `网络打印机 127.0.0.1:${printer.port}（58mm）` });
    const statuses = events.filter((e): e is Extract<ApiEvent, { type: 'print.job' }> => e.type === 'print.job').map((e) => e.job.status);
    expect(statuses).toEqual(['printing', 'done']);
    // The public status op tells the kiosk how it went and nothing about the content.
    const state = await ok(api, 'printing.job', { id: jobId });
    expect(Object.keys(state).sort()).toEqual(['error', 'id', 'jobType', 'layoutId', 'status', 'target']);
    await expect.poll(() => printer.bytes().includes(Buffer.from('T-20261122-A001'))).toBe(true);
  });

  it('records a refused printer as a failed job with the reason, and prints it on retry once fixed', async () => {
    const { api, token } = await setup();
    const port = await deadPort();
    await useTargets(api, token, { ticket: { kind: 'escpos', host: '127.0.0.1', port } });
    const { jobId } = api.print.submit({ jobType: 'ticket', layoutId: 'test', data: sampleTicket });
    const failed = await api.print.whenSettled(jobId, 5000);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe(`无法连接打印机 127.0.0.1:${port}，请检查打印机电源和网线。`);
    const list = await ok(api, 'printing.jobs', { status: 'failed' }, token);
    expect(list.map((j: PrintJobState) => j.id)).toEqual([jobId]);
    expect(list[0].attempts).toBe(1);

    const printer = await fakePrinter();
    closers.push(printer.close);
    await useTargets(api, token, { ticket: { kind: 'escpos', host: '127.0.0.1', port: printer.port } });
    expect((await ok(api, 'printing.retry', { id: jobId }, token)).status).toBe('queued');
    const done = await api.print.whenSettled(jobId, 5000);
    expect(done.status).toBe('done');
    expect(await ok(api, 'printing.jobs', { status: 'failed' }, token)).toEqual([]);
    expect((await fails(api, 'printing.retry', { id: jobId }, token)).code).toBe('PRINT_NOT_RETRYABLE');
  });

  it('a wedged printer fails within its timeout, never blocks other job types, and the API stays responsive', async () => {
    const { api, token } = await setup(1000);
    const wedged = await fakePrinter('silent');
    const good = await fakePrinter();
    closers.push(wedged.close, good.close);
    await useTargets(api, token, {
      ticket: { kind: 'escpos', host: '127.0.0.1', port: wedged.port },
      loanSlip: { kind: 'escpos', host: '127.0.0.1', port: good.port },
    });
    const started = Date.now();
    const stuck = api.print.submit({ jobType: 'ticket', layoutId: 'test', data: sampleTicket });
    const slip = api.print.submit({ jobType: 'loanSlip', layoutId: 'test', data: sampleTicket });
    expect((await api.print.whenSettled(slip.jobId, 5000)).status).toBe('done');
    expect(Date.now() - started).toBeLessThan(900);
    const t0 = Date.now();
    await ok(api, 'settings.public');
    expect(Date.now() - t0).toBeLessThan(100);
    const failed = await api.print.whenSettled(stuck.jobId, 5000);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('已连接但没有响应');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a job type without a printer fails visibly, asking for 打印设置', async () => {
    const { api } = await setup();
    const { jobId } = api.print.submit({ jobType: 'serviceCard', layoutId: 'test.card', data: sampleTicket });
    const state = await api.print.whenSettled(jobId, 5000);
    expect(state).toMatchObject({ status: 'failed', target: '未设置打印机' });
    expect(state.error).toContain('打印设置');
  });

  it('reprints a job as a PDF file, masks ID numbers in what it stores, and previews and exports layouts', async () => {
    const { api, token, db, dir } = await setup();
    const { jobId } = api.print.submit({ jobType: 'ticket', layoutId: 'test', data: { qr: 'X1', target: '身份证 350102199001011234' } });
    await api.print.whenSettled(jobId, 5000);
    const stored = db.prepare('SELECT payload FROM print_jobs WHERE id = ?').get(jobId) as { payload: string };
    expect(stored.payload).not.toContain('350102199001011234');
    expect(stored.payload).toContain('3501**********1234');

    const again = await ok<PrintJobState>(api, 'printing.reprint', { id: jobId, target: { kind: 'pdf', folder: 'pdf-out', receiptWidth: 58 } }, token);
    expect(again.id).not.toBe(jobId);
    expect((await api.print.whenSettled(again.id, 30_000)).status).toBe('done');
    const files = readdirSync(join(dir, 'pdf-out'));
    expect(files).toEqual([`${String(again.id).padStart(6, '0')}-test.pdf`]);
    expect(
      readFileSync(join(dir, 'pdf-out', files[0]!))
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF');

    const preview = await ok(api, 'printing.preview', { jobId }, token);
    expect(preview.html).toContain('打印测试页');
    const sample = await ok(api, 'printing.preview', { layoutId: 'test.card' }, token);
    expect(sample).toMatchObject({ widthMm: 85.6, heightMm: 54 });
    const pdf = await ok(api, 'printing.pdf', { layoutId: 'test', receiptWidth: 58 }, token);
    expect(pdf.fileName).toBe('test.pdf');
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 4).toString()).toBe('%PDF');
    expect((await fails(api, 'printing.preview', { layoutId: 'nope' }, token)).code).toBe('PRINT_LAYOUT_UNKNOWN');
    expect(existsSync(join(dir, 'prints'))).toBe(false);
  });

  it('puts the center’s contact QR image from the settings on the service card', async () => {
    const { api, token } = await setup();
    const before = await ok(api, 'printing.preview', { layoutId: 'serviceCard' }, token);
    expect(before.html).not.toContain('加微信联系我们');
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    await ok(api, 'settings.update', { values: { 'center.contactQr': png } }, token);
    const after = await ok(api, 'printing.preview', { layoutId: 'serviceCard' }, token);
    expect(after.html).toContain('加微信联系我们');
    expect(after.html).toContain(png);
  });

  it('打印测试页 waits for the outcome and says why it failed; only a manager may send it', async () => {
    const { api, token } = await setup();
    const printer = await fakePrinter();
    closers.push(printer.close);
    expect(await ok(api, 'printing.testPage', { target: { kind: 'escpos', host: '127.0.0.1', port: printer.port } }, token)).toMatchObject({
      status: 'done',
      layoutId: 'test',
      jobType: 'test',
    });
    const port = await deadPort();
    const failed = await ok(api, 'printing.testPage', { target: { kind: 'escpos', host: '127.0.0.1', port } }, token);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('无法连接打印机');
    expect((await fails(api, 'printing.testPage', { target: { kind: 'escpos', host: '127.0.0.1', port } })).code).toBe('UNAUTHENTICATED');
    const bad = await fails(api, 'printing.testPage', { target: { kind: 'escpos', host: '192.168.1', port: 70000 } }, token);
    expect(bad.fields?.map((f) => f.key).sort()).toEqual(['printerHost', 'printerPort']);
  });

  it('after a restart, unfinished jobs become failed (never printed by surprise later)', async () => {
    const { api, db } = await setup();
    const { jobId } = api.print.submit({ jobType: 'ticket', layoutId: 'test', data: sampleTicket });
    db.prepare("UPDATE print_jobs SET status = 'printing' WHERE id = ?").run(jobId);
    const { createPrintService } = await import('../../../db/printing/service.js');
    const restarted = createPrintService({ db, dataDir: '/tmp', emit: () => undefined });
    closers.push(() => restarted.close());
    expect((await ok(api, 'printing.job', { id: jobId })).status).toBe('failed');
  });
});

describe('print job retention', () => {
  it('forgets finished jobs after 30 days (they hold names), keeping newer ones', async () => {
    let now = new Date('2026-01-01T08:00:00Z');
    const { api, db } = tempApi({ clock: () => now });
    closers.push(() => api.print.close());
    const old = api.print.submit({ jobType: 'ticket', layoutId: 'test', data: sampleTicket });
    await api.print.whenSettled(old.jobId, 5000);
    now = new Date('2026-02-15T08:00:00Z');
    const fresh = api.print.submit({ jobType: 'ticket', layoutId: 'test', data: sampleTicket });
    await api.print.whenSettled(fresh.jobId, 5000);
    expect(db.prepare('SELECT id FROM print_jobs').all()).toEqual([{ id: fresh.jobId }]);
  });
});
