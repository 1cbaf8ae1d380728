import { BRIDGE_KEY, type KioskBridge } from '../../db/api/contract/bridge.js';
import type { Transport } from './transport.js';

export function findBridge(): KioskBridge | undefined {
  return (window as unknown as Record<string, KioskBridge | undefined>)[BRIDGE_KEY];
}

/** Inside Electron: the preload's bridge. IPC cannot drop, so there is nothing to reconnect. */
export function createIpcTransport(bridge: KioskBridge): Transport {
  return {
    kind: 'ipc',
    call: (operation, input, token) => bridge.call(operation, input, token),
    onEvent: (listener) => bridge.onEvent(listener),
    onReconnect: () => () => {},
  };
}
