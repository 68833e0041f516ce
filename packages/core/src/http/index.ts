/**
 * `@keyless/core/http` — the one HTTP layer of Keyless. Every network client (TUF, Fulcio,
 * Rekor, TSA, OCI registries, OIDC) talks through a client made by {@link createHttpClient}.
 *
 * @example
 * ```ts
 * import { createHttpClient, httpErrorDetails } from '@keyless/core/http';
 *
 * const rekor = createHttpClient({ service: 'Rekor' });
 * const entry = await rekor.postJson('https://rekor.example/api/v1/log/entries', proposedEntry);
 * try {
 *   await rekor.getJson('https://rekor.example/api/v1/log/entries/abc');
 * } catch (err) {
 *   if (httpErrorDetails(err)?.status === 404) console.log('no such entry');
 *   else throw err;
 * }
 * ```
 *
 * **Transport.** Requests go through the global `fetch` (looked up per request, so msw in tests
 * sees all traffic) with an undici 7 `Agent` as its dispatcher: connect timeout, headers and
 * body timeouts, a keep-alive pool per client, and undici's retry interceptor to replay a
 * body-less idempotent request once when a pooled connection drops under it. `HTTPS_PROXY`,
 * `HTTP_PROXY` and `NO_PROXY` are honoured; loopback is never proxied.
 *
 * **Retries.** Idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE, or any request marked
 * `idempotent: true`) are retried `retries` times (default 3) after a network error (other than
 * a failed TLS verification), a timeout, 429, or a 5xx other than 501/505. The wait doubles
 * from `backoff.baseDelayMs` (250 ms) up to `backoff.maxDelayMs` (10 s), with jitter; a
 * `Retry-After` (seconds or HTTP date) that asks for longer is honoured up to
 * `backoff.maxRetryAfterMs` (60 s). A POST is never repeated unless marked idempotent.
 *
 * **Timeouts.** Each attempt, redirects and body included, has `timeoutMs` (default 30 s),
 * combined with the caller's `signal`; opening a connection has `connectTimeoutMs` (10 s). A
 * caller's abort rejects with the signal's reason, untouched, and is never retried.
 *
 * **Security.** `http://` is refused (`ERR_HTTP_INSECURE`) unless the host is loopback
 * (`localhost`, 127.0.0.0/8, `[::1]`) or `allowInsecureHttp` is set; redirect targets are held to
 * the same rule. Redirects are followed by hand (at most 5), and `Authorization`, `Cookie` and
 * `Proxy-Authorization` are dropped as soon as a redirect leaves the origin. Bodies are read as
 * a stream and cut off past `maxResponseBytes` (32 MiB; `ERR_INPUT_TOO_LARGE`). Nothing is
 * logged; error messages carry URLs without query string, fragment or credentials.
 *
 * **Errors.** Every failure is a `CoreError` with a one-line message naming the service, the
 * method and URL, and the HTTP status with what the server said (the `message`, `error`,
 * `error_description`, `detail` or OCI `errors[0]` of a JSON body, else the first 200
 * characters of text), or the timeout or network reason. Codes: `ERR_HTTP` (status, network,
 * timeout, redirect, body not JSON), `ERR_HTTP_INSECURE`, `ERR_INPUT_TOO_LARGE`. The structured
 * facts ({@link HttpErrorDetails}: status, response headers, server message, attempts) are the
 * error's `cause`; read them with {@link httpErrorDetails}. Statuses listed in a request's
 * `expect` are returned instead of thrown (e.g. `expect: [200, 401]` to read a registry's
 * `WWW-Authenticate` challenge).
 *
 * @module
 */
export { createHttpClient } from './client.js';
export { type HttpErrorCode, httpErrorDetails } from './errors.js';
export type {
  BackoffOptions,
  HttpClient,
  HttpClientOptions,
  HttpErrorDetails,
  HttpFailure,
  HttpRequest,
  HttpRequestInit,
  HttpResponse,
} from './types.js';
export { isLoopbackHost, redactUrl } from './url-policy.js';
