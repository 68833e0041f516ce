import { Agent, type Dispatcher, EnvHttpProxyAgent, interceptors } from 'undici';
import { isLoopbackHost } from './url-policy.js';

/*
 * Requests always go through the global `fetch` (so request interceptors such as msw see every
 * one), with an undici 7 dispatcher passed as `dispatcher`. Node 20's fetch is undici 6; it
 * drives an undici 7 Agent, and the Agent composed with undici 7's retry interceptor, through the
 * handler-API bridge undici 7 ships (checked on Node 20.20 against real loopback servers, with msw
 * installed as well: its pass-through keeps the dispatcher because Node's `Request` carries it).
 *
 * Two limits of that pairing shape the design:
 * - fetch hands request bodies to the dispatcher as a one-shot async iterable, so the retry
 *   interceptor cannot replay a body: a retried PUT goes out with an empty body and fails with
 *   UND_ERR_REQ_CONTENT_LENGTH_MISMATCH. The interceptor is therefore used only for idempotent
 *   requests without a body; the client's own attempt loop (which rebuilds the body from bytes)
 *   does the rest.
 * - The interceptor sits below fetch, where msw is not, so retry policy that tests must see
 *   (5xx, 429 and Retry-After, timeouts, refused connections) lives in the attempt loop. The
 *   interceptor only replays a request at once when a pooled keep-alive connection was dropped
 *   under it (ECONNRESET, EPIPE, UND_ERR_SOCKET): a transport hiccup, not a server verdict.
 *
 * undici's headers/body timers tick about once a second; the exact per-attempt deadline is the
 * AbortSignal the client passes to fetch, and these timeouts are a backstop.
 */

/** Connection-level failures where a fresh connection is likely to succeed. */
const REPLAYABLE_ERROR_CODES = ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'];

/** Settings of {@link createTransport}. */
export interface TransportOptions {
  /** Backstop for the wait for headers and between body chunks. */
  timeoutMs: number;
  /** Deadline to open a TCP/TLS connection. */
  connectTimeoutMs: number;
  /** Where proxy variables are read from. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** The dispatchers of one client. */
export interface Transport {
  /**
   * The dispatcher for a request to `url`; `replayable` when the request is idempotent and has
   * no body, so that the transport may replay it on a dropped connection.
   */
  dispatcherFor(url: URL, replayable: boolean): Dispatcher;
  close(): Promise<void>;
}

function withReplay(dispatcher: Dispatcher): Dispatcher {
  return dispatcher.compose(
    interceptors.retry({
      maxRetries: 1,
      minTimeout: 10,
      maxTimeout: 100,
      methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],
      errorCodes: REPLAYABLE_ERROR_CODES,
      // Statuses are the attempt loop's business: pass every response through untouched.
      statusCodes: [],
    }),
  );
}

/**
 * Builds the dispatchers of a client. When `HTTPS_PROXY`/`HTTP_PROXY` (either case) are set,
 * requests go through that proxy, except to `NO_PROXY` hosts and to loopback, which is always
 * reached directly (a local dev stack must not be sent to a corporate proxy).
 */
export function createTransport(options: TransportOptions): Transport {
  const env = options.env ?? process.env;
  const agentOptions = {
    connect: { timeout: options.connectTimeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  };
  const direct = new Agent(agentOptions);
  const directReplay = withReplay(direct);
  const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY;
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY;
  const proxy =
    httpsProxy || httpProxy
      ? new EnvHttpProxyAgent({
          ...agentOptions,
          ...(httpProxy ? { httpProxy } : {}),
          ...(httpsProxy ? { httpsProxy } : {}),
          noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
        })
      : undefined;
  const proxyReplay = proxy && withReplay(proxy);
  return {
    dispatcherFor(url, replayable) {
      if (proxy === undefined || isLoopbackHost(url.hostname)) return replayable ? directReplay : direct;
      return replayable ? proxyReplay! : proxy;
    },
    async close() {
      await Promise.all([direct.close(), proxy?.close()]);
    },
  };
}
