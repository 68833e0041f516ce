import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors/keyless-error.js';
import { formatBytes, formatDuration, httpError, httpErrorDetails, networkReason } from './errors.js';

describe('httpErrorDetails', () => {
  it('returns the details of an HTTP layer error', () => {
    const details = {
      failure: 'status' as const,
      service: 'Rekor',
      method: 'GET',
      url: 'https://x/',
      attempts: 1,
      status: 404,
    };
    expect(httpErrorDetails(httpError('ERR_HTTP', 'm', details))).toBe(details);
  });

  it('returns undefined for other errors', () => {
    expect(httpErrorDetails(new CoreError('ERR_HTTP', 'm', { cause: new Error('x') }))).toBeUndefined();
    expect(httpErrorDetails(new Error('x'))).toBeUndefined();
    expect(httpErrorDetails('x')).toBeUndefined();
  });
});

describe('networkReason', () => {
  it('takes the innermost message of the cause chain', () => {
    const err = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    expect(networkReason(err)).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });

  it('falls back to the code of an error without message', () => {
    const inner = Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' });
    expect(networkReason(new TypeError('fetch failed', { cause: inner }))).toBe('ECONNREFUSED');
  });
});

describe('formatting', () => {
  it('prints durations and sizes for people', () => {
    expect([formatDuration(150), formatDuration(2000), formatDuration(1500)]).toEqual([
      '150 ms',
      '2 s',
      '1.5 s',
    ]);
    expect([formatBytes(32 * 1024 * 1024), formatBytes(2048), formatBytes(1000)]).toEqual([
      '32 MiB',
      '2 KiB',
      '1000 bytes',
    ]);
  });
});
