import { createPublicKey, type KeyObject } from 'node:crypto';
import { CoreError } from '../errors/keyless-error.js';
import type { PublicKeyDetails } from '../trusted-root/types.js';
import { ecSpkiToJwk } from './ec-spki.js';

export type HashName = 'sha256' | 'sha384' | 'sha512';

/** Imports a DER SubjectPublicKeyInfo. */
export function importSpki(der: Uint8Array): KeyObject {
  try {
    const jwk = ecSpkiToJwk(der);
    if (jwk) return createPublicKey({ key: jwk, format: 'jwk' });
    return createPublicKey({
      key: Buffer.from(der.buffer, der.byteOffset, der.byteLength),
      format: 'der',
      type: 'spki',
    });
  } catch (cause) {
    throw new CoreError('ERR_UNSUPPORTED_ALGORITHM', 'public key is not a valid SubjectPublicKeyInfo', {
      cause,
    });
  }
}

/** Imports a PEM public key (SPKI) or a certificate's key. */
export function importPublicKeyPem(pem: string): KeyObject {
  try {
    return createPublicKey(pem);
  } catch (cause) {
    throw new CoreError('ERR_UNSUPPORTED_ALGORITHM', 'not a PEM public key', { cause });
  }
}

/**
 * The hash a key signs with when nothing else says: the curve's own size for ECDSA (as Sigstore
 * clients do), SHA-256 for RSA, none for Ed25519.
 */
export function defaultHashForKey(key: KeyObject): HashName | null {
  switch (key.asymmetricKeyType) {
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'secp384r1') return 'sha384';
      if (curve === 'secp521r1') return 'sha512';
      return 'sha256';
    }
    case 'ed25519':
      return null;
    default:
      return 'sha256';
  }
}

/** The hash a trusted-root key is declared to use. */
export function hashForKeyDetails(details: PublicKeyDetails): HashName | null {
  if (details.includes('ED25519')) return details.endsWith('_PH') ? 'sha512' : null;
  if (details.includes('384')) return 'sha384';
  if (details.includes('P521') || details.includes('512')) return 'sha512';
  return 'sha256';
}
