import type { KeyObject } from 'node:crypto';
import { defaultHashForKey, type HashName, verifyPrehashedSignature, verifySignature } from '@keyless/core';

/**
 * Whether `signature` over the message `data` verifies with `key`: pure Ed25519, or ECDSA/RSA
 * (PKCS#1 v1.5) with the curve's own hash or SHA-256, the two hashes Sigstore signers use.
 */
export function verifiesMessage(key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  if (key.asymmetricKeyType === 'ed25519') return verifySignature(key, data, signature, { hash: null });
  const hashes = new Set<HashName>([defaultHashForKey(key) ?? 'sha256', 'sha256']);
  for (const hash of hashes) if (verifySignature(key, data, signature, { hash })) return true;
  return false;
}

/**
 * Whether `signature` over a precomputed `digest` (of algorithm `hash`) verifies with `key`.
 * Ed25519 signs messages, not digests, so it never does.
 */
export function verifiesDigest(
  key: KeyObject,
  digest: Uint8Array,
  signature: Uint8Array,
  hash: HashName,
): boolean {
  return verifyPrehashedSignature(key, digest, signature, hash);
}
