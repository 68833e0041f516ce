import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

/** Lifetime of a development token, in seconds: long enough for a signing, short enough to be worthless once leaked. */
export const DEV_TOKEN_LIFETIME_SECONDS = 600;

/** The audience Sigstore CAs expect. */
export const SIGSTORE_AUDIENCE = 'sigstore';

export interface MintOptions {
  key: KeyObject;
  kid: string;
  issuer: string;
  /** Claims besides iss, aud, iat, nbf and exp (`sub` is required). */
  claims: Record<string, unknown> & { sub: string };
  /** Default {@link SIGSTORE_AUDIENCE}. */
  audience?: string;
  /** Seconds; default {@link DEV_TOKEN_LIFETIME_SECONDS}. */
  lifetime?: number;
  now?: Date;
}

/**
 * Signs an RS256 ID token with the issuer's key.
 *
 * @example
 * ```ts
 * const token = await mintIdToken({ key, kid, issuer, claims: { sub: 'me@example.com', email: 'me@example.com', email_verified: true } });
 * ```
 */
export function mintIdToken(options: MintOptions): Promise<string> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const { sub, ...claims } = options.claims;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: options.kid, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setSubject(sub)
    .setAudience(options.audience ?? SIGSTORE_AUDIENCE)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + (options.lifetime ?? DEV_TOKEN_LIFETIME_SECONDS))
    .sign(options.key);
}
