import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isIdempotent,
  isRetryableNetworkError,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
} from './retry.js';

const backoff = { baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

describe('isIdempotent', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])('considers %s idempotent', (method) => {
    expect(isIdempotent(method, undefined)).toBe(true);
  });

  it('does not consider POST or PATCH idempotent', () => {
    expect(isIdempotent('POST', undefined)).toBe(false);
    expect(isIdempotent('PATCH', undefined)).toBe(false);
  });

  it('lets the caller decide either way', () => {
    expect(isIdempotent('POST', true)).toBe(true);
    expect(isIdempotent('GET', false)).toBe(false);
  });
});

describe('isRetryableStatus', () => {
  it.each([429, 500, 502, 503, 504])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([200, 301, 400, 401, 404, 409, 501, 505])('does not retry %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles per retry, between half and all of the step', () => {
    expect(backoffDelay(1, backoff, () => 0)).toBe(50);
    expect(backoffDelay(1, backoff, () => 1)).toBe(100);
    expect(backoffDelay(3, backoff, () => 1)).toBe(400);
  });

  it('never exceeds maxDelayMs', () => {
    expect(backoffDelay(20, backoff, () => 1)).toBe(1000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
  });

  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  it('waits as long as Retry-After asks when that exceeds the backoff', () => {
    expect(retryDelay(1, 2000, backoff)).toBe(2000);
  });

  it('caps Retry-After at maxRetryAfterMs', () => {
    expect(retryDelay(1, 3_600_000, backoff)).toBe(5000);
  });

  it('keeps the backoff when Retry-After asks for less', () => {
    expect(retryDelay(4, 0, backoff)).toBeGreaterThanOrEqual(400);
  });
});

describe('isRetryableNetworkError', () => {
  const failed = (code: string) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

  it('retries refused and reset connections and DNS failures', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']) {
      expect(isRetryableNetworkError(failed(code))).toBe(true);
    }
  });

  it('does not retry a failed TLS verification', () => {
    for (const code of [
      'CERT_HAS_EXPIRED',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    ]) {
      expect(isRetryableNetworkError(failed(code))).toBe(false);
    }
  });
});
