import type { HttpClient } from '@keyless/core/http';

/** What the TUF fetcher needs from an HTTP response. */
export interface HttpGetResponse {
  status: number;
  body: ReadableStream<Uint8Array> | null;
}

const USER_AGENT = 'keyless (tuf)';

let client: Promise<{ http: HttpClient; statusOf: (err: unknown) => number | undefined }> | undefined;

/**
 * The project's HTTP layer, loaded on first use: the offline path (and every one-shot verify with a
 * cached or given trusted root) never pays for loading the HTTP stack.
 */
function tufClient() {
  client ??= import('@keyless/core/http').then(({ createHttpClient, httpErrorDetails }) => ({
    http: createHttpClient({
      service: 'TUF repository',
      userAgent: USER_AGENT,
      retries: 2,
      backoff: { baseDelayMs: 200, maxDelayMs: 2_000, maxRetryAfterMs: 2_000 },
    }),
    statusOf: (err: unknown) => httpErrorDetails(err)?.status,
  }));
  return client;
}

/**
 * The one place the TUF client touches the network: a GET through the shared HTTP layer
 * (timeouts, retries on 5xx/429, redirects without leaking credentials) that honours `signal`.
 * A status the repository answered with is returned, not thrown, so the fetcher can tell tuf-js
 * about a 404 (the end of root rotation).
 */
export async function httpGet(url: string, signal: AbortSignal): Promise<HttpGetResponse> {
  const { http, statusOf } = await tufClient();
  try {
    const response = await http.request({ url, signal, expect: [200, 403, 404] });
    const bytes = response.body;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    return { status: response.status, body };
  } catch (err) {
    const status = statusOf(err);
    if (status !== undefined) return { status, body: null };
    throw err;
  }
}
