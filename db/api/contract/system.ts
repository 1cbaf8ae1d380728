import { z } from 'zod';
import { defineOp } from './define.js';

export const systemOperations = {
  'system.backupNow': defineOp<{ file: string; at: string }>()({
    summary: 'Copy the live database to the backups folder now (online backup), keeping the newest copies.',
    input: z.object({}).strict(),
    role: 'admin',
    errors: ['BACKUP_FAILED'],
  }),
} as const;
