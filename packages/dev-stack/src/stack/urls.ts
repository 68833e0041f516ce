/** The public URLs of a running stack. */
export interface DevStackUrls {
  /** The OIDC issuer (also the `iss` of email tokens). */
  oidc: string;
  /** The Fulcio-compatible CA (`<fulcio>/api/v2/signingCert`). */
  fulcio: string;
  /** The Rekor v1 log (`<rekor>/api/v1/log/entries`). */
  rekor: string;
  /** The Rekor v2 log. */
  rekorV2: string;
  /** The RFC 3161 TSA's base URL (`<tsa>/api/v1/timestamp`). */
  tsa: string;
}

/** The path prefix each service is mounted at, on the stack's one port. */
export const MOUNTS: Readonly<Record<keyof DevStackUrls, string>> = {
  oidc: '/oidc',
  fulcio: '/fulcio',
  rekor: '/rekor',
  rekorV2: '/rekor-v2',
  tsa: '/tsa',
};

/** The TSA's timestamping endpoint below its base URL, where clients POST RFC 3161 requests. */
export const TSA_TIMESTAMP_PATH = '/api/v1/timestamp';

/**
 * The stack's base URL for a bound address. A wildcard address is reached through loopback, and
 * an IPv6 literal needs brackets.
 *
 * @example
 * ```ts
 * baseUrl('127.0.0.1', 5555); // 'http://127.0.0.1:5555'
 * baseUrl('::1', 5555); // 'http://[::1]:5555'
 * ```
 */
export function baseUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/** Every service's URL under a base URL. */
export function serviceUrls(base: string): DevStackUrls {
  return {
    oidc: `${base}${MOUNTS.oidc}`,
    fulcio: `${base}${MOUNTS.fulcio}`,
    rekor: `${base}${MOUNTS.rekor}`,
    rekorV2: `${base}${MOUNTS.rekorV2}`,
    tsa: `${base}${MOUNTS.tsa}`,
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Whether binding `host` keeps the stack reachable from this machine only. */
export function isLoopbackBindHost(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
