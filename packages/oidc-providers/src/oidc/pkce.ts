import { createHash, randomBytes } from 'node:crypto';

/** A PKCE pair (RFC 7636): the secret verifier and its S256 challenge. */
export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/**
 * A fresh random value for `state` or `nonce`: 32 bytes, base64url.
 *
 * @example
 * ```ts
 * const state = randomValue(); // 43 characters
 * ```
 */
export function randomValue(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The S256 challenge of a verifier: `BASE64URL(SHA256(ASCII(verifier)))` (RFC 7636 §4.2). */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * A fresh PKCE pair with a 43-character verifier (32 random bytes).
 *
 * @example
 * ```ts
 * const { verifier, challenge } = createPkce();
 * ```
 */
export function createPkce(): Pkce {
  const verifier = randomValue(32);
  return { verifier, challenge: s256Challenge(verifier), method: 'S256' };
}
