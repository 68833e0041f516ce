import type { KeyObject } from 'node:crypto';
import { defaultHashForKey, type HashName, importSpki } from '@keyless/core';
import { FulcioError } from '../errors.js';

/** A leaf key the CA accepts, with the SPKI written into the certificate. */
export interface AcceptedKey {
  key: KeyObject;
  /** The key re-encoded as DER SubjectPublicKeyInfo (EC points uncompressed). */
  spki: Uint8Array;
}

const EC_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1']);

function badRequest(message: string, cause?: unknown): never {
  throw new FulcioError('ERR_FULCIO_BAD_REQUEST', message, { cause });
}

/**
 * Imports a leaf public key and refuses weak or unsupported ones, as Fulcio does: ECDSA on
 * P-256, P-384 or P-521, RSA of 2048 to 4096 bits, or Ed25519. Throws `FulcioError`
 * (`ERR_FULCIO_BAD_REQUEST`).
 */
export function acceptPublicKey(spki: Uint8Array): AcceptedKey {
  let key: KeyObject;
  try {
    key = importSpki(spki);
  } catch (cause) {
    return badRequest('public key is not a valid SubjectPublicKeyInfo', cause);
  }
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'ec':
      if (!EC_CURVES.has(details.namedCurve ?? '')) {
        badRequest(`ECDSA curve ${details.namedCurve} is not supported; use P-256, P-384 or P-521`);
      }
      break;
    case 'rsa': {
      const bits = details.modulusLength ?? 0;
      if (bits < 2048 || bits > 4096)
        badRequest(`RSA key size ${bits} is not supported; use 2048 to 4096 bits`);
      break;
    }
    case 'ed25519':
      break;
    default:
      badRequest(`public key type ${key.asymmetricKeyType} is not supported; use ECDSA, RSA or Ed25519`);
  }
  return { key, spki: key.export({ type: 'spki', format: 'der' }) };
}

/**
 * The hashes a proof of possession may use with `key`: the key's default one (the curve's size
 * for ECDSA, SHA-256 for RSA, none for Ed25519), as Fulcio's verifier picks it, and also SHA-256
 * for P-384 and P-521 keys, which older clients and older Fulcio releases used.
 */
export function proofHashes(key: KeyObject): (HashName | null)[] {
  const preferred = defaultHashForKey(key);
  return key.asymmetricKeyType === 'ec' && preferred !== 'sha256' ? [preferred, 'sha256'] : [preferred];
}
