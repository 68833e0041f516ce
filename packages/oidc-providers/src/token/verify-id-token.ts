import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { OidcError } from '../errors.js';

/** Signature algorithms an ID token may use: asymmetric only, since the client holds no secret. */
const ID_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** What an ID token must satisfy; see {@link verifyIdToken}. */
export interface IdTokenExpectations {
  /** The issuer's keys, e.g. `createRemoteJWKSet(jwks_uri)`. */
  keys: JWTVerifyGetKey;
  /** Exact `iss`: the `issuer` of the discovery document. */
  issuer: string;
  /** An `aud` the token must carry: the client ID. */
  audience: string;
  /** The `nonce` sent in the authorization request, when one was. */
  nonce?: string;
  /** Clock of the check. Default: now. */
  now?: Date;
  /** Leeway for `exp`, `nbf` and `iat`, in seconds. Default 60. */
  clockToleranceSeconds?: number;
}

/**
 * Verifies an ID token received from a token endpoint (OpenID Connect Core §3.1.3.7): signature
 * by one of the issuer's keys, `iss`, `aud`, `exp` and, when given, `nonce`. Resolves to the
 * verified claims; throws `ERR_TOKEN_INVALID`, `ERR_TOKEN_EXPIRED` or `ERR_NONCE_MISMATCH`.
 *
 * @example
 * ```ts
 * const keys = createRemoteJWKSet(new URL(metadata.jwks_uri));
 * const claims = await verifyIdToken(idToken, { keys, issuer: metadata.issuer, audience: 'sigstore', nonce });
 * ```
 */
export async function verifyIdToken(token: string, expected: IdTokenExpectations): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, expected.keys, {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: ID_TOKEN_ALGORITHMS,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: expected.clockToleranceSeconds ?? 60,
      ...(expected.now && { currentDate: expected.now }),
    }));
  } catch (err) {
    throw idTokenError(err, expected);
  }
  if (expected.nonce !== undefined && payload.nonce !== expected.nonce) {
    throw new OidcError(
      'ERR_NONCE_MISMATCH',
      'the ID token does not carry the nonce of this sign-in (a replayed or substituted token); sign in again',
    );
  }
  return payload;
}

function idTokenError(err: unknown, expected: IdTokenExpectations): unknown {
  if (err instanceof OidcError) return err;
  if (err instanceof errors.JWTExpired) {
    return new OidcError('ERR_TOKEN_EXPIRED', 'the ID token has expired; sign in again', { cause: err });
  }
  if (err instanceof errors.JWTClaimValidationFailed) {
    const why =
      err.claim === 'iss'
        ? `was not issued by ${expected.issuer}`
        : err.claim === 'aud'
          ? `is not meant for client "${expected.audience}"`
          : `has an unacceptable "${err.claim}" claim (${err.reason})`;
    return new OidcError('ERR_TOKEN_INVALID', `the ID token ${why}`, { cause: err });
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) {
    return new OidcError(
      'ERR_TOKEN_INVALID',
      "the ID token's signature does not verify with the issuer's keys",
      {
        cause: err,
      },
    );
  }
  if (err instanceof errors.JWKSNoMatchingKey) {
    return new OidcError('ERR_TOKEN_INVALID', 'the ID token is signed by a key the issuer does not publish', {
      cause: err,
    });
  }
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) {
    return new OidcError(
      'ERR_TOKEN_INVALID',
      'the ID token uses a signature algorithm that is not accepted',
      {
        cause: err,
      },
    );
  }
  if (err instanceof errors.JOSEError) {
    // jose's messages describe structure, never quote the token.
    return new OidcError('ERR_TOKEN_INVALID', `the ID token is malformed: ${err.message}`, { cause: err });
  }
  return err;
}
