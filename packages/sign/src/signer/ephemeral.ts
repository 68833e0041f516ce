import { generateKeyPairSync, sign } from 'node:crypto';
import type { Signer } from '@keyless/core';

/**
 * A signer holding a fresh ECDSA P-256 key pair, generated now and kept only in this object's
 * memory: it is never written anywhere and is gone with the process. Signatures are ECDSA with
 * SHA-256, DER-encoded (what Fulcio, Rekor and bundle verifiers expect for
 * `PKIX_ECDSA_P256_SHA_256`).
 *
 * @example
 * ```ts
 * const signer = createEphemeralSigner();
 * const signature = await signer.sign(new TextEncoder().encode('hello'));
 * ```
 */
export function createEphemeralSigner(): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  return {
    name: 'ephemeral ECDSA P-256',
    publicKey: spki,
    async sign(data) {
      return new Uint8Array(sign('sha256', data, privateKey));
    },
  };
}
