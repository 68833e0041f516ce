import { describe, expect, it } from 'vitest';
import { type Hop, isRedirect, nextHop } from './redirect.js';

function hop(method: string, url: string, body?: string): Hop {
  return {
    url: new URL(url),
    method,
    headers: new Headers({
      authorization: 'Bearer t',
      cookie: 'a=1',
      'proxy-authorization': 'Basic x',
      'content-type': 'application/json',
      accept: 'application/json',
    }),
    body,
  };
}

describe('isRedirect', () => {
  it('follows 301, 302, 303, 307 and 308 only', () => {
    expect([300, 301, 302, 303, 304, 307, 308].filter(isRedirect)).toEqual([301, 302, 303, 307, 308]);
  });
});

describe('nextHop', () => {
  it('resolves a relative Location against the current URL', () => {
    expect(nextHop(hop('GET', 'https://a.test/x/y'), 302, '../z?q=1')?.url.href).toBe('https://a.test/z?q=1');
  });

  it('drops credential headers when the origin changes', () => {
    const next = nextHop(hop('GET', 'https://registry.test/v2/'), 307, 'https://cdn.test/blob')!;
    expect(next.headers.has('authorization')).toBe(false);
    expect(next.headers.has('cookie')).toBe(false);
    expect(next.headers.has('proxy-authorization')).toBe(false);
    expect(next.headers.get('accept')).toBe('application/json');
  });

  it('treats a change of port or scheme as another origin', () => {
    expect(
      nextHop(hop('GET', 'https://a.test/'), 302, 'https://a.test:8443/')!.headers.has('authorization'),
    ).toBe(false);
    expect(nextHop(hop('GET', 'http://a.test/'), 302, 'https://a.test/')!.headers.has('authorization')).toBe(
      false,
    );
  });

  it('keeps credential headers on the same origin', () => {
    expect(nextHop(hop('GET', 'https://a.test/x'), 301, '/y')!.headers.get('authorization')).toBe('Bearer t');
  });

  it('does not touch the headers of the current hop', () => {
    const current = hop('GET', 'https://a.test/');
    nextHop(current, 302, 'https://b.test/');
    expect(current.headers.get('authorization')).toBe('Bearer t');
  });

  it('turns a POST into a GET without body on 301, 302 and 303', () => {
    for (const status of [301, 302, 303]) {
      const next = nextHop(hop('POST', 'https://a.test/', '{}'), status, '/done')!;
      expect(next).toMatchObject({ method: 'GET', body: undefined });
      expect(next.headers.has('content-type')).toBe(false);
    }
  });

  it('repeats method and body on 307 and 308', () => {
    for (const status of [307, 308]) {
      expect(nextHop(hop('POST', 'https://a.test/', '{}'), status, '/again')).toMatchObject({
        method: 'POST',
        body: '{}',
      });
    }
  });

  it('keeps HEAD a HEAD on 303', () => {
    expect(nextHop(hop('HEAD', 'https://a.test/'), 303, '/other')?.method).toBe('HEAD');
  });

  it('gives up on a missing or unparsable Location', () => {
    expect(nextHop(hop('GET', 'https://a.test/'), 302, null)).toBeUndefined();
    expect(nextHop(hop('GET', 'https://a.test/'), 302, 'http://[::1')).toBeUndefined();
  });
});
