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

describe('打印记录 for a staff member and 打印设置 (issue 12.14)', () => {
  it('a staff member (not the manager) sees the log in the center’s time and the layout previews, with no manager-only call', async () => {
    const { api, token } = await apiWith({ kind: 'none' });
    // The center is in Urumqi time (UTC+6); this PC may be in any zone.
    await ok(api, 'settings.update', { values: { 'queue.timezone': 'Asia/Urumqi' } }, token);
    const clerk = await ok(api, 'staff.create', { name: '小李', pin: '246810', role: 'staff' }, token);
    const { jobId } = api.print.submit({ jobType: 'ticket', layoutId: 'test', data: { qr: 'A001', target: 't' } });
    await api.print.whenSettled(jobId, 5000);
    const refused: string[] = [];
    const watched = Object.create(api) as typeof api;
    watched.call = async (operation, input, options) => {
      const r = await api.call(operation, input, options);
      if (!r.ok && (r.error.code === 'FORBIDDEN' || r.error.code === 'UNAUTHENTICATED') && operation !== 'staff.me') refused.push(operation);
      return r;
    };
    const { mountAt } = await import('../helpers/mountScreen.js');
    const { wrapper } = await mountAt(watched, '/staff/print-jobs');
    await settle();
    await wrapper.get(`[data-testid="account-${clerk.id}"]`).trigger('click');
    await wrapper.get('[data-testid="pin-input"]').setValue('246810');
    await wrapper.get('[data-testid="pin-gate"]').trigger('submit');
    await settle();
    expect(refused).toEqual([]);
    const row = wrapper.get(`[data-testid="print-job-${jobId}"]`);
    const [recorded] = await ok(api, 'printing.jobs', { status: 'all', limit: 5 }, token);
    const urumqi = new Date(recorded.createdAt).toLocaleString('zh-CN', {
      timeZone: 'Asia/Urumqi',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    expect(row.text()).toContain(urumqi);
    // The layouts to preview are there for staff too, and a preview opens.
    await wrapper.get('[data-testid="layout-preview-serviceCard"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="print-preview"]').text()).toContain('服务卡');
    expect(refused).toEqual([]);
    wrapper.unmount();
  });

  it('a PDF target for 服务卡 asks for no receipt width, and its test message does not say to check the printer for paper', async () => {
    const { api, dir } = await apiWith({ kind: 'none' });
    const { wrapper } = await mountSignedIn(api, '/staff/print-settings');
    await settle();
    await wrapper.get('[data-testid="target-serviceCard-kind"]').setValue('pdf');
    await wrapper.get('[data-testid="target-serviceCard-folder"]').setValue(dir);
    expect(wrapper.find('[data-testid="target-serviceCard-width"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="target-serviceCard-paper"]').text()).toContain('CR80');
    await wrapper.get('[data-testid="target-ticket-kind"]').setValue('pdf');
    expect(wrapper.find('[data-testid="target-ticket-width"]').exists()).toBe(true); // a ticket is a receipt
    await wrapper.get('[data-testid="test-page-serviceCard"]').trigger('click');
    await expect.poll(async () => (await settle(), wrapper.find('[data-testid="test-result-serviceCard"]').exists()), { timeout: 30_000 }).toBe(true);
    const message = wrapper.get('[data-testid="test-result-serviceCard"]').text();
    expect(message).toContain('PDF');
    expect(message).not.toContain('出纸');
    wrapper.unmount();
  });
});
