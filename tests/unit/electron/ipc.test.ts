import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const handlers = new Map<string, (...args: any[]) => unknown>();
  return {
    handlers,
    ipcMain: {
      handle: vi.fn((channel: string, handler: (...args: any[]) => unknown) => handlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
  };
});
vi.mock('electron', () => ({ ipcMain: electron.ipcMain }));

import { FakeWebContents, frameAt } from './fakes.js';
import { IPC_CHANNELS } from '../../../db/api/contract/bridge.js';
import { forwardApiEvents, refuseSender, registerApiIpc } from '../../../electron/ipc.js';
import { createTrustCheck, trustedOrigins } from '../../../electron/origin.js';
import { adminToken, tempApi } from '../../helpers/tempDb.js';

const isTrusted = createTrustCheck(trustedOrigins(undefined));

/** The adapter registered on a real API over a real temp database; `invoke` plays the renderer. */
function setUp() {
  const { api } = tempApi();
  const log = vi.fn();
  const calls = vi.spyOn(api, 'call');
  const stop = registerApiIpc({ api, isTrusted, log });
  const handler = electron.handlers.get(IPC_CHANNELS.call)!;
  const invoke = (senderFrame: unknown, operation: unknown, input: unknown = {}, token?: unknown) => handler({ senderFrame }, operation, input, token) as Promise<any>;
  return { api, log, calls, stop, invoke };
}

describe('IPC adapter', () => {
  it('registers on the contract’s call channel and can be removed', () => {
    const { stop } = setUp();
    expect(electron.ipcMain.handle).toHaveBeenCalledWith('api:call', expect.any(Function));
    stop();
    expect(electron.handlers.has('api:call')).toBe(false);
  });

  it('runs a call from the main frame of our own screen', async () => {
    const { invoke, calls } = setUp();
    const result = await invoke(frameAt('app://houniao/kiosk'), 'settings.public', {});
    expect(result.ok).toBe(true);
    expect(result.data['center.name']).toBeTypeOf('string');
    expect(calls).toHaveBeenCalledWith('settings.public', {}, { token: undefined });
  });

  it('passes the caller’s staff token through to the API', async () => {
    const { api, invoke, calls } = setUp();
    const token = await adminToken(api);
    const signedIn = await invoke(frameAt('app://houniao/staff'), 'settings.all', {}, token);
    expect(signedIn.ok).toBe(true);
    expect(calls).toHaveBeenLastCalledWith('settings.all', {}, { token });
    const anonymous = await invoke(frameAt('app://houniao/staff'), 'settings.all', {});
    expect(anonymous.error.code).toBe('UNAUTHENTICATED');
    const notAString = await invoke(frameAt('app://houniao/staff'), 'settings.all', {}, { token });
    expect(notAString.error.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a frame from another origin', frameAt('https://example.com/')],
    ['a look-alike custom origin', frameAt('app://houniao.evil/kiosk')],
    ['a file:// page', frameAt('file:///tmp/index.html')],
    ['the dev server when not in development', frameAt('http://127.0.0.1:5173/kiosk')],
    ['a missing frame (navigated away or destroyed)', null],
    ['a sub-frame of our own page', frameAt('app://houniao/kiosk', { main: false })],
  ])('refuses %s without reaching the API, and logs it', async (_name, frame) => {
    const { invoke, calls, log } = setUp();
    const result = await invoke(frame, 'settings.public', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('refused'));
  });

  it('refuses operations that are not in the contract before calling the API', async () => {
    const { invoke, calls } = setUp();
    for (const operation of ['db.exec', '__proto__', 'constructor', 42, undefined]) {
      const result = await invoke(frameAt('app://houniao/kiosk'), operation, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    }
    expect(calls).not.toHaveBeenCalled();
  });

  it('trusts the Vite dev server, and only it, in development', () => {
    const dev = createTrustCheck(trustedOrigins('http://127.0.0.1:5173'));
    expect(refuseSender({ senderFrame: frameAt('http://127.0.0.1:5173/kiosk') } as never, dev)).toBeNull();
    expect(refuseSender({ senderFrame: frameAt('app://houniao/kiosk') } as never, dev)).toMatch(/untrusted/);
    expect(refuseSender({ senderFrame: frameAt('http://127.0.0.1:5174/kiosk') } as never, dev)).toMatch(/untrusted/);
  });

  it('treats a sender frame that throws on access as missing', () => {
    const event = {
      get senderFrame(): never {
        throw new Error('frame disposed');
      },
    };
    expect(refuseSender(event as never, isTrusted)).toBe('no sender frame');
  });
});

describe('API events over IPC', () => {
  it('reach every open screen of ours, skipping closed windows and foreign pages', async () => {
    const { api } = tempApi();
    const kiosk = new FakeWebContents();
    const display = Object.assign(new FakeWebContents(), { url: 'app://houniao/display' });
    const closed = Object.assign(new FakeWebContents(), { destroyed: true });
    const foreign = Object.assign(new FakeWebContents(), { url: 'https://example.com/' });
    const stop = forwardApiEvents(api, () => [kiosk, display, closed, foreign] as never, isTrusted);

    const token = await adminToken(api);
    const updated = await api.call('settings.update', { values: { 'center.name': '炳草岗服务中心' } }, { token });
    expect(updated.ok).toBe(true);

    for (const screen of [kiosk, display]) {
      expect(screen.send).toHaveBeenCalledWith('api:event', expect.objectContaining({ type: 'settings.changed' }));
      expect(screen.send.mock.calls[0][1].settings['center.name']).toBe('炳草岗服务中心');
    }
    expect(closed.send).not.toHaveBeenCalled();
    expect(foreign.send).not.toHaveBeenCalled();

    stop();
    expect(api.events.size).toBe(0);
  });
});
