import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, IPC_CHANNELS, type KioskBridge } from '../db/api/contract/bridge.js';
import type { ApiEvent, ApiResult } from '../db/api/contract/index.js';
import { readOperationsSwitch } from './preloadArgs.js';

/**
 * The whole of what a screen can reach in the main process: window.houniao.call and .onEvent.
 * ipcRenderer itself is never exposed, and an operation outside the contract never reaches IPC.
 */
function createBridge(operations: ReadonlySet<string>): KioskBridge {
  return {
    call(operation: string, input: unknown, token?: string): Promise<ApiResult> {
      if (typeof operation !== 'string' || !operations.has(operation)) {
        return Promise.reject(new Error(`未知的操作 / Unknown operation: ${String(operation)}`));
      }
      return ipcRenderer.invoke(IPC_CHANNELS.call, operation, input, typeof token === 'string' ? token : undefined) as Promise<ApiResult>;
    },
    onEvent(listener: (event: ApiEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      // The IpcRendererEvent stays here: its `sender` is ipcRenderer itself.
      const relay = (_event: IpcRendererEvent, event: ApiEvent) => listener(event);
      ipcRenderer.on(IPC_CHANNELS.event, relay);
      return () => {
        ipcRenderer.removeListener(IPC_CHANNELS.event, relay);
      };
    },
  };
}

contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(readOperationsSwitch(process.argv)));
