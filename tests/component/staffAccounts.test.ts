import { describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { listAudit } from '../../db/audit.js';
import { useStaffSessionStore } from '../../renderer/stores/staffSession.js';
import { adminToken, fails, ok, tempApi } from '../helpers/tempDb.js';
import { mountAt, mountSignedIn, settle } from '../helpers/mountScreen.js';

async function confirmDialog(wrapper: VueWrapper): Promise<void> {
  await settle();
  await wrapper.get('[data-testid="action-dialog"] form').trigger('submit');
  await settle();
}

describe('账号管理 (the staff accounts page)', () => {
  it('adds an account, makes a second manager, and disables nothing that would leave no manager', async () => {
    const { api, db } = tempApi();
    await adminToken(api);
    const { wrapper } = await mountSignedIn(api, '/staff/accounts');
    await settle();
    const page = () => wrapper.get('[data-testid="accounts-page"]');
    expect(page().text()).toContain('管理员（您本人）');
    // The only manager: the buttons that would remove the last manager are off and say why.
    expect(wrapper.get('[data-testid="account-disable-1"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="account-staff-1"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="account-why-1"]').text()).toBe('最后一位在用的管理员，不能停用或改为工作人员。');

    // Add 李晓梅 without a PIN: she chooses one at her first sign-in.
    await wrapper.get('[data-testid="account-name"]').setValue('李晓梅');
    await wrapper.get('[data-testid="account-add"]').trigger('submit');
    await settle();
    expect(wrapper.get('[data-testid="accounts-note"]').text()).toBe('已添加“李晓梅”。');
    const row = wrapper.get('[data-testid="account-row-2"]');
    expect(row.text()).toContain('工作人员');
    expect(row.text()).toContain('待本人设置新密码');
    expect(row.text()).toContain('从未登录');

    await wrapper.get('[data-testid="account-admin-2"]').trigger('click');
    await confirmDialog(wrapper);
    expect(wrapper.get('[data-testid="account-row-2"] [data-testid="account-role"]').text()).toBe('管理员');
    // Two managers now: the first may be disabled.
    expect(wrapper.get('[data-testid="account-disable-1"]').attributes('disabled')).toBeUndefined();
    await wrapper.get('[data-testid="account-disable-2"]').trigger('click');
    await confirmDialog(wrapper);
    expect(wrapper.get('[data-testid="account-row-2"] [data-testid="account-state"]').text()).toContain('已停用');
    expect(wrapper.get('[data-testid="account-disable-1"]').attributes('disabled')).toBeDefined();
    expect(listAudit(db).map((a) => a.action)).toEqual(expect.arrayContaining(['staff.create', 'staff.update']));
    wrapper.unmount();
  });

  it('signs the manager out after making themselves staff (their session carried the old role)', async () => {
    const { api } = tempApi();
    const admin = await adminToken(api);
    // 赵 sorts after 管理员, so the PIN screen still offers 管理员 first.
    await ok(api, 'staff.create', { name: '赵主任', pin: '1357', role: 'admin' }, admin);
    const { wrapper } = await mountSignedIn(api, '/staff/accounts');
    await settle();
    await wrapper.get('[data-testid="account-staff-1"]').trigger('click');
    await confirmDialog(wrapper);
    expect(useStaffSessionStore().staff).toBeNull();
    expect(wrapper.find('[data-testid="pin-gate"]').exists()).toBe(true);
    expect((await ok(api, 'staff.login', { staffId: 1, pin: '135790' })).staff.role).toBe('staff');
    wrapper.unmount();
  });

  it('lists failed sign-ins with where they came from, and shows a new recovery code once', async () => {
    const { api } = tempApi();
    const admin = await adminToken(api);
    const { code } = await ok(api, 'terminals.createCode', { role: 'counter', name: '2号窗口' }, admin);
    const counter = { remote: { terminalToken: (await ok(api, 'terminals.pair', { code })).token as string, address: '192.168.1.50' } };
    await api.call('staff.login', { staffId: 1, pin: '000000' }, counter);
    const { wrapper } = await mountSignedIn(api, '/staff/accounts');
    await settle();
    expect(wrapper.get('[data-testid="signin-failures"]').text()).toContain('终端“2号窗口”');
    expect(wrapper.get('[data-testid="signin-failures"]').text()).toContain('密码错误');

    await wrapper.get('[data-testid="recovery-make"]').trigger('click');
    await confirmDialog(wrapper);
    const shown = wrapper.get('[data-testid="recovery-code"]').text();
    expect(shown).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    // Only this shown code opens the account now.
    await wrapper.get('[data-testid="recovery-done"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="recovery-notice"]').exists()).toBe(false);
    expect((await ok(api, 'staff.recover', { staffId: 1, code: shown, pin: '2468' })).staff.id).toBe(1);
    wrapper.unmount();
  });
});

describe('the PIN screen', () => {
  it('lets a locked-out manager back in with the recovery code, then shows the next code once', async () => {
    const { api } = tempApi();
    const setup = await ok(api, 'staff.setup', { name: '王站长', pin: '135790' });
    for (let i = 0; i < 5; i++) await fails(api, 'staff.login', { staffId: setup.staff.id, pin: '000000' });
    const { wrapper } = await mountAt(api, '/staff');
    await settle();
    await wrapper.get('[data-testid="pin-input"]').setValue('135790');
    await wrapper.get('[data-testid="pin-gate"]').trigger('submit');
    await settle();
    expect(wrapper.get('[data-testid="error-notice"]').text()).toContain('密码错误次数过多');

    await wrapper.get('[data-testid="pin-forgot"]').trigger('click');
    expect(wrapper.get('h1').text()).toBe('用恢复码登录');
    await wrapper.get('[data-testid="recovery-input"]').setValue(setup.recoveryCode);
    await wrapper.get('[data-testid="pin-input"]').setValue('8642');
    await wrapper.get('[data-testid="pin-again"]').setValue('8643');
    await wrapper.get('[data-testid="pin-gate"]').trigger('submit');
    await settle();
    expect(wrapper.get('.mismatch').text()).toBe('两次输入的密码不一致，请重新输入。');
    await wrapper.get('[data-testid="pin-input"]').setValue('8642');
    await wrapper.get('[data-testid="pin-again"]').setValue('8642');
    await wrapper.get('[data-testid="pin-gate"]').trigger('submit');
    await settle();
    expect(useStaffSessionStore().staff?.name).toBe('王站长');
    const next = wrapper.get('[data-testid="recovery-code"]').text();
    expect(next).not.toBe(setup.recoveryCode);
    // The code is not kept in the tab's storage, only on screen.
    expect(JSON.stringify(sessionStorage)).not.toContain(next);
    expect((await ok(api, 'staff.login', { staffId: setup.staff.id, pin: '8642' })).staff.name).toBe('王站长');
    expect((await fails(api, 'staff.recover', { staffId: setup.staff.id, code: setup.recoveryCode, pin: '1111' })).code).toBe('RECOVERY_CODE_WRONG');
    wrapper.unmount();
  });

  it('asks a person whose PIN the manager reset to choose a new one', async () => {
    const { api } = tempApi();
    const admin = await adminToken(api);
    const li = await ok(api, 'staff.create', { name: '李晓梅', pin: '2468', role: 'staff' }, admin);
    await ok(api, 'staff.resetPin', { id: li.id }, admin);
    const { wrapper } = await mountAt(api, '/staff');
    await settle();
    expect(wrapper.get(`[data-testid="account-${li.id}"]`).text()).toContain('待设新密码');
    // Staff have no recovery code: the link is for managers only.
    await wrapper.get(`[data-testid="account-${li.id}"]`).trigger('click');
    expect(wrapper.find('[data-testid="pin-forgot"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="choose-hint"]').text()).toContain('管理员已重置“李晓梅”的密码');
    await wrapper.get('[data-testid="pin-input"]').setValue('9753');
    await wrapper.get('[data-testid="pin-again"]').setValue('9753');
    await wrapper.get('[data-testid="pin-gate"]').trigger('submit');
    await settle();
    expect(useStaffSessionStore().staff?.name).toBe('李晓梅');
    expect((await ok(api, 'staff.login', { staffId: li.id, pin: '9753' })).staff.id).toBe(li.id);
    wrapper.unmount();
  });
});

describe('终端配对 (the terminals page)', () => {
  it('shows wrong pairing codes with their address and a code stopped by guessing', async () => {
    const { api } = tempApi();
    const admin = await adminToken(api);
    await ok(api, 'terminals.createCode', { role: 'kiosk', name: '门口自助机' }, admin);
    for (let i = 0; i < 5; i++) await api.call('terminals.pair', { code: String(100000 + i) }, { remote: { terminalToken: null, address: `192.168.1.${60 + i}` } });
    const { wrapper } = await mountSignedIn(api, '/staff/terminals');
    await settle();
    expect(wrapper.get('[data-testid="pairing-codes"]').text()).toContain('“门口自助机”（自助机）：已因输错 5 次作废，请重新生成配对码');
    const failures = wrapper.get('[data-testid="pairing-failures"]').text();
    for (let i = 0; i < 5; i++) expect(failures).toContain(`网络地址 192.168.1.${60 + i}`);
    // A new code is live and untouched.
    await wrapper.get('[data-testid="terminal-create"]').trigger('click');
    // The QR is drawn before the list reloads: wait for the list, not for a number of ticks.
    await vi.waitFor(() => expect(wrapper.get('[data-testid="pairing-codes"]').text()).toContain('已输错 0 次，输错 5 次后作废'), { timeout: 5000 });
    wrapper.unmount();
  });
});
