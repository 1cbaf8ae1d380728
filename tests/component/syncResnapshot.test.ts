import { describe, expect, it } from 'vitest';
import { adminToken, tempApi } from '../helpers/tempDb.js';
import { mountSignedIn, settle, settleImports } from '../helpers/mountScreen.js';
import { saveEnrolment } from '../../db/sync/state.js';

/** 系统设置 → 市级数据同步 → 重新发送全部数据: asked first, queued once, then held until it has gone. */
describe('重新发送全部数据', () => {
  it('the manager confirms, sees how many rows were queued, and cannot start a second one while the first is waiting', async () => {
    const { api, db } = tempApi();
    await adminToken(api);
    saveEnrolment(db, 'http://127.0.0.1:9', {
      centerId: 1,
      centerName: '测试站点',
      pg: { host: '127.0.0.1', port: 9, database: 'x', user: 'center_1', password: 'x' },
      cityKey: '00'.repeat(32),
    });
    const at = '2026-11-01T02:00:00.000Z';
    db.prepare("INSERT INTO residents (card_no, name, created_at, updated_at, last_seen_at) VALUES ('C0000001', '某', ?, ?, ?)").run(at, at, at);
    // Everything so far confirmed by the city, as after a normal round.
    db.prepare("UPDATE sync_outbox SET confirmed_at = '2026-11-01T03:00:00.000Z'").run();
    const { wrapper } = await mountSignedIn(api, '/staff/settings');
    await settleImports();
    await settle(20);
    const button = () => wrapper.get('[data-testid="sync-resnapshot"]');
    expect(button().attributes('disabled')).toBeUndefined();
    await button().trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="action-dialog"]').text()).toContain('要把本站点的全部统计数据重新发送给市级平台吗');
    // Cancel changes nothing.
    await wrapper.get('[data-testid="action-dialog-cancel"]').trigger('click');
    await settle(10);
    expect(db.prepare("SELECT count(*) FROM sync_outbox WHERE entity = 'snapshot'").pluck().get()).toBe(0);
    await button().trigger('click');
    await settle();
    await wrapper.get('[data-testid="action-dialog-confirm"]').trigger('click');
    await settle(20);
    expect(wrapper.get('[data-testid="sync-resnapshot-notice"]').text()).toBe('已排队 2 条，正在后台发送。');
    expect(wrapper.get('[data-testid="sync-backlog"]').text()).toBe('2 条');
    expect(button().attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('正在重新发送全部数据，发完之前不能再次发送。');
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'sync.resnapshot'").pluck().get()).toBe(1);
    wrapper.unmount();
  }, 60_000);
});
