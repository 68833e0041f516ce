import { isLoopbackHost } from '@keyless/core/http';

/** The host part of `host[:port]` (brackets kept for IPv6), as `URL.hostname` spells it. */
function hostnameOf(registry: string): string {
  try {
    return new URL(`http://${registry}`).hostname;
  } catch {
    return registry;
  }
}

/**
 * The base URL of a registry's API. HTTPS, except for a registry on loopback (a local test
 * registry rarely has a certificate) or when plain HTTP is explicitly allowed for it.
 *
 * @example
 * ```ts
 * registryBaseUrl('ghcr.io', false); // 'https://ghcr.io'
 * registryBaseUrl('localhost:5000', false); // 'http://localhost:5000'
 * ```
 */
export function registryBaseUrl(registry: string, allowHttp: boolean): string {
  const scheme = allowHttp || isLoopbackHost(hostnameOf(registry)) ? 'http' : 'https';
  return `${scheme}://${registry}`;
}
