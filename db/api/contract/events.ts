import type { PrintJobState } from './printing.js';
import type { PublicSettings } from './settings.js';
import type { CallView } from '../../queue/types.js';

/**
 * Everything the host pushes to open screens, over IPC (webContents.send) or the LAN WebSocket.
 * Issues add their event types to this union.
 */
export type ApiEvent =
  | { type: 'settings.changed'; settings: PublicSettings }
  /** A print job changed state (queued → printing → done | failed). */
  | { type: 'print.job'; job: PrintJobState }
  /** 叫号 / 重呼: the calling display shows and speaks it (issue 5). */
  | { type: 'queue.called'; call: CallView }
  /** Lines or counters changed (ticket taken, finished, counter paused…): screens reload their counts. */
  | { type: 'queue.changed' }
  /** A LAN terminal was revoked: the server closes its event socket (issue 5). */
  | { type: 'terminal.revoked'; terminalId: number }
  /** Something was lent, returned, added or retired: 可借物资 and the loan lists reload (issue 6). */
  | { type: 'loans.changed' }
  | { type: 'activities.changed' };

export type ApiEventType = ApiEvent['type'];
