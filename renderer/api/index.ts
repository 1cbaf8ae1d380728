import { inject, type App, type InjectionKey } from 'vue';
import { createApiClient, type ApiClient } from './client.js';
import { createHttpTransport } from './httpTransport.js';
import { createIpcTransport, findBridge } from './ipcTransport.js';

export const apiKey: InjectionKey<ApiClient> = Symbol('api');

/** Picks the transport once at start: the Electron bridge when present, else HTTP to the page's own host. */
export function createDefaultApiClient(): ApiClient {
  const bridge = findBridge();
  return createApiClient(bridge ? createIpcTransport(bridge) : createHttpTransport());
}

export function installApi(app: App, client: ApiClient): void {
  app.provide(apiKey, client);
}

export function useApi(): ApiClient {
  const client = inject(apiKey);
  if (!client) throw new Error('API client not installed');
  return client;
}

export { ApiCallError } from './client.js';
export type { ApiClient } from './client.js';
