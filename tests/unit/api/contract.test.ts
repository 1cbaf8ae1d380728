import { describe, expect, it } from 'vitest';
import { contract, operationNames } from '../../../db/api/contract/index.js';
import { handlers } from '../../../db/api/handlers/index.js';
import { errorCatalog, fieldMessageCatalog } from '../../../db/errors/index.js';
import { fails, tempApi } from '../../helpers/tempDb.js';
import en from '../../../renderer/i18n/en.js';
import zhCN from '../../../renderer/i18n/zh-CN.js';

function keysOf(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('the API contract', () => {
  it('has exactly one handler for every operation', () => {
    expect(Object.keys(handlers).sort()).toEqual([...operationNames].sort());
  });

  it('names only error codes that have messages in both languages', () => {
    for (const name of operationNames) {
      for (const code of contract[name].errors) expect(errorCatalog).toHaveProperty(code);
    }
    for (const entry of [...Object.values(errorCatalog), ...Object.values(fieldMessageCatalog)]) {
      expect(entry.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.en).toMatch(/^[\x20-\x7e…]+$/);
    }
  });

  it('answers an unknown operation with a code, not a crash', async () => {
    const { api } = tempApi();
    expect((await fails(api, 'residents.dropTable')).code).toBe('UNKNOWN_OPERATION');
    expect((await fails(api, '__proto__')).code).toBe('UNKNOWN_OPERATION');
  });

  it('hides internal failures behind INTERNAL with a message a person can act on', async () => {
    const { api, db } = tempApi();
    db.close();
    const error = await fails(api, 'settings.public');
    expect(error).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('请稍后再试') });
  });

  it('has the English screen texts complete: the same keys as Chinese, none empty', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
    for (const k of keysOf(en)) expect(k.split('.').reduce<any>((o, p) => o[p], en)).not.toBe('');
  });
});
