import { decodeJwt, type JWTPayload } from 'jose';
import { OidcError } from '../errors.js';

/** The claims of an identity token, as `keyless token` shows them. */
export interface TokenClaims extends JWTPayload {
  email?: string;
  email_verified?: boolean;
  [claim: string]: unknown;
}

/**
 * Decodes a token's claims WITHOUT verifying its signature: for display (`keyless token`) and
 * early sanity checks only, never for a trust decision. Throws `ERR_TOKEN_INVALID` (a message
 * that never quotes the token) when it is not a JWT.
 *
 * @example
 * ```ts
 * const { iss, sub, aud, exp } = decodeTokenClaims(token);
 * console.log(`${sub} from ${iss}, expires ${new Date(exp! * 1000).toISOString()}`);
 * ```
 */
export function decodeTokenClaims(token: string): TokenClaims {
  try {
    return decodeJwt(token.trim()) as TokenClaims;
  } catch (err) {
    throw new OidcError('ERR_TOKEN_INVALID', 'the identity token is not a JWT with a JSON claims set', {
      cause: err,
    });
  }
}

/** The `aud` claim as a list (it may be a string or an array). */
export function audiencesOf(claims: JWTPayload): string[] {
  if (typeof claims.aud === 'string') return [claims.aud];
  return Array.isArray(claims.aud) ? claims.aud.filter((a): a is string => typeof a === 'string') : [];
}
