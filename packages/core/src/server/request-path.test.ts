import { describe, expect, it } from 'vitest';
import { requestPath } from './request-path.js';

describe('requestPath', () => {
  it('drops the query string', () => {
    expect(requestPath('/api/v1/log/entries?logIndex=3')).toBe('/api/v1/log/entries');
  });

  it('keeps a trailing slash', () => {
    expect(requestPath('/api/v2/')).toBe('/api/v2/');
  });

  it('gives / for a missing or empty path', () => {
    expect([requestPath(undefined), requestPath('?x=1')]).toEqual(['/', '/']);
  });
});
