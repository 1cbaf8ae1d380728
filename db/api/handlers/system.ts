import { recordAudit } from '../../audit.js';
import { rotateBackup } from '../../backup.js';
import { backupDir } from '../../paths.js';
import { ApiError } from '../../errors/index.js';
import type { systemOperations } from '../contract/system.js';
import { requireSession, type Handlers } from './types.js';

export const systemHandlers: Handlers<keyof typeof systemOperations> = {
  'system.backupNow': async (ctx) => {
    const staff = requireSession(ctx).staff;
    let file: string;
    try {
      file = await rotateBackup(ctx.db, backupDir(ctx.dataDir), 14, ctx.now);
    } catch (err) {
      throw new ApiError('BACKUP_FAILED', { reason: err instanceof Error ? err.message : String(err) });
    }
    recordAudit(ctx.db, { staffId: staff.id, action: 'system.backup', subject: file }, ctx.now);
    return { file, at: ctx.now.toISOString() };
  },
};
