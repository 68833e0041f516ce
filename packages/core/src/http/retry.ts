import type { BackoffOptions } from './types.js';

/** Backoff settings with every default filled in. */
export type Backoff = Required<BackoffOptions>;

/** Defaults suited to public services: 250 ms, 500 ms, 1 s ... up to 10 s; Retry-After up to 60 s. */
export const DEFAULT_BACKOFF: Backoff = { baseDelayMs: 250, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Whether a request may be repeated: RFC 9110 idempotent methods, or any method the caller vouches
 * for with `idempotent: true` (e.g. a search sent as POST). `idempotent: false` forbids retries.
 */
export function isIdempotent(method: string, flag: boolean | undefined): boolean {
  return flag ?? IDEMPOTENT_METHODS.has(method);
}

/**
 * Statuses worth another attempt: 429 and 5xx, except 501 and 505, which say the server will
 * never handle this request, whatever the attempt.
 */
export function isRetryableStatus(status: number): boolean {
  if (status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

/** TLS verification failures: the same certificate will fail the same way on every attempt. */
const PERMANENT_NETWORK_CODE =
  /^(CERT_|ERR_TLS_CERT|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_)/;

/**
 * Whether a failure without a response may go away on another attempt: anything but a failed
 * TLS verification, whose `code` fetch keeps in the error's cause chain.
 */
export function isRetryableNetworkError(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && PERMANENT_NETWORK_CODE.test(code)) return false;
    current = current.cause;
  }
  return true;
}

/**
 * Delay before retry number `retry` (1-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so that clients failing together do not retry together, yet never hammer.
 */
export function backoffDelay(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Parses a `Retry-After` value (RFC 9110 §10.2.3: delay in seconds, or an HTTP date) into
 * milliseconds from `now`; `undefined` when absent or unreadable. A date in the past gives 0.
 *
 * @example
 * ```ts
 * parseRetryAfter('2', Date.now()); // 2000
 * ```
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // HTTP dates name their month; this keeps Date.parse's leniency from reading "-5" as a year.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * The wait before the next attempt: the backoff, or the server's `Retry-After` when it asks for
 * longer, capped at `maxRetryAfterMs`.
 */
export function retryDelay(retry: number, retryAfterMs: number | undefined, backoff: Backoff): number {
  const computed = backoffDelay(retry, backoff);
  if (retryAfterMs === undefined) return computed;
  return Math.min(Math.max(computed, retryAfterMs), backoff.maxRetryAfterMs);
}
