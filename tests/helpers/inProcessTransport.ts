import type { Api } from '../../db/api/api.js';
import type { Transport } from '../../renderer/api/transport.js';

/** The renderer's Transport wired straight to a real API in the same process: no IPC, no HTTP, same contract. */
export function inProcessTransport(api: Api): Transport {
  return {
    kind: 'ipc',
    call: (operation, input, token) => api.call(operation, structuredClone(input), { token }),
    onEvent: (listener) => api.events.subscribe((e) => listener(structuredClone(e))),
    onReconnect: () => () => {},
  };
}
