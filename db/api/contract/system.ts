import { z } from 'zod';
import { defineOp } from './define.js';

export const systemOperations = {
  'system.backupNow': defineOp<{ file: string; at: string }>()({
    summary: 'Write an encrypted, self-contained backup now (online backup), keeping the newest copies and none older than 14 days.',
    input: z.object({}).strict(),
    role: 'admin',
    errors: ['BACKUP_FAILED'],
  }),
  'system.keyStatus': defineOp<{ lastExportedAt: string | null; backupsEncrypted: boolean }>()({
    summary: 'When the recovery code of the ID-number key was last exported (null: never).',
    input: z.object({}).strict(),
    role: 'admin',
  }),
  'system.exportIdKey': defineOp<{ code: string; fileName: string; fileText: string; previouslyExportedAt: string | null }>()({
    summary: 'The recovery code of the ID-number key (it also opens the backups), to print or save once and lock away; audit logged.',
    input: z.object({}).strict(),
    role: 'admin',
    errors: ['ID_KEY_SEALED'],
  }),
} as const;
