import type { HttpClient } from '@keyless/core/http';
import { OidcError } from '../errors.js';
import type { ProviderMetadata } from './discovery.js';
import { createPkce, type Pkce, randomValue } from './pkce.js';
import { describeOAuthError, requestToken } from './token-endpoint.js';

/** One authorization request of the code flow: what was sent, kept to check what comes back. */
export interface AuthorizationAttempt {
  redirectUri: string;
  state: string;
  nonce: string;
  pkce: Pkce;
  /** The URL the user opens. */
  url: string;
}

/** Settings shared by every attempt of one sign-in. */
export interface AuthorizationSettings {
  metadata: ProviderMetadata;
  clientId: string;
  scope: string;
}

/**
 * A fresh authorization request (OpenID Connect Core §3.1.2.1) for `redirectUri`: response type
 * `code`, PKCE S256 (RFC 7636), a new random `nonce`, and `state` (random unless given, for a
 * listener that must know it before the request exists).
 *
 * @example
 * ```ts
 * const attempt = newAuthorizationAttempt({ metadata, clientId: 'sigstore', scope: 'openid email' }, redirectUri);
 * console.log(attempt.url);
 * ```
 */
export function newAuthorizationAttempt(
  settings: AuthorizationSettings,
  redirectUri: string,
  state = randomValue(),
): AuthorizationAttempt {
  const pkce = createPkce();
  const nonce = randomValue();
  const url = new URL(settings.metadata.authorization_endpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri,
    scope: settings.scope,
    state,
    nonce,
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return { redirectUri, state, nonce, pkce, url: url.href };
}

/**
 * Exchanges an authorization code for an ID token (RFC 6749 §4.1.3 with the PKCE verifier).
 * Resolves to the raw, not yet verified, ID token; an OAuth error is `ERR_AUTHORIZATION_DENIED`
 * (`access_denied`) or `ERR_AUTHORIZATION_FAILED`.
 */
export async function exchangeCode(
  http: HttpClient,
  settings: AuthorizationSettings,
  attempt: AuthorizationAttempt,
  code: string,
  signal?: AbortSignal,
): Promise<string> {
  const result = await requestToken(
    http,
    settings.metadata.token_endpoint,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: attempt.redirectUri,
      client_id: settings.clientId,
      code_verifier: attempt.pkce.verifier,
    },
    signal ? { signal } : {},
  );
  if (result.ok) return result.idToken;
  throw new OidcError(
    result.error === 'access_denied' ? 'ERR_AUTHORIZATION_DENIED' : 'ERR_AUTHORIZATION_FAILED',
    `the issuer refused the authorization code: ${describeOAuthError(result)}`,
  );
}
