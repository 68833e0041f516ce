import type { HttpClient } from '@keyless/core/http';
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';

/**
 * The issuer's keys at `jwks_uri`, fetched with jose's remote JWKS (cached, refetched on an
 * unknown `kid`) but through our HTTP client, so the HTTPS rule, proxies and timeouts apply.
 */
export function issuerKeys(http: HttpClient, jwksUri: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUri), {
    [customFetch]: async (url: string, init: { headers: Headers; signal: AbortSignal }) => {
      const response = await http.request({
        url,
        headers: Object.fromEntries(init.headers),
        signal: init.signal,
      });
      return new Response(response.body, { status: response.status, headers: response.headers });
    },
  });
}
