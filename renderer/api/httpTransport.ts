import type { ApiEvent, ApiResult } from '../../db/api/contract/index.js';
import { ApiError } from '../../db/errors/index.js';
import type { Transport } from './transport.js';

/** Where a paired LAN terminal keeps the token the host gave it (renderer/screens/pairing). */
export const TERMINAL_TOKEN_KEY = 'houniao.terminalToken';

function terminalToken(): string | null {
  try {
    return globalThis.localStorage?.getItem(TERMINAL_TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 5000;

/**
 * Over the LAN: operations as POST /api/call/<name>, events from one WebSocket that reconnects by
 * itself (the host may restart; the hall TV must come back without anyone touching it).
 */
export function createHttpTransport(baseUrl: string = window.location.origin): Transport {
  const eventListeners = new Set<(event: ApiEvent) => void>();
  const reconnectListeners = new Set<() => void>();
  let socket: WebSocket | null = null;
  let retryMs = RETRY_MIN_MS;
  let everOpened = false;

  function connect(): void {
    // baseUrl is the page's own origin.
    // eslint-disable-next-line no-restricted-syntax
    const url = new URL('/api/events', baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const terminal = terminalToken();
    if (terminal) url.searchParams.set('terminal', terminal);
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = RETRY_MIN_MS;
      if (everOpened) reconnectListeners.forEach((l) => l());
      everOpened = true;
    };
    ws.onmessage = (msg) => {
      let event: ApiEvent;
      try {
        event = JSON.parse(String(msg.data)) as ApiEvent;
      } catch {
        return;
      }
      eventListeners.forEach((l) => l(event));
    };
    ws.onclose = () => {
      socket = null;
      setTimeout(connect, retryMs);
      retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
    };
  }

  return {
    kind: 'http',
    async call(operation, input, token) {
      try {
        const res = await fetch(new URL(`/api/call/${encodeURIComponent(operation)}`, baseUrl), {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            ...(terminalToken() ? { 'X-Terminal-Token': terminalToken()! } : {}),
          },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as ApiResult;
      } catch {
        return { ok: false, error: new ApiError('HOST_UNREACHABLE').toBody() };
      }
    },
    onEvent(listener) {
      eventListeners.add(listener);
      if (!socket) connect();
      return () => eventListeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
  };
}
