import { constants, type KeyObject, verify } from 'node:crypto';
import type { HashName } from './keys.js';

export interface SignatureOptions {
  /** Digest algorithm; `null` for Ed25519 (pure). */
  hash: HashName | null;
  /** RSA padding; PKCS#1 v1.5 unless 'pss'. */
  padding?: 'pkcs1' | 'pss';
}

/**
 * Verifies `signature` over `data` with `key`. Never throws for a bad or malformed signature:
 * a verifier wants a yes or no. ECDSA signatures are DER (X9.62) encoded.
 */
export function verifySignature(
  key: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
  options: SignatureOptions,
): boolean {
  try {
    if (options.padding === 'pss') {
      return verify(
        options.hash,
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
        signature,
      );
    }
    return verify(options.hash, data, key, signature);
  } catch {
    return false;
  }
}
