import type { BaseFetcher } from 'tuf-js';
import type { DownloadHTTPError } from 'tuf-js/dist/error.js';
import { httpGet } from './http-get.js';

/** The last transport failure seen, cleared by every successful download. */
export interface TransportLog {
  failure?: { url: string; reason: string };
}

/** The tuf-js classes the fetcher is built from; passed in because tuf-js is imported lazily. */
export interface TufFetcherDeps {
  BaseFetcher: abstract new () => BaseFetcher;
  DownloadHTTPError: typeof DownloadHTTPError;
}

/**
 * A tuf-js fetcher over {@link httpGet}. It reports HTTP errors as tuf-js `DownloadHTTPError` (the
 * client relies on a 404 to end root rotation) and notes transport failures in `log`, because
 * tuf-js folds some download errors into plain messages and the caller must still be able to tell
 * "unreachable" from "tampered".
 */
export function createTufFetcher(deps: TufFetcherDeps, signal: AbortSignal, log: TransportLog): BaseFetcher {
  class KeylessTufFetcher extends deps.BaseFetcher {
    override async fetch(url: string): Promise<ReadableStream<Uint8Array<ArrayBuffer>>> {
      let response: Awaited<ReturnType<typeof httpGet>>;
      try {
        response = await httpGet(url, signal);
      } catch (err) {
        log.failure = { url, reason: describeTransportError(err) };
        throw err;
      }
      if (response.status !== 200 || !response.body) {
        log.failure = { url, reason: `HTTP ${response.status} for ${url}` };
        await response.body?.cancel().catch(() => {});
        throw new deps.DownloadHTTPError(`GET ${url} answered HTTP ${response.status}`, response.status);
      }
      log.failure = undefined;
      return watchBody(response.body, (err) => {
        log.failure = { url, reason: describeTransportError(err) };
      }) as ReadableStream<Uint8Array<ArrayBuffer>>;
    }
  }
  return new KeylessTufFetcher();
}

/** Passes a body through, noting a failure while it is read (a connection reset mid-body). */
function watchBody(
  body: ReadableStream<Uint8Array>,
  onError: (err: unknown) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (err) {
        onError(err);
        controller.error(err);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

function describeTransportError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause.message : undefined;
  return cause && cause !== err.message ? `${err.message}: ${cause}` : err.message;
}
