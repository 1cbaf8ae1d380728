import { describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit.js';
import { idKeyProviderFor, parseRecoveryCode } from '../../db/residents/idNumbers.js';
import { adminToken, ok, tempApi } from '../helpers/tempDb.js';
import { mountSignedIn, settle } from '../helpers/mountScreen.js';

describe('系统设置: the ID key recovery code and retention held back (issues 13.11, 12.18)', () => {
  it('says the code was never exported, shows it on a tap (the real key), audits it, then shows when', async () => {
    const { api, db, dir } = tempApi();
    await adminToken(api);
    const { wrapper } = await mountSignedIn(api, '/staff/settings');
    await settle();
    expect(wrapper.find('[data-testid="recovery-never"]').text()).toContain('还没有导出过恢复码');
    await wrapper.find('[data-testid="recovery-show"]').trigger('click');
    await settle();
    const code = wrapper.find('[data-testid="recovery-code"]').text();
    expect(parseRecoveryCode(code)).toEqual(idKeyProviderFor(dir)());
    expect(wrapper.find('[data-testid="recovery-last"]').text()).toContain('上次导出');
    expect(listAudit(db)[0]).toMatchObject({ action: 'system.exportIdKey', staffId: 1 });
    expect(JSON.stringify(listAudit(db))).not.toContain(code);
    await wrapper.find('[data-testid="recovery-hide"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="recovery-code"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('lists the residents retention held back because of an open loan and its deposit', async () => {
    const { api, db } = tempApi();
    const token = await adminToken(api);
    const cat = await ok(api, 'inventory.createCategory', { name: '轮椅', kind: 'equipment', tagPrefix: 'LY', loanMinutes: 1440, depositFen: 20000 }, token);
    const { units } = await ok(api, 'inventory.addUnits', { categoryId: cat.id, count: 1, printLabels: false }, token);
    const reg = await ok(api, 'residents.kiosk.register', {
      consent: { version: '2026-1', accepted: true },
      resident: { name: '王秀兰', phone: '13900005555', birthYear: 1956, originProvince: '黑龙江省', originCity: '伊春市', lodgingKind: 'other' },
    });
    await ok(api, 'residents.kiosk.checkOut', { card: reg.qrPayload });
    const [hit] = await ok(api, 'residents.search', { q: reg.qrPayload }, token);
    await ok(api, 'loans.checkout', { residentId: hit.id, unitId: units[0].id, depositFen: 20000, depositMethod: 'cash', print: false }, token);
    const old = '2020-01-01T00:00:00.000Z';
    db.prepare('UPDATE residents SET last_seen_at = ?').run(old);
    db.prepare('UPDATE stays SET arrived_at = ?, departed_at = ?').run(old, old);
    db.prepare('UPDATE loans SET out_at = ?, due_at = ?').run(old, old);
    const { wrapper } = await mountSignedIn(api, '/staff/settings');
    await settle();
    await wrapper.find('[data-testid="retention-run"]').trigger('click');
    await settle();
    const held = wrapper.find('[data-testid="retention-held"]').text();
    expect(held).toContain('1 位居民已超过保存期限');
    expect(held).toContain('王秀兰');
    expect(held).toContain('押金 200.00 元');
    expect((db.prepare('SELECT status FROM residents').get() as { status: string }).status).toBe('active');
    wrapper.unmount();
  });
});
