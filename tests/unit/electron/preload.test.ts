import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async () => ({ ok: true, data: { pong: true } })),
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

import { operationNames } from '../../../db/api/contract/index.js';
import type { KioskBridge } from '../../../db/api/contract/bridge.js';
import { operationsSwitch } from '../../../electron/preloadArgs.js';

/** Loads the preload as Electron would: with the main process's switch on the command line. */
async function loadPreload(argv = [...process.argv, operationsSwitch(operationNames)]): Promise<KioskBridge> {
  vi.resetModules();
  electron.contextBridge.exposeInMainWorld.mockClear();
  const saved = process.argv;
  process.argv = argv;
  try {
    await import('../../../electron/preload.js');
  } finally {
    process.argv = saved;
  }
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  return electron.contextBridge.exposeInMainWorld.mock.calls[0][1];
}

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
  electron.ipcRenderer.on.mockClear();
  electron.ipcRenderer.removeListener.mockClear();
});

describe('preload', () => {
  it('exposes exactly call and onEvent under window.houniao', async () => {
    await loadPreload();
    const [key, bridge] = electron.contextBridge.exposeInMainWorld.mock.calls[0];
    expect(key).toBe('houniao');
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('sends a contract operation over the call channel with input and token', async () => {
    const bridge = await loadPreload();
    await expect(bridge.call('settings.public', {}, 'tok-1')).resolves.toEqual({ ok: true, data: { pong: true } });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('api:call', 'settings.public', {}, 'tok-1');
  });

  it('refuses operations outside the contract without touching IPC', async () => {
    const bridge = await loadPreload();
    for (const operation of ['db.exec', 'settings.public.x', '', '__proto__', 7 as unknown as string]) {
      await expect(bridge.call(operation, {})).rejects.toThrow(/Unknown operation/);
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('refuses every operation when the main process passed no list', async () => {
    const bridge = await loadPreload(['electron', '--type=renderer']);
    await expect(bridge.call('settings.public', {})).rejects.toThrow(/Unknown operation/);
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('relays events without the IPC event object, and unsubscribes', async () => {
    const bridge = await loadPreload();
    const listener = vi.fn();
    const unsubscribe = bridge.onEvent(listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith('api:event', expect.any(Function));
    const relay = electron.ipcRenderer.on.mock.calls[0][1] as (...args: unknown[]) => void;
    relay({ sender: electron.ipcRenderer }, { type: 'settings.changed', settings: {} });
    expect(listener).toHaveBeenCalledWith({ type: 'settings.changed', settings: {} });
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('api:event', relay);
  });

  it('imports nothing at run time but electron and zod-free modules, so the sandboxed bundle stays small', () => {
    const runtimeImports = (file: string) => [...readFileSync(new URL(file, import.meta.url), 'utf8').matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports('../../../electron/preload.ts').sort()).toEqual(['../db/api/contract/bridge.js', './preloadArgs.js', 'electron']);
    expect(runtimeImports('../../../db/api/contract/bridge.ts')).toEqual([]);
    expect(runtimeImports('../../../electron/preloadArgs.ts')).toEqual([]);
  });
});
