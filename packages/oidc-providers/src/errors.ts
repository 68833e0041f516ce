import { KeylessError } from '@keyless/core';

/** Codes thrown by `@keyless/oidc-providers`; stable, so callers can `switch` on them. */
export type OidcErrorCode =
  /** Not a JWT, or its signature, issuer or audience does not verify. */
  | 'ERR_TOKEN_INVALID'
  /** The token's `exp` has passed. */
  | 'ERR_TOKEN_EXPIRED'
  /** The ID token's `nonce` is not the one sent in the authorization request. */
  | 'ERR_NONCE_MISMATCH'
  /** The authorization response's `state` is not the one sent (a forged or stale redirect). */
  | 'ERR_STATE_MISMATCH'
  /** The provider cannot run here: missing environment variable, file, socket or command. */
  | 'ERR_PROVIDER_UNAVAILABLE'
  /** The provider's source answered with an error, timed out, or answered something unusable. */
  | 'ERR_PROVIDER_FAILED'
  /** No provider of the requested name is known. */
  | 'ERR_PROVIDER_UNKNOWN'
  /** The issuer's discovery document is missing, malformed, or names another issuer. */
  | 'ERR_DISCOVERY_FAILED'
  /** The user (or the issuer) refused the authorization (`access_denied`). */
  | 'ERR_AUTHORIZATION_DENIED'
  /** The device code expired before the user approved it (`expired_token`). */
  | 'ERR_AUTHORIZATION_EXPIRED'
  /** The authorization or token request failed for another reason (e.g. `invalid_grant`). */
  | 'ERR_AUTHORIZATION_FAILED';

/** Error thrown by `@keyless/oidc-providers`. Its message never contains a token. */
export class OidcError extends KeylessError<OidcErrorCode> {}
