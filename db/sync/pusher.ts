import type { Db } from '../connection.js';
import type { KeyProvider } from '../residents/idNumbers.js';
import { centerTimeZone } from '../localTime.js';
import { readSetting } from '../settings.js';
import { cityClient } from './connect.js';
import { residentKeyOf } from './residentKey.js';
import { backlog, queueResnapshot, readSyncState, type SyncState } from './state.js';

/**
 * The pusher: sends the outbox to the city's PostgreSQL in batches by seq. Each batch is one
 * PostgreSQL transaction (city.ingest: events kept once, projections moved forward by seq, the city's
 * cursor advanced); the pusher always resumes from the city's cursor, never from its own memory, so a
 * crash between the city's COMMIT and the local acknowledgement sends nothing twice that counts.
 * It never holds a SQLite transaction across a network wait, and the kiosk never waits for it.
 */
export interface PusherOptions {
  db: Db;
  /** Opens sealed ID numbers for the resident key; null = only phone-keyed residents get a key. */
  idKey: KeyProvider | null;
  batchSize?: number;
  /** Confirmed rows are kept this long (a replay after a city restore resends them), then pruned. */
  keepConfirmedDays?: number;
  /** Override where to connect (tests put a fault-injecting proxy in between). */
  connectTo?: (state: SyncState) => { host: string; port: number };
  log?: (line: string) => void;
  /** Timeouts: connecting, and any one query (a half-open connection must not hang the pusher). */
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  /**
   * Fault-injection seam for the crash test: runs after the city's COMMIT, before the local
   * acknowledgement (the test's child process kills itself here). Never set in the app.
   */
  afterCommit?: (cursor: number) => void;
}

export interface PushResult {
  sent: number;
  batches: number;
  cursor: number;
}

interface OutboxRow {
  seq: number;
  entity: string;
  entity_id: number;
  op: string;
  payload: string;
}

/** A reason a person at the desk can read (Chinese), from whatever went wrong. */
export function syncErrorText(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND') return '连接不上市级平台的数据库，请检查网络。';
  if (code === 'ECONNRESET' || code === 'EPIPE' || /terminat|Connection terminated/i.test(e?.message ?? '')) return '与市级平台的连接中断，稍后会自动重试。';
  if (/timeout/i.test(e?.message ?? '') || code === 'ETIMEDOUT') return '市级平台响应超时，稍后会自动重试。';
  if (code === '28P01' || code === '28000') return '市级平台拒绝了本站点的账号，请联系市级平台重新配置。';
  if (code === '42501') return '本站点在市级平台上没有写入权限，请联系市级平台。';
  if (code === '57P01' || code === '57P03') return '市级平台的数据库正在重启，稍后会自动重试。';
  return `同步没有成功（${code || e?.message || '未知错误'}），稍后会自动重试。`;
}

export class SyncPusher {
  private readonly db: Db;
  private readonly opts: Required<Omit<PusherOptions, 'connectTo' | 'idKey' | 'db' | 'afterCommit'>> & Pick<PusherOptions, 'connectTo' | 'idKey' | 'afterCommit'>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  private failures = 0;

  constructor(options: PusherOptions) {
    this.db = options.db;
    this.opts = {
      batchSize: 1000,
      keepConfirmedDays: 7,
      log: () => {},
      connectTimeoutMs: 5_000,
      queryTimeoutMs: 15_000,
      ...options,
    };
  }

  /** One round: connect, resume from the city's cursor, send until the outbox is empty. */
  async pushOnce(): Promise<PushResult> {
    const state = readSyncState(this.db);
    if (!state.enabled || !state.pg || !state.cityKey) return { sent: 0, batches: 0, cursor: state.serverCursor };
    const cityKey = state.cityKey;
    const client = cityClient(state, {
      target: this.opts.connectTo?.(state),
      connectTimeoutMs: this.opts.connectTimeoutMs,
      queryTimeoutMs: this.opts.queryTimeoutMs,
      log: this.opts.log,
    });
    const now = () => new Date().toISOString();
    this.db.prepare('UPDATE sync_state SET last_attempt_at = ? WHERE id = 1').run(now());
    let sent = 0;
    let batches = 0;
    try {
      await client.connect();
      await reportCalendar(client, centerTimeZone(this.db), readSetting(this.db, 'reports.season').start);
      if (await resnapshotWanted(client)) {
        const queued = queueResnapshot(this.db);
        if (queued !== null) this.opts.log(`sync: the city asked for a full re-snapshot; ${queued} rows queued`);
      }
      let cursor = Number((await client.query<{ c: string }>('SELECT city.cursor() AS c')).rows[0]!.c);
      this.confirm(cursor, state.serverCursor);
      let confirmedUpTo = cursor;
      const read = this.db.prepare('SELECT seq, entity, entity_id, op, payload FROM sync_outbox WHERE seq > ? ORDER BY seq LIMIT ?');
      for (;;) {
        const rows = read.all(cursor, this.opts.batchSize) as OutboxRow[];
        if (rows.length === 0) break;
        const batch = rows.map((r) => {
          const payload = JSON.parse(r.payload) as Record<string, unknown>;
          if (r.entity === 'resident' && r.op === 'upsert') payload.resident_key = residentKeyOf(this.db, r.entity_id, cityKey, this.opts.idKey);
          return { seq: r.seq, entity: r.entity, entity_id: r.entity_id, op: r.op, payload };
        });
        await client.query('BEGIN');
        try {
          const result = await client.query<{ c: string }>('SELECT city.ingest($1::jsonb) AS c', [JSON.stringify(batch)]);
          await client.query('COMMIT');
          cursor = Number(result.rows[0]!.c);
          this.opts.afterCommit?.(cursor);
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        }
        sent += rows.length;
        batches += 1;
        this.confirm(cursor, confirmedUpTo);
        confirmedUpTo = cursor;
      }
      this.db.prepare('UPDATE sync_state SET last_success_at = ?, last_error = NULL WHERE id = 1').run(now());
      this.prune();
      this.failures = 0;
      return { sent, batches, cursor };
    } catch (err) {
      this.failures += 1;
      const text = syncErrorText(err);
      this.db.prepare('UPDATE sync_state SET last_error = ? WHERE id = 1').run(text);
      this.opts.log(`sync: ${text} (${(err as Error).message})`);
      throw err;
    } finally {
      await client.end().catch(() => {});
    }
  }

  /**
   * Records the city's cursor: rows up to it are confirmed. A cursor behind the last one the city
   * reported means the city went back (a restore, a forced replay): those rows are sent again.
   */
  private confirm(cursor: number, previous: number): void {
    this.db.transaction(() => {
      if (cursor < previous) {
        this.opts.log(`sync: the city's cursor went back from ${previous} to ${cursor}; resending from there`);
        this.db.prepare('UPDATE sync_outbox SET confirmed_at = NULL WHERE seq > ?').run(cursor);
      }
      // Only the rows between the last cursor we knew and this one: the 7 days of confirmed rows kept
      // for a replay are not scanned again on every batch.
      this.db
        .prepare('UPDATE sync_outbox SET confirmed_at = ? WHERE seq > ? AND seq <= ? AND confirmed_at IS NULL')
        .run(new Date().toISOString(), Math.min(previous, cursor), cursor);
      this.db.prepare('UPDATE sync_state SET server_cursor = ? WHERE id = 1').run(cursor);
    })();
  }

  private prune(): void {
    pruneOutbox(this.db, new Date(Date.now() - this.opts.keepConfirmedDays * 86_400_000));
  }

  /** Runs rounds in the background: every few seconds while idle, backing off (to 60 s) on failures. */
  start(idleMs = 5_000): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.pushOnce()
        .catch(() => {})
        .finally(() => {
          this.running = null;
          if (this.stopped) return;
          const wait = this.failures ? Math.min(60_000, 1_000 * 2 ** Math.min(this.failures - 1, 6)) : idleMs;
          this.timer = setTimeout(tick, wait);
          this.timer.unref();
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  status(): { state: SyncState; backlog: number } {
    return { state: readSyncState(this.db), backlog: backlog(this.db) };
  }
}

/**
 * Deletes rows the city confirmed before `before` — except the newest row, which the trigger
 * sync_outbox_keep_newest never lets go: seq is max + 1 (migration 21), so the top row keeps every
 * seq the city has seen from being handed out again.
 */
export function pruneOutbox(db: Db, before: Date): number {
  return db.prepare('DELETE FROM sync_outbox WHERE confirmed_at IS NOT NULL AND confirmed_at < ?').run(before.toISOString()).changes;
}

/**
 * Tells the city which zone this center counts its days in (city migration 4) and when its season
 * begins (city migration 7), so the city cuts per-day and weekly figures on the center's own days and
 * counts a resident's seasons on the center's own calendar. A city not yet upgraded lacks the
 * functions: the round goes on (its figures stay on Asia/Shanghai days and 10-01 seasons until the hub
 * is updated); so does a zone the city's PostgreSQL does not know.
 */
async function reportCalendar(client: { query: (sql: string, params?: unknown[]) => Promise<unknown> }, timeZone: string, seasonStart: string): Promise<void> {
  for (const [sql, value] of [
    ['SELECT city.set_time_zone($1)', timeZone],
    ['SELECT city.set_season_start($1)', seasonStart],
  ] as const) {
    try {
      await client.query(sql, [value]);
    } catch (err) {
      // 42883: no such function (an older hub); 22023: a zone this PostgreSQL does not know. Neither
      // may stop the center's rows from reaching the city.
      const code = (err as { code?: string }).code;
      if (code !== '42883' && code !== '22023') throw err;
    }
  }
}

/** Whether the city wants every row again (city migration 5); false from a hub without the function. */
async function resnapshotWanted(client: { query: (sql: string) => Promise<unknown> }): Promise<boolean> {
  try {
    const r = (await client.query('SELECT city.resnapshot_wanted() AS w')) as { rows: Array<{ w: boolean }> };
    return r.rows[0]?.w === true;
  } catch (err) {
    if ((err as { code?: string }).code === '42883') return false;
    throw err;
  }
}
