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
  /** 办结 at a counter: its 评价器 shows the five buttons for this ticket (issue 17.5). No personal data. */
  | { type: 'rating.ready'; ticketId: number; code: string; serviceName: string; serviceNameEn: string; counterId: number; finishedAt: string }
  /** A rating was given or a follow-up marked: the staff ratings page reloads. */
  | { type: 'ratings.changed' }
  /** A 金点子 came in or changed: staff lists and the kiosk's adopted list reload (issue 17.6). */
  | { type: 'suggestions.changed' }
  /** A LAN terminal was revoked: the server closes its event socket (issue 5). */
  | { type: 'terminal.revoked'; terminalId: number }
  /** Something was lent, returned, added or retired: 可借物资 and the loan lists reload (issue 6). */
  | { type: 'loans.changed' }
  | { type: 'activities.changed' };

export type ApiEventType = ApiEvent['type'];
