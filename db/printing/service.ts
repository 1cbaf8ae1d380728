import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import type { ApiEvent } from '../api/contract/events.js';
import { defaultPrintTargets, type PrintJobState, type PrintTargetConfig } from '../api/contract/printing.js';
import { readSettings } from '../settings.js';
import { createServePrintEngines } from './engines/serve.js';
import type { PrintEngines } from './engines/types.js';
import { PrintError, reasonOf } from './errors.js';
import { failInterruptedJobs, pruneOldJobs, getJob, insertJob, markDone, markFailed, markPrinting, markQueued, stateOf, isErasedJob } from './jobs.js';
import { getLayout } from './layouts/index.js';
import { createTarget, describeTarget } from './targets/index.js';
import type { LayoutContext, PrintDocument, PrintRequest, SubmittedJob } from './types.js';

export interface PrintServiceOptions {
  db: Db;
  dataDir: string;
  emit(event: ApiEvent): void;
  /** Electron injects its own (electron/printing/); serve mode and tests get Chromium + CUPS. */
  engines?: PrintEngines;
  /** Network printer connect/status/send timeout. */
  timeoutMs?: number;
  clock?: () => Date;
}

export interface PrintService {
  /**
   * Records the job (inside the caller's transaction, if any) and returns at once; printing runs
   * in the background and its outcome arrives as a `print.job` event.
   */
  submit(req: PrintRequest, target?: PrintTargetConfig): SubmittedJob;
  retry(id: number): PrintJobState;
  reprint(id: number, target: PrintTargetConfig): SubmittedJob;
  /** Resolves with the job once it is done or failed (or as it stands after `timeoutMs`). */
  whenSettled(id: number, timeoutMs?: number): Promise<PrintJobState>;
  render(layoutId: string, data: unknown): Promise<PrintDocument>;
  readonly engines: PrintEngines;
  close(): Promise<void>;
}

export function createPrintService({ db, dataDir, emit, engines = createServePrintEngines(), timeoutMs = 5000, clock = () => new Date() }: PrintServiceOptions): PrintService {
  /** One chain per physical printer: jobs for it run in order; a dead printer holds only its own chain. */
  const chains = new Map<string, Promise<void>>();
  const waiters = new Map<number, Array<(s: PrintJobState) => void>>();
  let closed = false;

  failInterruptedJobs(db, clock());
  pruneOldJobs(db, clock());
  // The host runs for weeks: prune again now and then, when something is printed.
  let lastPrune = clock().getTime();
  function pruneNowAndThen(): void {
    const now = clock();
    if (now.getTime() - lastPrune < 3600_000) return;
    lastPrune = now.getTime();
    pruneOldJobs(db, now);
  }

  function targetFor(jobType: string, override: PrintTargetConfig | null): PrintTargetConfig {
    if (override) return override;
    const all = readSettings(db)['printing.targets'] ?? defaultPrintTargets;
    return (all as Record<string, PrintTargetConfig>)[jobType] ?? { kind: 'none' };
  }

  function layoutContext(): LayoutContext {
    const s = readSettings(db);
    return { center: { name: s['center.name'], hotline: s['center.hotline'], contactQrDataUrl: s['center.contactQr'] || null }, now: clock(), timeZone: s['queue.timezone'] };
  }

  async function render(layoutId: string, data: unknown): Promise<PrintDocument> {
    const layout = getLayout(layoutId);
    if (!layout) throw new ApiError('PRINT_LAYOUT_UNKNOWN', { layout: layoutId });
    return layout.render(data, layoutContext());
  }

  function publish(id: number): void {
    const job = getJob(db, id);
    if (!job) return;
    const state = stateOf(job);
    emit({ type: 'print.job', job: state });
    if (state.status === 'done' || state.status === 'failed') {
      for (const resolve of waiters.get(id) ?? []) resolve(state);
      waiters.delete(id);
    }
  }

  function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
    let timer: NodeJS.Timeout;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PrintError(message)), ms);
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  }

  /** The host (or a test) may close the database while a job waits: then there is nothing left to do. */
  const alive = () => !closed && db.open;

  async function runJob(id: number, config: PrintTargetConfig): Promise<void> {
    if (!alive()) return;
    const job = getJob(db, id);
    if (!job || job.status !== 'queued') return;
    const target = createTarget(config, { engines, dataDir, timeoutMs });
    markPrinting(db, id, target.label, clock());
    publish(id);
    try {
      const doc = await render(job.layoutId, job.data);
      // A last guard, whatever the adapter does: a job never holds its printer's queue for long.
      await withDeadline(target.print(doc, { jobId: id, layoutId: job.layoutId }), Math.max(30_000, timeoutMs * 4), `${target.label} 长时间没有完成打印，请检查打印机后重试。`);
      if (!alive()) return;
      markDone(db, id, clock());
    } catch (err) {
      const reason = err instanceof ApiError ? `无法排版这张单据（${err.code}），请联系技术人员。` : reasonOf(err);
      if (!alive()) return;
      markFailed(db, id, reason, clock());
    }
    if (alive()) publish(id);
  }

  /** Queues a job behind others for the same printer. Runs after the current call's transaction committed. */
  function schedule(id: number): void {
    setImmediate(() => {
      if (!alive()) return;
      const job = getJob(db, id);
      if (!job) return; // the caller's transaction rolled back: nothing to print
      const config = targetFor(job.jobType, job.targetOverride);
      const key = createTarget(config, { engines, dataDir, timeoutMs }).key;
      const next = (chains.get(key) ?? Promise.resolve()).then(() => runJob(id, config)).catch((err: unknown) => console.error('[printing] job', id, err));
      chains.set(key, next);
      void next.finally(() => {
        if (chains.get(key) === next) chains.delete(key);
      });
    });
  }

  function submit(req: PrintRequest, override?: PrintTargetConfig): SubmittedJob {
    if (!getLayout(req.layoutId)) throw new ApiError('PRINT_LAYOUT_UNKNOWN', { layout: req.layoutId });
    const target = describeTarget(targetFor(req.jobType, override ?? null));
    pruneNowAndThen();
    const jobId = insertJob(db, req, target, override ?? null, clock());
    schedule(jobId);
    return { jobId };
  }

  return {
    submit,
    retry(id) {
      const job = getJob(db, id);
      if (!job) throw new ApiError('NOT_FOUND');
      if (job.status !== 'failed') throw new ApiError('PRINT_NOT_RETRYABLE');
      if (isErasedJob(job)) throw new ApiError('PRINT_JOB_ERASED');
      markQueued(db, id, clock());
      schedule(id);
      return stateOf(getJob(db, id)!);
    },
    reprint(id, target) {
      const job = getJob(db, id);
      if (!job) throw new ApiError('NOT_FOUND');
      if (isErasedJob(job)) throw new ApiError('PRINT_JOB_ERASED');
      return submit({ jobType: job.jobType as PrintRequest['jobType'], layoutId: job.layoutId, data: job.data }, target);
    },
    whenSettled(id, waitMs = 60_000) {
      const job = getJob(db, id);
      if (!job) return Promise.reject(new ApiError('NOT_FOUND'));
      if (job.status === 'done' || job.status === 'failed') return Promise.resolve(stateOf(job));
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(stateOf(getJob(db, id)!)), waitMs);
        const list = waiters.get(id) ?? [];
        list.push((s) => {
          clearTimeout(timer);
          resolve(s);
        });
        waiters.set(id, list);
      });
    },
    render,
    engines,
    async close() {
      closed = true;
      await engines.close();
    },
  };
}
