import { CoreError } from '../errors/keyless-error.js';
import { sleep } from '../util/sleep.js';
import { createTransport, type Transport } from './agent.js';
import { attemptsSuffix, formatBytes, formatDuration, httpError, networkReason } from './errors.js';
import { BodyTooLargeError, discard, readBodyLimited } from './read-body.js';
import { type Hop, isRedirect, MAX_REDIRECTS, nextHop } from './redirect.js';
import { createResponse, type ResponseContext } from './response.js';
import {
  type Backoff,
  DEFAULT_BACKOFF,
  isIdempotent,
  isRetryableNetworkError,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
} from './retry.js';
import { serverMessage } from './server-message.js';
import type {
  HttpClient,
  HttpClientOptions,
  HttpErrorDetails,
  HttpRequest,
  HttpRequestInit,
  HttpResponse,
} from './types.js';
import { checkUrl, redactUrl } from './url-policy.js';

const MIB = 1024 * 1024;
/** Error bodies are only read for their message; more than this is not worth waiting for. */
const ERROR_BODY_LIMIT = 64 * 1024;

/** A failed attempt, turned into an error only once it is known whether another attempt follows. */
interface Failure {
  message: string;
  details: Omit<HttpErrorDetails, 'attempts'>;
  retryable: boolean;
  retryAfterMs?: number;
}

interface Settings {
  service: string;
  timeoutMs: number;
  retries: number;
  backoff: Backoff;
  userAgent: string;
  allowInsecureHttp: boolean;
  maxResponseBytes: number;
  fetch: typeof fetch | undefined;
}

function settingsFrom(options: HttpClientOptions): Settings {
  return {
    service: options.service ?? 'HTTP',
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: Math.max(0, Math.floor(options.retries ?? 3)),
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    userAgent: options.userAgent ?? `keyless (node/${process.versions.node})`,
    allowInsecureHttp: options.allowInsecureHttp ?? false,
    maxResponseBytes: options.maxResponseBytes ?? 32 * MIB,
    fetch: options.fetch,
  };
}

/**
 * Refuses URLs the transport policy forbids. Called for the first URL and for every redirect
 * target, so that an https URL cannot be redirected to plain http.
 */
function assertAllowed(url: URL, s: Settings, context: ResponseContext): void {
  const verdict = checkUrl(url, s.allowInsecureHttp);
  if (verdict === 'ok') return;
  const target = redactUrl(url);
  if (verdict === 'insecure') {
    throw httpError(
      'ERR_HTTP_INSECURE',
      `${s.service}: refusing plain HTTP to ${target}; use https, or set allowInsecureHttp: true to allow it`,
      { failure: 'insecure', ...context, url: target },
    );
  }
  throw httpError(
    'ERR_HTTP',
    `${s.service}: cannot request ${target}: only http and https URLs are supported`,
    {
      failure: 'insecure',
      ...context,
      url: target,
    },
  );
}

/**
 * Creates the HTTP client every Keyless package uses. See the module documentation of
 * `@keyless/core/http` for retries, timeouts, redirects and errors.
 *
 * @example
 * ```ts
 * const rekor = createHttpClient({ service: 'Rekor' });
 * const log = await rekor.getJson<{ treeSize: number }>('https://rekor.sigstore.dev/api/v1/log');
 * ```
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const s = settingsFrom(options);
  let transport: Transport | undefined;
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? 10_000, s.timeoutMs);
  const getTransport = () => {
    transport ??= createTransport({ timeoutMs: s.timeoutMs, connectTimeoutMs });
    return transport;
  };

  /** One attempt: the request and its redirects, under one deadline. */
  async function attempt(first: Hop, req: HttpRequest, context: ResponseContext, canRetry: boolean) {
    const deadline = AbortSignal.timeout(s.timeoutMs);
    // Aborted when the attempt ends, so that a body left unread (too large, or an error page)
    // tears its request down at once instead of keeping a pooled connection busy.
    const done = new AbortController();
    const signal = AbortSignal.any(
      req.signal ? [req.signal, deadline, done.signal] : [deadline, done.signal],
    );
    const expect = req.expect;
    let hop = first;
    try {
      for (let redirects = 0; ; redirects++) {
        const doFetch = s.fetch ?? globalThis.fetch;
        const response = await doFetch(hop.url, {
          method: hop.method,
          headers: hop.headers,
          body: hop.body,
          redirect: 'manual',
          signal,
          // Node's fetch types name undici 6's Dispatcher; the undici 7 one is compatible at runtime.
          dispatcher: getTransport().dispatcherFor(hop.url, canRetry && hop.body === undefined) as never,
        });
        const { status, headers } = response;
        const url = redactUrl(hop.url);
        const at = { ...context, method: hop.method, url };
        const wanted = expect ? expect.includes(status) : status >= 200 && status <= 299;
        if (!wanted && isRedirect(status)) {
          discard(response.body);
          const next = nextHop(hop, status, headers.get('location'));
          if (redirects >= MAX_REDIRECTS || next === undefined) {
            const why = next
              ? `stopped after ${MAX_REDIRECTS} redirects`
              : 'redirected without a valid Location';
            throw httpError('ERR_HTTP', `${s.service}: ${hop.method} ${url} ${why}`, {
              failure: 'redirect',
              ...at,
              status,
              headers,
            });
          }
          assertAllowed(next.url, s, at);
          hop = next;
          continue;
        }
        if (wanted) {
          const body = await readBodyLimited(response, s.maxResponseBytes);
          return createResponse(status, headers, hop.url.href, body, at);
        }
        const errorBody = await readBodyLimited(response, ERROR_BODY_LIMIT).catch(() => new Uint8Array(0));
        const said = serverMessage(errorBody, headers.get('content-type'));
        const statusText = response.statusText ? ` ${response.statusText}` : '';
        return {
          message: `${s.service}: ${hop.method} ${url} returned HTTP ${status}${statusText}${said ? `: ${said}` : ''}`,
          details: { failure: 'status', ...at, status, headers, ...(said ? { serverMessage: said } : {}) },
          retryable: canRetry && isRetryableStatus(status),
          retryAfterMs: parseRetryAfter(headers.get('retry-after'), Date.now()),
        } satisfies Failure;
      }
    } catch (err) {
      if (req.signal?.aborted) throw req.signal.reason;
      if (err instanceof BodyTooLargeError) {
        throw httpError(
          'ERR_INPUT_TOO_LARGE',
          `${s.service}: ${hop.method} ${redactUrl(hop.url)} response is larger than ${formatBytes(err.limit)} (raise maxResponseBytes if this is expected)`,
          { failure: 'too-large', ...context, method: hop.method, url: redactUrl(hop.url) },
        );
      }
      if (!deadline.aborted && err instanceof CoreError) throw err;
      const url = redactUrl(hop.url);
      const failure = deadline.aborted
        ? { message: `timed out after ${formatDuration(s.timeoutMs)}`, kind: 'timeout' as const }
        : { message: `failed: ${networkReason(err)}`, kind: 'network' as const };
      return {
        message: `${s.service}: ${hop.method} ${url} ${failure.message}`,
        details: { failure: failure.kind, ...context, method: hop.method, url, error: err },
        retryable: canRetry && (deadline.aborted || isRetryableNetworkError(err)),
      } satisfies Failure;
    } finally {
      done.abort();
    }
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url);
    } catch (err) {
      throw httpError('ERR_HTTP', `${s.service}: ${method} to an invalid URL`, {
        failure: 'network',
        service: s.service,
        method,
        url: '',
        attempts: 0,
        error: err,
      });
    }
    const context = { service: s.service, method, url: redactUrl(url), attempts: 0 };
    assertAllowed(url, s, context);
    const headers = new Headers(req.headers);
    if (!headers.has('user-agent')) headers.set('user-agent', s.userAgent);
    const first: Hop = { url, method, headers, body: req.body };
    const canRetry = isIdempotent(method, req.idempotent);
    const attempts = canRetry ? s.retries + 1 : 1;
    for (let n = 1; ; n++) {
      if (req.signal?.aborted) throw req.signal.reason;
      const outcome = await attempt(first, req, { ...context, attempts: n }, canRetry);
      if (!('retryable' in outcome)) return outcome;
      if (!outcome.retryable || n >= attempts) {
        throw httpError('ERR_HTTP', outcome.message + attemptsSuffix(n), { ...outcome.details, attempts: n });
      }
      await sleep(retryDelay(n, outcome.retryAfterMs, s.backoff), req.signal);
    }
  }

  return {
    request,
    async getJson<T = unknown>(url: string | URL, init?: HttpRequestInit): Promise<T> {
      const headers = withDefaults(init?.headers, { accept: 'application/json' });
      return (await request({ ...init, url, method: 'GET', headers })).json<T>();
    },
    async postJson<T = unknown>(url: string | URL, body: unknown, init?: HttpRequestInit): Promise<T> {
      const headers = withDefaults(init?.headers, {
        accept: 'application/json',
        'content-type': 'application/json',
      });
      const response = await request({ ...init, url, method: 'POST', headers, body: JSON.stringify(body) });
      return response.json<T>();
    },
    async getBytes(url: string | URL, init?: HttpRequestInit): Promise<Uint8Array> {
      return (await request({ ...init, url, method: 'GET' })).body;
    },
    async close(): Promise<void> {
      const open = transport;
      transport = undefined;
      await open?.close();
    },
  };
}

/** The caller's headers, plus each default the caller did not set in any letter case. */
function withDefaults(given: Record<string, string> | undefined, defaults: Record<string, string>) {
  const headers = new Headers(given);
  for (const [name, value] of Object.entries(defaults)) if (!headers.has(name)) headers.set(name, value);
  return Object.fromEntries(headers);
}
