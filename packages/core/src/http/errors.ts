import { CoreError, type CoreErrorCode } from '../errors/keyless-error.js';
import type { HttpErrorDetails } from './types.js';

/** Error codes the HTTP layer throws. */
export type HttpErrorCode = Extract<CoreErrorCode, 'ERR_HTTP' | 'ERR_HTTP_INSECURE' | 'ERR_INPUT_TOO_LARGE'>;

/** Builds the one-line error of a failed request, its facts attached as `cause`. */
export function httpError(code: HttpErrorCode, message: string, details: HttpErrorDetails): CoreError {
  return new CoreError(code, message, { cause: details });
}

/**
 * The structured facts of an error thrown by the HTTP layer (status, response headers, what the
 * server said, attempts), or `undefined` for any other error. They travel as the error's `cause`
 * so that the HTTP layer needs no error class of its own beside `CoreError`.
 *
 * @example
 * ```ts
 * try { await http.getJson(url); }
 * catch (err) { if (httpErrorDetails(err)?.status === 404) return undefined; throw err; }
 * ```
 */
export function httpErrorDetails(err: unknown): HttpErrorDetails | undefined {
  if (!(err instanceof CoreError)) return undefined;
  const cause: unknown = err.cause;
  if (typeof cause !== 'object' || cause === null) return undefined;
  const c = cause as Partial<HttpErrorDetails>;
  return typeof c.failure === 'string' && typeof c.service === 'string' && typeof c.url === 'string'
    ? (cause as HttpErrorDetails)
    : undefined;
}

/** `250 ms`, `2 s`, `1.5 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** `32 MiB`, `64 KiB`, `1000 bytes`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** ` (gave up after N attempts)` when the request was retried, else nothing. */
export function attemptsSuffix(attempts: number): string {
  return attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
}

/**
 * The most specific reason of a network failure: fetch reports `TypeError: fetch failed` and
 * keeps the useful part (`connect ECONNREFUSED 127.0.0.1:8080`, `getaddrinfo ENOTFOUND ...`) in
 * its cause chain.
 */
export function networkReason(err: unknown): string {
  let current: unknown = err;
  let reason = 'network error';
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current.message) reason = current.message;
    else if ('code' in current && typeof current.code === 'string') reason = current.code;
    current = current.cause;
  }
  return reason;
}
