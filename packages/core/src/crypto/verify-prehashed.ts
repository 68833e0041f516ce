import { constants, type KeyObject, publicDecrypt } from 'node:crypto';
import { bytesEqual } from './digest.js';
import { verifyEcdsaPrehashed } from './ecdsa-prehashed.js';
import type { HashName } from './keys.js';

// DER DigestInfo prefixes (RFC 8017 §9.2 note 1) for PKCS#1 v1.5.
const DIGEST_INFO_PREFIX: Record<HashName, string> = {
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

/**
 * Verifies a signature made over a precomputed digest (ECDSA P-256/384/521 or RSA PKCS#1 v1.5).
 * Ed25519 signs messages, not digests, so it always returns false.
 */
export function verifyPrehashedSignature(
  key: KeyObject,
  digest: Uint8Array,
  signature: Uint8Array,
  hash: HashName,
): boolean {
  if (key.asymmetricKeyType === 'ec') return verifyEcdsaPrehashed(key, digest, signature);
  if (key.asymmetricKeyType === 'rsa') {
    try {
      const recovered = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
      const expected = Buffer.concat([Buffer.from(DIGEST_INFO_PREFIX[hash], 'hex'), digest]);
      return bytesEqual(recovered, expected);
    } catch {
      return false;
    }
  }
  return false;
}
