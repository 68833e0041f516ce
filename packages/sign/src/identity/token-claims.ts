import { SigningError } from '../errors.js';

/** The claims of an identity token that signing uses. The token itself is verified by the CA. */
export interface IdentityTokenClaims {
  iss: string;
  sub: string;
  email?: string;
  /** Every claim, as decoded. */
  all: Record<string, unknown>;
}

function refuse(message: string): never {
  throw new SigningError('ERR_IDENTITY_TOKEN', message);
}

/**
 * Reads the payload of a compact JWT without checking its signature (the CA does that): only to
 * learn the subject to prove possession of the key for, and which identity to expect in the
 * certificate. Errors never include the token.
 *
 * @example
 * ```ts
 * readTokenClaims(token).iss; // 'https://accounts.google.com'
 * ```
 */
export function readTokenClaims(token: string): IdentityTokenClaims {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) {
    refuse('the identity token is not a JWT (three base64url parts separated by dots)');
  }
  let all: unknown;
  try {
    all = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    refuse('the identity token payload is not base64url-encoded JSON');
  }
  if (typeof all !== 'object' || all === null || Array.isArray(all)) {
    refuse('the identity token payload is not a JSON object');
  }
  const claims = all as Record<string, unknown>;
  const { iss, sub, email } = claims;
  if (typeof iss !== 'string' || iss === '') refuse('the identity token has no iss (issuer) claim');
  if (typeof sub !== 'string' || sub === '') refuse('the identity token has no sub (subject) claim');
  return { iss, sub, ...(typeof email === 'string' && email !== '' ? { email } : {}), all: claims };
}

/**
 * The text a Fulcio-style CA asks the key holder to sign as proof of possession: the token's
 * email for email identities, its `sub` claim otherwise. A token carrying an `email` claim is
 * taken for an email identity, which holds for the email issuers Sigstore instances accept
 * (Google, GitHub and Microsoft sign-in through Dex) while workload tokens (GitHub Actions,
 * GitLab, SPIFFE, Kubernetes) carry no `email` claim.
 */
export function proofOfPossessionChallenge(claims: IdentityTokenClaims): string {
  return claims.email ?? claims.sub;
}
