import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Api } from '../db/api/api.js';
import { IPC_CHANNELS } from '../db/api/contract/bridge.js';
import { isOperationName, type ApiResult } from '../db/api/contract/index.js';
import { ApiError } from '../db/errors/index.js';
import type { Log } from './log.js';
import type { TrustCheck } from './origin.js';

/**
 * Why a sender is refused, or null when it is one of our screens: the main frame (never an iframe)
 * of a page loaded from our own origin. senderFrame is null once the frame has navigated or gone.
 */
export function refuseSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, isTrusted: TrustCheck): string | null {
  let frame: IpcMainInvokeEvent['senderFrame'];
  try {
    frame = event.senderFrame;
  } catch {
    frame = null;
  }
  if (!frame) return 'no sender frame';
  if (frame.parent !== null) return `not a main frame (${frame.url})`;
  if (!isTrusted(frame.url)) return `untrusted origin (${frame.url})`;
  return null;
}

function failure(error: ApiError): ApiResult {
  return { ok: false, error: error.toBody() };
}

export interface ApiIpcOptions {
  api: Api;
  isTrusted: TrustCheck;
  log: Log;
}

/** One call from a screen: sender checked, operation checked against the contract, then api.call with the caller's token. */
export async function handleApiCall(
  { api, isTrusted, log }: ApiIpcOptions,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  operation: unknown,
  input: unknown,
  token: unknown,
): Promise<ApiResult> {
  const refusal = refuseSender(event, isTrusted);
  if (refusal) {
    log(`[ipc] call ${String(operation)} refused: ${refusal}`);
    return failure(new ApiError('FORBIDDEN'));
  }
  if (!isOperationName(operation)) {
    log(`[ipc] unknown operation refused: ${String(operation)}`);
    return failure(new ApiError('UNKNOWN_OPERATION', { operation: String(operation) }));
  }
  return api.call(operation, input, { token: typeof token === 'string' ? token : undefined });
}

/** The IPC transport's inbound half. Returns a function that removes it. */
export function registerApiIpc(options: ApiIpcOptions): () => void {
  ipcMain.handle(IPC_CHANNELS.call, (event, operation: unknown, input: unknown, token: unknown) => handleApiCall(options, event, operation, input, token));
  return () => ipcMain.removeHandler(IPC_CHANNELS.call);
}

/**
 * The outbound half: every API event to every open screen of ours. A window that is closing or
 * (somehow) showing another origin is skipped. Returns the unsubscribe function.
 */
export function forwardApiEvents(api: Api, screens: () => Iterable<WebContents>, isTrusted: TrustCheck): () => void {
  return api.events.subscribe((event) => {
    for (const contents of screens()) {
      if (contents.isDestroyed() || !isTrusted(contents.getURL())) continue;
      contents.send(IPC_CHANNELS.event, event);
    }
  });
}
