/**
 * Whether a URL host is the local machine: `localhost`, 127.0.0.0/8 or `[::1]`. Expects the
 * canonical `URL.hostname`, which has already turned forms like `0x7f.1` into `127.0.0.1`.
 *
 * @example
 * ```ts
 * isLoopbackHost(new URL('http://127.0.0.1:3000/').hostname); // true
 * ```
 */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = hostname.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o));
}

/** What {@link checkUrl} decided about a URL. */
export type UrlVerdict = 'ok' | 'unsupported-scheme' | 'insecure';

/**
 * Decides whether a request may be sent to `url`. Only `https:` is allowed everywhere; `http:`
 * only to loopback (local servers in tests and development) unless `allowInsecureHttp` opts in,
 * because plain HTTP exposes tokens and lets anyone on the path rewrite trust material.
 */
export function checkUrl(url: URL, allowInsecureHttp: boolean): UrlVerdict {
  if (url.protocol === 'https:') return 'ok';
  if (url.protocol !== 'http:') return 'unsupported-scheme';
  return allowInsecureHttp || isLoopbackHost(url.hostname) ? 'ok' : 'insecure';
}

/**
 * The URL as it may appear in messages: no query string, fragment or user info, since those can
 * carry tokens and signed-URL secrets.
 *
 * @example
 * ```ts
 * redactUrl(new URL('https://u:p@blob.example/x?sig=abc')); // 'https://blob.example/x'
 * ```
 */
export function redactUrl(url: URL): string {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol}…`;
  return `${url.origin}${url.pathname}`;
}
