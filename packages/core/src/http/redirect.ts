/** The most redirects one attempt follows. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Headers that hold credentials for one origin and must never be forwarded to another. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** Headers that describe a body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];

/** One request of a redirect chain. */
export interface Hop {
  url: URL;
  method: string;
  headers: Headers;
  body: string | Uint8Array | undefined;
}

/** Whether a status is a redirect with a `Location` to follow. */
export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * The request to send after a redirect, per the Fetch standard: 303 (and 301/302 after a POST)
 * becomes a GET without body; 307/308 repeat the request as is. When the redirect leaves the
 * origin, credential headers are dropped, so a token meant for a registry never reaches the CDN
 * it redirects blob downloads to. Returns `undefined` when `Location` is missing or not a URL.
 *
 * @example
 * ```ts
 * const next = nextHop({ url, method: 'GET', headers, body: undefined }, 307, 'https://cdn.example/blob');
 * next?.headers.has('authorization'); // false: other origin
 * ```
 */
export function nextHop(current: Hop, status: number, location: string | null): Hop | undefined {
  if (location === null) return undefined;
  let url: URL;
  try {
    url = new URL(location, current.url);
  } catch {
    return undefined;
  }
  const headers = new Headers(current.headers);
  if (url.origin !== current.url.origin) {
    for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  }
  const toGet =
    (status === 303 && current.method !== 'HEAD') ||
    ((status === 301 || status === 302) && current.method === 'POST');
  if (!toGet) return { url, method: current.method, headers, body: current.body };
  for (const name of BODY_HEADERS) headers.delete(name);
  return { url, method: 'GET', headers, body: undefined };
}
