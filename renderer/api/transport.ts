import type { ApiEvent, ApiResult } from '../../db/api/contract/index.js';

/** How the client reaches the host: IPC inside Electron, HTTP + WebSocket over the LAN. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  call(operation: string, input: unknown, token?: string): Promise<ApiResult>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Called after the event channel came back from an outage: screens reload what they show. */
  onReconnect(listener: () => void): () => void;
}
