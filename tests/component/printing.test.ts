import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../renderer/api/client.js';
import { apiKey } from '../../renderer/api/index.js';
import PrintStatus from '../../renderer/components/PrintStatus.vue';
import { createAppI18n } from '../../renderer/i18n/index.js';
import type { PrintTargetInput } from '../../db/api/contract/printing.js';
import { adminToken, ok, tempApi } from '../helpers/tempDb.js';
import { inProcessTransport } from '../helpers/inProcessTransport.js';
import { mountSignedIn } from '../helpers/mountScreen.js';
import { deadPort, fakePrinter } from '../unit/printing/helpers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await flushPromises();
}

async function apiWith(ticket: PrintTargetInput) {
  const t = tempApi({ printing: { timeoutMs: 800 } });
  closers.push(() => t.api.print.close());
  const token = await adminToken(t.api);
  const none = { kind: 'none' } as const;
  await ok(t.api, 'settings.update', { values: { 'printing.targets': { ticket, loanSlip: none, serviceCard: none, assetLabel: none, report: none } } }, token);
  return { ...t, token };
}

function mountStatus(api: Parameters<typeof inProcessTransport>[0], jobId: number | null) {
  const client = createApiClient(inProcessTransport(api));
  return mount(PrintStatus, { props: { jobId }, global: { plugins: [createAppI18n()], provide: { [apiKey as symbol]: client } } });
}

describe('PrintStatus (kiosk)', () => {
  it('shows 正在打印… and then 请取走您的凭条 when the job is printed', async () => {
    const printer = await fakePrinter();
    closers.push(printer.close);
    const { api } = await apiWith({ kind: 'escpos', host: '127.0.0.1', port: printer.port });
    const { jobId } = api.print.submit({ jobType: 'ticket', layoutId: 'test', data: { qr: 'A001', target: 't' } });
    const wrapper = mountStatus(api, jobId);
    expect(wrapper.text()).toBe('正在打印…');
    await api.print.whenSettled(jobId, 5000);
    await settle();
    expect(wrapper.get('[data-testid="print-status"]').attributes('data-status')).toBe('done');
    expect(wrapper.text()).toBe('请取走您的凭条');
    wrapper.unmount();
  });

  it('shows the calm front-desk message when the printer is dead, even if that was decided before mount', async () => {
    const { api } = await apiWith({ kind: 'escpos', host: '127.0.0.1', port: await deadPort() });
    const { jobId } = api.print.submit({ jobType: 'ticket', layoutId: 'test', data: { qr: 'A001', target: 't' } });
    await api.print.whenSettled(jobId, 5000);
    const wrapper = mountStatus(api, jobId);
    await settle();
    expect(wrapper.text()).toBe('打印机暂时无法打印，请到服务台，工作人员会为您重新打印。');
    wrapper.unmount();
  });

  it('shows nothing without a job', () => {
    const { api } = tempApi();
    expect(mountStatus(api, null).text()).toBe('');
  });
});

describe('打印记录 (staff console)', () => {
  it('lists a failed job with its reason and retries it', async () => {
    const { api } = await apiWith({ kind: 'escpos', host: '127.0.0.1', port: await deadPort() });
    const { jobId } = api.print.submit({ jobType: 'ticket', layoutId: 'test', data: { qr: 'A001', target: 't' } });
    await api.print.whenSettled(jobId, 5000);
    const { wrapper } = await mountSignedIn(api, '/staff/print-jobs');
    const row = wrapper.get(`[data-testid="print-job-${jobId}"]`);
    expect(row.attributes('data-status')).toBe('failed');
    expect(row.get('[data-testid="print-job-reason"]').text()).toContain('无法连接打印机');
    await row.get('[data-testid="print-job-retry"]').trigger('click');
    await settle();
    await api.print.whenSettled(jobId, 5000);
    await settle();
    await new Promise((r) => setTimeout(r, 150)); // the page reloads its list shortly after a print.job event
    await settle();
    const again = wrapper.get(`[data-testid="print-job-${jobId}"]`);
    expect(again.attributes('data-status')).toBe('failed');
    expect(again.text()).toContain('×2');
    wrapper.unmount();
  });
});
