import type { Db } from '../../connection.js';
import { recordAudit } from '../../audit.js';
import { rotateBackup } from '../../backup.js';
import { backupDir } from '../../paths.js';
import { idKeyProviderFor, recoveryCode } from '../../residents/idNumbers.js';
import { ApiError } from '../../errors/index.js';
import type { systemOperations } from '../contract/system.js';
import { requireSession, type Handlers } from './types.js';

export const systemHandlers: Handlers<keyof typeof systemOperations> = {
  'system.backupNow': async (ctx) => {
    const staff = requireSession(ctx).staff;
    let file: string;
    try {
      file = await rotateBackup(ctx.db, backupDir(ctx.dataDir), { key: idKeyProviderFor(ctx.dataDir), now: ctx.now });
    } catch (err) {
      throw new ApiError('BACKUP_FAILED', { reason: err instanceof Error ? err.message : String(err) });
    }
    recordAudit(ctx.db, { staffId: staff.id, action: 'system.backup', subject: file }, ctx.now);
    return { file, at: ctx.now.toISOString() };
  },

  'system.keyStatus': ({ db }) => ({ lastExportedAt: lastKeyExport(db), backupsEncrypted: true }),

  'system.exportIdKey': (ctx) => {
    const staff = requireSession(ctx).staff;
    const code = recoveryCode(idKeyProviderFor(ctx.dataDir)());
    const previous = lastKeyExport(ctx.db);
    // Who saw the code and when; never the code itself.
    recordAudit(ctx.db, { staffId: staff.id, action: 'system.exportIdKey', detail: { by: staff.name } }, ctx.now);
    const fileText = [
      '候鸟驿站 身份证号密钥恢复码 / 候鸟驿站 ID-number key recovery code',
      '',
      code,
      '',
      `导出时间 / Exported: ${ctx.now.toISOString()}  导出人 / By: ${staff.name}`,
      '用途：更换电脑或重装后，用它读出已登记的身份证号并打开备份（npm run restore）。请锁好，不要与电脑或备份放在一起。',
      'Use: after replacing or reinstalling the computer, it reads the stored ID numbers and opens the backups (npm run restore). Lock it away, not with the computer or the backups.',
      '',
    ].join('\r\n');
    return { code, fileName: 'houniao-recovery-code.txt', fileText, previouslyExportedAt: previous };
  },
};

function lastKeyExport(db: Db): string | null {
  const row = db.prepare("SELECT at FROM audit_log WHERE action = 'system.exportIdKey' ORDER BY id DESC LIMIT 1").get() as { at: string } | undefined;
  return row?.at ?? null;
}
