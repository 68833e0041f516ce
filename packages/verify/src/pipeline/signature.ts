import type { KeyObject } from 'node:crypto';
import {
  defaultHashForKey,
  type Envelope,
  type HashAlgorithm,
  type HashName,
  verifyPrehashedSignature,
  verifySignature,
} from '@keyless/core';
import { VerificationError } from '../errors.js';
import type { Artifact } from './artifact.js';

const HASH_BY_ALGORITHM: Partial<Record<HashAlgorithm, HashName>> = {
  SHA2_256: 'sha256',
  SHA2_384: 'sha384',
  SHA2_512: 'sha512',
};

/** DSSE pre-authentication encoding: the bytes a DSSE signature covers. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'utf8'),
    type,
    Buffer.from(` ${payload.length} `, 'utf8'),
    payload,
  ]);
}

/** Verifies a message signature over the artifact (its bytes, or its digest when that is all we have). */
export function assertMessageSignature(
  key: KeyObject,
  signature: Uint8Array,
  artifact: Artifact,
  digest: { algorithm: HashAlgorithm; digest: Uint8Array },
): void {
  const hash =
    key.asymmetricKeyType === 'ed25519'
      ? null
      : (HASH_BY_ALGORITHM[digest.algorithm] ?? defaultHashForKey(key));
  let valid: boolean;
  if (artifact.bytes) {
    valid = verifySignature(key, artifact.bytes, signature, { hash });
  } else if (hash) {
    valid = verifyPrehashedSignature(key, digest.digest, signature, hash);
  } else {
    throw new VerificationError(
      'ERR_INVALID_INPUT',
      'an Ed25519 signature can only be checked against the artifact itself, not its digest',
    );
  }
  if (!valid)
    throw new VerificationError(
      'ERR_SIGNATURE',
      'signature does not verify over the artifact with the signing key',
    );
}

/** Verifies the single DSSE signature over PAE(payloadType, payload). */
export function assertEnvelopeSignature(key: KeyObject, envelope: Envelope): void {
  if (envelope.signatures.length !== 1) {
    throw new VerificationError(
      'ERR_BUNDLE_INVALID',
      `DSSE envelope must carry exactly one signature, found ${envelope.signatures.length}`,
    );
  }
  const pae = preAuthEncoding(envelope.payloadType, envelope.payload);
  if (!verifySignature(key, pae, envelope.signatures[0]!.sig, { hash: defaultHashForKey(key) })) {
    throw new VerificationError(
      'ERR_SIGNATURE',
      'DSSE envelope signature does not verify with the signing key',
    );
  }
}
