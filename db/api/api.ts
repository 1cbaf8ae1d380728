import type { Db } from '../connection.js';
import { ApiError } from '../errors/index.js';
import { contract, isOperationName, type ApiResult, type OperationName } from './contract/index.js';
import type { Role } from './contract/define.js';
import { EventHub } from './eventHub.js';
import { handlers } from './handlers/index.js';
import type { CallContext, Handler } from './handlers/types.js';
import { SessionStore, type Session } from './sessions.js';
import { parseInput } from './validate.js';
import { checkTerminalAccess } from '../terminals/access.js';
import { terminalByToken, type Caller } from '../terminals/terminals.js';
import { createPrintService, type PrintService } from '../printing/service.js';
import type { PrintEngines } from '../printing/engines/types.js';

export interface CallOptions {
  /** The staff session token the caller holds, if any. */
  token?: string;
  /**
   * Set by the LAN server for requests that do not come from the host itself: the terminal token
   * the client sent (null when none). Absent = the host (IPC, loopback, tests): no pairing needed.
   * `address` is the client's network address (the socket peer): the guessing limits of pairing
   * and sign-in count per paired terminal, or per address for an unpaired client.
   */
  remote?: { terminalToken: string | null; address?: string | null };
}

export interface Api {
  readonly db: Db;
  readonly events: EventHub;
  readonly sessions: SessionStore;
  /** The print queue: handlers submit through ctx.print; the host closes it (its PDF browser) on exit. */
  readonly print: PrintService;
  /** Validates, checks the caller's role, runs the operation. Never throws: errors come back as values. */
  call(operation: string, input: unknown, options?: CallOptions): Promise<ApiResult>;
}

export interface ApiOptions {
  db: Db;
  /** The data folder: backups are written below it. */
  dataDir: string;
  clock?: () => Date;
  sessions?: SessionStore;
  /** Printing: Electron's engines (electron/printing/) or, by default, Chromium + CUPS; network printer timeout. */
  printing?: { engines?: PrintEngines; timeoutMs?: number };
}

/** The host itself, a paired terminal, or an unpaired LAN client. */
export function identify(db: Db, remote: CallOptions['remote']): Caller {
  if (!remote) return { kind: 'host' };
  const terminal = terminalByToken(db, remote.terminalToken);
  const address = remote.address ?? null;
  return terminal ? { kind: 'terminal', terminal, address } : { kind: 'unpaired', address };
}

function allows(role: Role, session: Session | null): boolean {
  if (role === 'public') return true;
  if (!session) return false;
  return role === 'staff' || session.staff.role === 'admin';
}

/**
 * The one place operations run, whatever transport brought them: IPC and HTTP adapters call this
 * and nothing else. Business rules live in the handlers and db modules it reaches.
 */
export function createApi({ db, dataDir, clock = () => new Date(), sessions = new SessionStore(), printing = {} }: ApiOptions): Api {
  const events = new EventHub();
  const print = createPrintService({ db, dataDir, emit: (e) => events.emit(e), clock, ...printing });
  return {
    db,
    events,
    sessions,
    print,
    async call(operation, rawInput, options = {}) {
      try {
        if (!isOperationName(operation)) throw new ApiError('UNKNOWN_OPERATION', { operation: String(operation) });
        const def = contract[operation];
        const now = clock();
        const caller = identify(db, options.remote);
        checkTerminalAccess(caller, operation, def.role);
        const session = sessions.get(options.token, now.getTime());
        if (!allows(def.role, session)) throw new ApiError(session ? 'FORBIDDEN' : 'UNAUTHENTICATED');
        const input = parseInput(def.input, rawInput);
        const ctx: CallContext = { db, dataDir, session, sessions, now, emit: (e) => events.emit(e), print, caller };
        const handler = handlers[operation] as Handler<OperationName>;
        const data = await handler(ctx, input as never);
        return { ok: true, data };
      } catch (err) {
        if (err instanceof ApiError) return { ok: false, error: err.toBody() };
        console.error(`[api] ${operation} failed`, err);
        return { ok: false, error: new ApiError('INTERNAL').toBody() };
      }
    },
  };
}
