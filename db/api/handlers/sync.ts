import { recordAudit } from '../../audit.js';
import { ApiError } from '../../errors/index.js';
import { idKeyProviderFor } from '../../residents/idNumbers.js';
import { otherCenterSeasons } from '../../sync/recognise.js';
import { backlog, queueResnapshot, readSyncState, resnapshotPending, saveEnrolment, type Enrolment } from '../../sync/state.js';
import type { CallContext, Handlers } from './types.js';
import { requireSession } from './types.js';
import type { SyncStatusView } from '../contract/sync.js';

function view(ctx: CallContext): SyncStatusView {
  const s = readSyncState(ctx.db);
  return {
    enrolled: s.enabled,
    hubUrl: s.hubUrl,
    centerName: s.centerName,
    enrolledAt: s.enrolledAt,
    lastSuccessAt: s.lastSuccessAt,
    lastError: s.lastError,
    backlog: backlog(ctx.db),
    resnapshotPending: resnapshotPending(ctx.db),
  };
}

export const syncHandlers: Handlers<'sync.status' | 'sync.enrol' | 'sync.recognise' | 'sync.resnapshot'> = {
  'sync.resnapshot': (ctx) => {
    const staff = requireSession(ctx).staff;
    if (!readSyncState(ctx.db).enabled) throw new ApiError('SYNC_NOT_ENROLLED');
    const queued = queueResnapshot(ctx.db);
    if (queued === null) throw new ApiError('SYNC_RESNAPSHOT_PENDING');
    recordAudit(ctx.db, { staffId: staff.id, action: 'sync.resnapshot', subject: readSyncState(ctx.db).hubUrl ?? '', detail: { queued } }, ctx.now);
    return { ...view(ctx), queued };
  },
  'sync.recognise': async (ctx, input) => ({ seasons: await otherCenterSeasons(ctx.db, input.residentId, idKeyProviderFor(ctx.dataDir)) }),
  'sync.status': (ctx) => view(ctx),
  'sync.enrol': async (ctx, input) => {
    const staff = requireSession(ctx).staff;
    const state = readSyncState(ctx.db);
    if (state.enabled) throw new ApiError('SYNC_ALREADY_ENROLLED', { center: state.centerName ?? '' });
    const hub = input.hubUrl.replace(/\/$/, '');
    let answer: { ok: boolean; data?: Enrolment; error?: { message?: string } };
    try {
      const res = await fetch(`${hub}/api/enrol`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: input.code.toUpperCase() }),
        signal: AbortSignal.timeout(10_000),
      });
      answer = (await res.json()) as typeof answer;
    } catch {
      throw new ApiError('SYNC_HUB_UNREACHABLE', { hub });
    }
    if (!answer.ok || !answer.data) throw new ApiError('SYNC_CODE_REFUSED', { reason: answer.error?.message ?? '' });
    const queued = saveEnrolment(ctx.db, hub, answer.data, ctx.now);
    recordAudit(ctx.db, { staffId: staff.id, action: 'sync.enrol', subject: hub, detail: { centerId: answer.data.centerId, queued } }, ctx.now);
    return view(ctx);
  },
};
