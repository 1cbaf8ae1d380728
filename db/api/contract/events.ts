import type { PrintJobState } from './printing.js';
import type { PublicSettings } from './settings.js';

/**
 * Everything the host pushes to open screens, over IPC (webContents.send) or the LAN WebSocket.
 * Issues add their event types to this union.
 */
export type ApiEvent =
  | { type: 'settings.changed'; settings: PublicSettings }
  /** A print job changed state (queued → printing → done | failed). */
  | { type: 'print.job'; job: PrintJobState };

export type ApiEventType = ApiEvent['type'];
