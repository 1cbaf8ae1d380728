import { describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { listAudit } from '../../db/audit.js';
import { addResident, loanDesk } from '../unit/loans/fixtures.js';
import { adminToken, tempApi } from '../helpers/tempDb.js';
import { mountSignedIn, settle } from '../helpers/mountScreen.js';

/** Answers the staff console's dialog: a reason when one is asked for, then the confirm button. */
async function answer(wrapper: VueWrapper, reason: string | null): Promise<void> {
  const dialog = wrapper.get('[data-testid="action-dialog"]');
  if (reason === null) {
    await dialog.get('[data-testid="action-dialog-cancel"]').trigger('click');
  } else {
    expect(dialog.get('[data-testid="action-dialog-confirm"]').attributes('disabled')).toBeDefined(); // no reason yet
    await dialog.get('[data-testid="action-dialog-reason"]').setValue(reason);
    await dialog.get('form').trigger('submit');
  }
  await settle();
}

describe('the staff action dialog', () => {
  it('deleting personal data asks in the page for a reason; cancel changes nothing, confirm is audited', async () => {
    const { api, db } = tempApi();
    await adminToken(api);
    const r = addResident(db, '张建国');
    const { wrapper } = await mountSignedIn(api, `/staff/residents/${r.id}`);
    await wrapper.get('[data-testid="p-anonymise"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="action-dialog"]').text()).toContain('删除 张建国 的个人信息');
    await answer(wrapper, null);
    expect(wrapper.find('[data-testid="action-dialog"]').exists()).toBe(false);
    expect((db.prepare('SELECT name FROM residents WHERE id = ?').get(r.id) as { name: string | null }).name).toBe('张建国');

    await wrapper.get('[data-testid="p-anonymise"]').trigger('click');
    await settle();
    await answer(wrapper, '本人来电要求删除');
    expect((db.prepare('SELECT name FROM residents WHERE id = ?').get(r.id) as { name: string | null }).name).toBeNull();
    expect(listAudit(db).find((a) => a.action === 'residents.anonymise')).toBeTruthy();
    wrapper.unmount();
  });

  it('merging names the other resident before anything moves, and says so when the card matches nobody', async () => {
    const { api, db } = tempApi();
    await adminToken(api);
    const dup = addResident(db, '李秀英');
    const keep = addResident(db, '李秀英');
    const { wrapper } = await mountSignedIn(api, `/staff/residents/${dup.id}`);
    await wrapper.get('[data-testid="p-merge-card"]').setValue('ZZZZZZZZ');
    await wrapper.get('[data-testid="p-merge"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="action-dialog"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('没有找到唯一的另一位居民');

    await wrapper.get('[data-testid="p-merge-card"]').setValue(keep.cardNo);
    await wrapper.get('[data-testid="p-merge"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="action-dialog"]').text()).toContain(`卡号 ${keep.cardNo.slice(0, 4)} ${keep.cardNo.slice(4)}`);
    await answer(wrapper, '同一人登记了两次');
    expect((db.prepare('SELECT status FROM residents WHERE id = ?').get(dup.id) as { status: string }).status).toBe('merged');
    wrapper.unmount();
  });

  it('retiring a wheelchair asks for the reason in the page and records it', async () => {
    const { api, db, units } = await loanDesk({ units: 1 });
    const { wrapper } = await mountSignedIn(api, '/staff/inventory');
    const row = `[data-testid="unit-${units[0]!.assetTag}"]`;
    await wrapper.get(`${row} [data-testid="unit-retire"]`).trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="action-dialog"]').text()).toContain(`报废 ${units[0]!.assetTag}`);
    await answer(wrapper, '车架断裂');
    expect(wrapper.get(row).attributes('data-state')).toBe('retired');
    expect(JSON.stringify(listAudit(db)[0])).toContain('车架断裂');
    wrapper.unmount();
  });
});
