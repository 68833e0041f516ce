import type { HttpClient, HttpClientOptions } from './http/types.js';

/**
 * An `HttpClient` that loads the HTTP stack (`@keyless/core/http`, undici) on its first request.
 * Clients that a verifier imports but rarely uses (Rekor, Fulcio, TSA) hold one of these, so a
 * one-shot `verify` never pays for loading the network code.
 *
 * @example
 * ```ts
 * const http = lazyHttpClient({ service: 'Rekor' });
 * const info = await http.getJson('https://rekor.example/api/v1/log'); // loads the stack now
 * ```
 */
export function lazyHttpClient(options: HttpClientOptions = {}): HttpClient {
  let client: Promise<HttpClient> | undefined;
  const load = () => {
    client ??= import('./http/client.js').then(({ createHttpClient }) => createHttpClient(options));
    return client;
  };
  return {
    request: async (request) => (await load()).request(request),
    getJson: async (url, init) => (await load()).getJson(url, init),
    postJson: async (url, body, init) => (await load()).postJson(url, body, init),
    getBytes: async (url, init) => (await load()).getBytes(url, init),
    // Closing a client that never loaded has nothing to release.
    close: async () => {
      if (client) await (await client).close();
    },
  };
}
