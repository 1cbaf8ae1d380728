import { z } from 'zod';
import { defineOp } from './define.js';

/** What the staff console shows under 系统设置 → 市级数据同步 (同步状态). */
export interface SyncStatusView {
  enrolled: boolean;
  hubUrl: string | null;
  centerName: string | null;
  enrolledAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  backlog: number;
  /** A full re-snapshot is queued and not yet confirmed by the city. */
  resnapshotPending: boolean;
}

export const syncOperations = {
  'sync.status': defineOp<SyncStatusView>()({
    summary: 'The center’s city sync: enrolled or not, last success, rows waiting, the last error in Chinese.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'sync.enrol': defineOp<SyncStatusView>()({
    summary: 'Enrols this center with the city hub using the one-time code the city made; queues a first copy of the data.',
    input: z
      .object({
        hubUrl: z
          .string()
          .trim()
          .max(200, 'hubUrl')
          .regex(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, 'hubUrl'),
        code: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9]{4}(-?[A-Za-z0-9]{4}){3}$/, 'enrolCode'),
      })
      .strict(),
    role: 'admin',
    errors: ['SYNC_HUB_UNREACHABLE', 'SYNC_CODE_REFUSED', 'SYNC_ALREADY_ENROLLED'],
  }),
  'sync.resnapshot': defineOp<SyncStatusView & { queued: number }>()({
    summary: 'Queues every row the city copies again (a full re-snapshot), for a city restored from an old backup; the city upserts them and drops what this center no longer has.',
    input: z.object({}).strict(),
    role: 'admin',
    errors: ['SYNC_NOT_ENROLLED', 'SYNC_RESNAPSHOT_PENDING'],
  }),
  'sync.recognise': defineOp<{ seasons: number | null }>()({
    summary: 'How many seasons this resident stayed at the city’s other centers (a count only; null when the city cannot be asked).',
    input: z.object({ residentId: z.number().int().positive() }).strict(),
    role: 'staff',
  }),
} as const;
