import { AsyncLocalStorage } from 'node:async_hooks';
import {
  encodeBody,
  type RecordedExchange,
  recordedRequestHeaders,
  recordedResponseHeaders,
} from './format.js';

/** Records the `fetch` calls made inside {@link FetchRecorder.run}. */
export interface FetchRecorder {
  /** Runs `fn`, recording every `fetch` it (or anything it awaits) makes. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** The exchanges recorded so far, in order. */
  readonly exchanges: RecordedExchange[];
  /** Puts the original `fetch` back. */
  restore(): void;
}

/**
 * Wraps the global `fetch` to record request/response pairs. Only calls made within `run()` are
 * recorded: a server running in the same process (which handles requests in its own async
 * context) may call `fetch` too, and those calls are not part of the client's flow.
 *
 * @example
 * ```ts
 * const recorder = recordFetch();
 * await recorder.run(() => client.signingCert(...));
 * writeFileSync('fixtures/x.json', JSON.stringify({ ..., exchanges: recorder.exchanges }));
 * recorder.restore();
 * ```
 */
export function recordFetch(): FetchRecorder {
  const original = globalThis.fetch;
  const recording = new AsyncLocalStorage<boolean>();
  const exchanges: RecordedExchange[] = [];

  const recordingFetch: typeof fetch = async (input, init) => {
    if (!recording.getStore()) return original(input, init);
    const request = new Request(input, init);
    const requestBytes = new Uint8Array(await request.clone().arrayBuffer());
    const response = await original(request);
    const responseBytes = new Uint8Array(await response.clone().arrayBuffer());
    const requestBody = encodeBody(requestBytes, request.headers.get('content-type'));
    const responseBody = encodeBody(responseBytes, response.headers.get('content-type'));
    exchanges.push({
      request: {
        method: request.method,
        url: request.url,
        headers: recordedRequestHeaders(request.headers),
        ...(requestBody ? { body: requestBody } : {}),
      },
      response: {
        status: response.status,
        headers: recordedResponseHeaders(response.headers),
        ...(responseBody ? { body: responseBody } : {}),
      },
    });
    return response;
  };
  globalThis.fetch = recordingFetch;

  return {
    run: (fn) => recording.run(true, fn),
    exchanges,
    restore() {
      if (globalThis.fetch === recordingFetch) globalThis.fetch = original;
    },
  };
}
