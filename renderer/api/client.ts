import type { ApiErrorBody, ApiEvent, InputOf, OperationName, OutputOf } from '../../db/api/contract/index.js';
import type { Transport } from './transport.js';

/** A failed call, carrying the API's error body (code, Chinese and English messages, bad fields). */
export class ApiCallError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.messageEn);
    this.name = 'ApiCallError';
  }
  get code(): ApiErrorBody['code'] {
    return this.body.code;
  }
}

export interface ApiClient {
  readonly transport: Transport['kind'];
  /** Runs one operation; resolves with its output or rejects with ApiCallError. */
  // `{} extends Input` asks "may the input be omitted?"; no other type says that.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  call<K extends OperationName>(operation: K, ...input: {} extends InputOf<K> ? [InputOf<K>?] : [InputOf<K>]): Promise<OutputOf<K>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  onReconnect(listener: () => void): () => void;
  setToken(token: string | null): void;
}

/** The one way screens talk to the host, whatever the transport. */
export function createApiClient(transport: Transport): ApiClient {
  let token: string | null = null;
  return {
    transport: transport.kind,
    async call(operation, ...rest) {
      const result = await transport.call(operation, rest[0] ?? {}, token ?? undefined);
      if (!result.ok) throw new ApiCallError(result.error);
      return result.data as never;
    },
    onEvent: (listener) => transport.onEvent(listener),
    onReconnect: (listener) => transport.onReconnect(listener),
    setToken(value) {
      token = value;
    },
  };
}
