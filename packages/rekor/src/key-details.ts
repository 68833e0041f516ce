import type { KeyObject } from 'node:crypto';
import type { HashAlgorithm, HashName, PublicKeyDetails } from '@keyless/core';

/**
 * The protobuf-specs `PublicKeyDetails` a Rekor v2 verifier declares for `key`: the curve's own
 * hash for ECDSA, PKCS#1 v1.5 with SHA-256 for RSA by modulus size, pure Ed25519. `undefined` for
 * keys Rekor does not accept.
 *
 * @example
 * ```ts
 * keyDetailsForKey(certificate.publicKey); // 'PKIX_ECDSA_P256_SHA_256'
 * ```
 */
export function keyDetailsForKey(key: KeyObject): PublicKeyDetails | undefined {
  switch (key.asymmetricKeyType) {
    case 'ec':
      switch (key.asymmetricKeyDetails?.namedCurve) {
        case 'prime256v1':
          return 'PKIX_ECDSA_P256_SHA_256';
        case 'secp384r1':
          return 'PKIX_ECDSA_P384_SHA_384';
        case 'secp521r1':
          return 'PKIX_ECDSA_P521_SHA_512';
        default:
          return undefined;
      }
    case 'rsa': {
      const bits = key.asymmetricKeyDetails?.modulusLength;
      return bits === 2048 || bits === 3072 || bits === 4096 ? `PKIX_RSA_PKCS1V15_${bits}_SHA256` : undefined;
    }
    case 'ed25519':
      return 'PKIX_ED25519';
    default:
      return undefined;
  }
}

const HASH_ALGORITHM: Record<HashName, HashAlgorithm> = {
  sha256: 'SHA2_256',
  sha384: 'SHA2_384',
  sha512: 'SHA2_512',
};

/** The protobuf-specs `HashAlgorithm` of a Node hash name. */
export function hashAlgorithmOf(hash: HashName): HashAlgorithm {
  return HASH_ALGORITHM[hash];
}

/** Byte length of a digest of each `HashAlgorithm`. */
export const DIGEST_LENGTH: Record<HashAlgorithm, number> = {
  SHA2_256: 32,
  SHA2_384: 48,
  SHA2_512: 64,
  SHA3_256: 32,
  SHA3_384: 48,
};
