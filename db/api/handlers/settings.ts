import { recordAudit } from '../../audit.js';
import { readPublicSettings, readSettings, writeSettings } from '../../settings.js';
import type { settingsOperations } from '../contract/settings.js';
import { requireSession, type Handlers } from './types.js';

export const settingsHandlers: Handlers<keyof typeof settingsOperations> = {
  'settings.public': ({ db }) => readPublicSettings(db),
  'settings.all': ({ db }) => readSettings(db),
  'settings.update': (ctx, { values }) => {
    const { db } = ctx;
    const staff = requireSession(ctx).staff;
    const changed = db.transaction(() => {
      const keys = writeSettings(db, values, ctx.now);
      if (keys.length) {
        recordAudit(db, { staffId: staff.id, action: 'settings.update', detail: Object.fromEntries(keys.map((k) => [k, values[k]])) }, ctx.now);
      }
      return keys;
    })();
    if (changed.length) ctx.emit({ type: 'settings.changed', settings: readPublicSettings(db) });
    return readSettings(db);
  },
};
