import type { ApiEvent } from './events.js';
import type { ApiResult } from './index.js';

/** The name under which the Electron preload exposes the bridge on `window`. */
export const BRIDGE_KEY = 'houniao';

/** IPC channel names: the preload and the main process use exactly these and no others. */
export const IPC_CHANNELS = { call: 'api:call', event: 'api:event' } as const;

/** What the preload puts on window.houniao: the API and its events, nothing else. */
export interface KioskBridge {
  call(operation: string, input: unknown, token?: string): Promise<ApiResult>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}
