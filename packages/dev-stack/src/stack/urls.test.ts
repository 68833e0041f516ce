import { describe, expect, it } from 'vitest';
import { baseUrl, isLoopbackBindHost, serviceUrls } from './urls.js';

describe('baseUrl', () => {
  it.each([
    ['127.0.0.1', 'http://127.0.0.1:5555'],
    ['::1', 'http://[::1]:5555'],
    ['0.0.0.0', 'http://127.0.0.1:5555'],
    ['::', 'http://[::1]:5555'],
  ])('reaches %s at %s', (host, url) => {
    expect(baseUrl(host, 5555)).toBe(url);
  });
});

describe('serviceUrls', () => {
  it('mounts every service under its prefix', () => {
    expect(serviceUrls('http://127.0.0.1:1')).toEqual({
      oidc: 'http://127.0.0.1:1/oidc',
      fulcio: 'http://127.0.0.1:1/fulcio',
      rekor: 'http://127.0.0.1:1/rekor',
      rekorV2: 'http://127.0.0.1:1/rekor-v2',
      tsa: 'http://127.0.0.1:1/tsa',
    });
  });
});

describe('isLoopbackBindHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1'])('treats %s as loopback', (host) => {
    expect(isLoopbackBindHost(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '192.168.1.2', 'example.com'])(
    'treats %s as reachable from elsewhere',
    (host) => {
      expect(isLoopbackBindHost(host)).toBe(false);
    },
  );
});
