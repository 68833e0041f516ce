import type { HttpClient } from '@keyless/core/http';
import { OciError } from '../errors.js';
import { wrapHttpError } from '../registry/http-errors.js';
import type { RegistryCredential } from './credentials.js';

/** Where a bearer challenge says tokens come from. */
export interface TokenService {
  realm: string;
  service?: string;
}

/** A token from the token service, with when it stops being usable (ms since the epoch). */
export interface IssuedToken {
  token: string;
  expiresAt: number;
}

interface TokenResponse {
  token?: unknown;
  access_token?: unknown;
  expires_in?: unknown;
}

/** The spec's default lifetime when the token service does not say. */
const DEFAULT_LIFETIME_S = 60;
/** Tokens are renewed this long before they expire, so that one does not lapse mid-request. */
const RENEW_MARGIN_MS = 10_000;

function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * Gets a bearer token from a registry's token service (the Docker token protocol: GET with
 * `service` and `scope`, Basic credentials when there are some; an identity token is exchanged
 * with an OAuth2 `refresh_token` POST instead). The credentials go to `service.realm`, the URL
 * the registry's own challenge named; the HTTP layer drops them if that URL redirects elsewhere.
 *
 * @example
 * ```ts
 * const { token } = await fetchToken(http, { realm: 'https://auth.example/token', service: 'registry.example' },
 *   ['repository:app:pull'], undefined, 'registry.example');
 * ```
 */
export async function fetchToken(
  http: HttpClient,
  service: TokenService,
  scopes: readonly string[],
  credential: RegistryCredential | undefined,
  registry: string,
  now: number = Date.now(),
): Promise<IssuedToken> {
  let url: URL;
  try {
    url = new URL(service.realm);
  } catch {
    throw new OciError('ERR_REGISTRY_AUTH', `${registry} named an invalid token realm "${service.realm}"`);
  }
  let response: Awaited<ReturnType<HttpClient['request']>>;
  try {
    if (credential && 'identityToken' in credential) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credential.identityToken,
      });
      if (service.service) form.set('service', service.service);
      if (scopes.length > 0) form.set('scope', scopes.join(' '));
      form.set('client_id', 'keyless');
      response = await http.request({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        idempotent: true,
        expect: [200, 401, 403],
      });
    } else {
      if (service.service) url.searchParams.set('service', service.service);
      for (const scope of scopes) url.searchParams.append('scope', scope);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (credential) headers.authorization = basicHeader(credential.username, credential.password);
      response = await http.request({ url, headers, expect: [200, 401, 403] });
    }
  } catch (error) {
    throw wrapHttpError(error, `token service of ${registry}`);
  }
  if (response.status !== 200) {
    throw new OciError(
      'ERR_REGISTRY_AUTH',
      `the token service of ${registry} refused ${credential ? 'the credentials' : 'anonymous access'} (HTTP ${response.status}); ` +
        'log in with docker login or pass --registry-username/--registry-password',
    );
  }
  let body: TokenResponse;
  try {
    body = response.json<TokenResponse>();
  } catch (error) {
    throw wrapHttpError(error, `token service of ${registry}`);
  }
  const token = typeof body.token === 'string' && body.token ? body.token : body.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new OciError('ERR_REGISTRY_AUTH', `the token service of ${registry} answered without a token`);
  }
  const lifetimeS =
    typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_LIFETIME_S;
  // Counted from our clock, not `issued_at`: a token service whose clock is off must not make a
  // fresh token look expired (or an old one look fresh).
  return { token, expiresAt: now + lifetimeS * 1000 - RENEW_MARGIN_MS };
}

export { basicHeader };
