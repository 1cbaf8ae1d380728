import type { Db } from '../../connection.js';
import type { ApiEvent } from '../contract/events.js';
import type { OperationName, OutputOf, ParsedInputOf } from '../contract/index.js';
import type { Session, SessionStore } from '../sessions.js';
import type { PrintService } from '../../printing/service.js';
import type { Caller } from '../../terminals/terminals.js';

export interface CallContext {
  db: Db;
  /** The host's data folder (backups live below it). */
  dataDir: string;
  /** The staff session the call came with, if any (always set for staff/admin operations). */
  session: Session | null;
  sessions: SessionStore;
  now: Date;
  emit(event: ApiEvent): void;
  /** Printing: `print.submit({ jobType, layoutId, data })` records the job and prints in the background. */
  print: PrintService;
  /** Who called over the LAN (issue 5, pairing); undefined = the host itself (IPC, tests). */
  caller?: Caller;
}

export type Handler<K extends OperationName> = (ctx: CallContext, input: ParsedInputOf<K>) => OutputOf<K> | Promise<OutputOf<K>>;

export type Handlers<K extends OperationName> = { [P in K]: Handler<P> };

/** For handlers of staff/admin operations: the session the dispatcher already checked. */
export function requireSession(ctx: CallContext): Session {
  if (!ctx.session) throw new Error('handler called without a session; the dispatcher checks roles first');
  return ctx.session;
}
