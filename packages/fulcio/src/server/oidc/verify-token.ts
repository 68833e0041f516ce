import { decodeJwt, errors, type JWTPayload, jwtVerify } from 'jose';
import { FulcioError } from '../../errors.js';
import type { IssuerKeys, TrustedIssuer } from './issuer-keys.js';

/** Leeway for `exp`, `nbf` and `iat` against clock drift between the issuer and this CA. */
const CLOCK_SKEW_SECONDS = 30;
/** Asymmetric JWS algorithms only: a shared secret could never prove who signed. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface VerifyTokenOptions {
  issuers: ReadonlyMap<string, TrustedIssuer>;
  keys: IssuerKeys;
  /** Expected `aud`. */
  clientId: string;
  now: Date;
}

/** A token whose signature, issuer, audience and times checked out. */
export interface VerifiedToken {
  issuer: TrustedIssuer;
  claims: JWTPayload;
}

function unauthenticated(message: string, cause?: unknown): never {
  throw new FulcioError('ERR_FULCIO_UNAUTHENTICATED', message, { cause });
}

/** Claim values from the token are quoted in errors, cut short: they are not secret, but not ours. */
function quote(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}...` : text);
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'identity token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `identity token rejected: ${error.message}`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return "identity token signature does not verify with the issuer's keys";
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'identity token is signed with an algorithm not allowed';
  return 'identity token is malformed';
}

function mustRefresh(error: unknown): boolean {
  return error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed;
}

/**
 * Verifies an OIDC identity token as Fulcio does: the issuer must be trusted, the signature must
 * verify with the issuer's published keys, `aud` must be the CA's client ID, and `exp`, `nbf`
 * and `iat` must hold (with 30 s leeway); `sub` must be present. Throws `FulcioError`
 * (`ERR_FULCIO_UNAUTHENTICATED`); messages never include the token.
 */
export async function verifyIdentityToken(
  token: string,
  options: VerifyTokenOptions,
): Promise<VerifiedToken> {
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(token);
  } catch (cause) {
    return unauthenticated('identity token is not a JWT', cause);
  }
  const issuer = typeof unverified.iss === 'string' ? options.issuers.get(unverified.iss) : undefined;
  if (!issuer) {
    return unauthenticated(`identity token issuer ${quote(unverified.iss)} is not trusted by this CA`);
  }
  const verifyOptions = {
    issuer: issuer.issuerUrl,
    audience: options.clientId,
    algorithms: ALGORITHMS,
    clockTolerance: CLOCK_SKEW_SECONDS,
    currentDate: options.now,
    requiredClaims: ['exp', 'iat', 'sub'],
  };
  const keys = await options.keys.keysFor(issuer);
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, keys, verifyOptions));
  } catch (error) {
    if (!mustRefresh(error)) return unauthenticated(describe(error), error);
    const fresh = await options.keys.keysFor(issuer, { refresh: true });
    try {
      ({ payload: claims } = await jwtVerify(token, fresh, verifyOptions));
    } catch (retryError) {
      return unauthenticated(describe(retryError), retryError);
    }
  }
  // jose checks `iat` only against a maximum age; a token from the future is refused here.
  if (typeof claims.iat === 'number' && claims.iat > options.now.getTime() / 1000 + CLOCK_SKEW_SECONDS) {
    return unauthenticated('identity token iat claim is in the future');
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') {
    return unauthenticated('identity token has no sub claim');
  }
  return { issuer, claims };
}
