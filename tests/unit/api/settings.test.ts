import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../db/audit.js';
import type { ApiEvent } from '../../../db/api/contract/index.js';
import { adminToken, fails, ok, tempApi } from '../../helpers/tempDb.js';

describe('settings', () => {
  it('gives every screen the public settings with their defaults, and nothing private', async () => {
    const { api } = tempApi();
    const pub = await ok(api, 'settings.public');
    expect(pub).toEqual({ 'center.name': '候鸟驿站服务中心', 'center.hotline': '12345', 'kiosk.idleSeconds': 60, 'staff.idleMinutes': 30, 'suggestions.onDisplay': false });
    expect(pub).not.toHaveProperty('lan.enabled');
  });

  it('lets the manager change the center name; open screens get the change pushed; it is audit logged', async () => {
    const { api, db } = tempApi();
    const token = await adminToken(api);
    const events: ApiEvent[] = [];
    api.events.subscribe((e) => events.push(e));
    const all = await ok(api, 'settings.update', { values: { 'center.name': '  龙口市东莱街道党群服务中心 ', 'center.hotline': '0535-000 8888' } }, token);
    expect(all['center.name']).toBe('龙口市东莱街道党群服务中心');
    expect(events).toEqual([
      {
        type: 'settings.changed',
        settings: {
          'center.name': '龙口市东莱街道党群服务中心',
          'center.hotline': '0535-000 8888',
          'kiosk.idleSeconds': 60,
          'staff.idleMinutes': 30,
          'suggestions.onDisplay': false,
        },
      },
    ]);
    expect((await ok(api, 'settings.public'))['center.name']).toBe('龙口市东莱街道党群服务中心');
    const audit = listAudit(db);
    expect(audit[0]).toMatchObject({ action: 'settings.update', detail: { 'center.name': '龙口市东莱街道党群服务中心' } });
  });

  it('refuses bad values with a Chinese message per field and changes nothing, not even the good ones', async () => {
    const { api } = tempApi();
    const token = await adminToken(api);
    const events: ApiEvent[] = [];
    api.events.subscribe((e) => events.push(e));
    const error = await fails(api, 'settings.update', { values: { 'center.name': '新名字', 'center.hotline': 'abc', 'kiosk.idleSeconds': 5 } }, token);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('填写的内容有误，请按提示修改后再试。');
    expect(error.fields).toEqual([
      expect.objectContaining({ path: 'values.center.hotline', zh: expect.stringContaining('服务热线') }),
      expect.objectContaining({ path: 'values.kiosk.idleSeconds', zh: expect.stringContaining('15 到 600') }),
    ]);
    expect((await ok(api, 'settings.public'))['center.name']).toBe('候鸟驿站服务中心');
    expect(events).toEqual([]);
  });

  it('refuses unknown setting keys and non-object input', async () => {
    const { api } = tempApi();
    const token = await adminToken(api);
    expect((await fails(api, 'settings.update', { values: { 'center.color': 'red' } }, token)).code).toBe('VALIDATION_FAILED');
    expect((await fails(api, 'settings.update', 'hello', token)).code).toBe('VALIDATION_FAILED');
    expect((await fails(api, 'settings.update', null, token)).code).toBe('VALIDATION_FAILED');
    expect((await fails(api, 'settings.update', [1, 2], token)).code).toBe('VALIDATION_FAILED');
  });

  it('does not push an event when a save changes nothing', async () => {
    const { api } = tempApi();
    const token = await adminToken(api);
    const events: ApiEvent[] = [];
    api.events.subscribe((e) => events.push(e));
    await ok(api, 'settings.update', { values: { 'kiosk.idleSeconds': 60, 'staff.idleMinutes': 30 } }, token);
    expect(events).toEqual([]);
  });

  it('keeps settings changes away from callers without a manager session', async () => {
    const { api } = tempApi();
    const adminTok = await adminToken(api);
    await ok(api, 'staff.create', { name: '李晓梅', pin: '2468', role: 'staff' }, adminTok);
    const { accounts } = await ok(api, 'staff.status');
    const staffId = accounts.find((a: { name: string }) => a.name === '李晓梅').id;
    const staffTok = (await ok(api, 'staff.login', { staffId, pin: '2468' })).token;
    expect((await fails(api, 'settings.update', { values: { 'center.name': 'x' } })).code).toBe('UNAUTHENTICATED');
    expect((await fails(api, 'settings.update', { values: { 'center.name': 'x' } }, 'forged-token')).code).toBe('UNAUTHENTICATED');
    expect((await fails(api, 'settings.update', { values: { 'center.name': 'x' } }, staffTok)).code).toBe('FORBIDDEN');
    expect((await fails(api, 'settings.all', {}, staffTok)).code).toBe('FORBIDDEN');
  });
});

describe('backup on demand', () => {
  it('lets the manager write a backup that opens and holds the data; it is audit logged', async () => {
    const { api, db, dir } = tempApi();
    const token = await adminToken(api);
    await ok(api, 'settings.update', { values: { 'center.name': '备份测试中心' } }, token);
    const { file } = await ok(api, 'system.backupNow', {}, token);
    // The backup is encrypted (issue 12.20): opened with this data folder's key.
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { decryptBackup } = await import('../../../db/backup.js');
    const { idKeyProviderFor } = await import('../../../db/residents/idNumbers.js');
    writeFileSync(`${dir}/opened.db`, decryptBackup(readFileSync(file), idKeyProviderFor(dir)()));
    const Database = (await import('better-sqlite3')).default;
    const copy = new Database(`${dir}/opened.db`, { readonly: true });
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'center.name'").get()).toEqual({ value: '"备份测试中心"' });
    copy.close();
    expect(listAudit(db)[0]).toMatchObject({ action: 'system.backup', subject: file });
    expect((await fails(api, 'system.backupNow')).code).toBe('UNAUTHENTICATED');
  });
});
