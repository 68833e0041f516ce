import { describe, expect, it } from 'vitest';
import { checkUrl, isLoopbackHost, redactUrl } from './url-policy.js';

const host = (url: string) => new URL(url).hostname;

describe('isLoopbackHost', () => {
  it.each([
    'http://localhost:3000/',
    'http://127.0.0.1/',
    'http://127.45.6.7/',
    'http://[::1]:8080/',
    'http://0x7f.1/',
  ])('treats %s as loopback', (url) => {
    expect(isLoopbackHost(host(url))).toBe(true);
  });

  it.each([
    'http://128.0.0.1/',
    'http://127.0.0.1.example.com/',
    'http://localhost.example.com/',
    'http://[::2]/',
    'http://10.0.0.1/',
  ])('does not treat %s as loopback', (url) => {
    expect(isLoopbackHost(host(url))).toBe(false);
  });
});

describe('checkUrl', () => {
  it('allows https anywhere', () => {
    expect(checkUrl(new URL('https://rekor.sigstore.dev/'), false)).toBe('ok');
  });

  it('refuses plain http to a remote host', () => {
    expect(checkUrl(new URL('http://rekor.sigstore.dev/'), false)).toBe('insecure');
  });

  it('allows plain http to a remote host when opted in', () => {
    expect(checkUrl(new URL('http://mirror.internal/'), true)).toBe('ok');
  });

  it('allows plain http to loopback', () => {
    expect(checkUrl(new URL('http://127.0.0.1:5000/'), false)).toBe('ok');
  });

  it('refuses other schemes even when plain http is allowed', () => {
    expect(checkUrl(new URL('file:///etc/passwd'), true)).toBe('unsupported-scheme');
  });
});

describe('redactUrl', () => {
  it('drops user info, query string and fragment', () => {
    expect(redactUrl(new URL('https://user:pw@blob.test:8443/a/b?sig=secret#x'))).toBe(
      'https://blob.test:8443/a/b',
    );
  });
});
