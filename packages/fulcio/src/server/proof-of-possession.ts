import { verifySignature } from '@keyless/core';
import { FulcioError } from '../errors.js';
import { type AcceptedKey, proofHashes } from './public-key.js';

/**
 * Checks a proof of possession: a signature by the submitted key over one of `challenges` (the
 * token's email for email identities, its `sub` otherwise), DER-encoded for ECDSA, PKCS#1 v1.5 for
 * RSA. Throws `FulcioError` (`ERR_FULCIO_BAD_REQUEST`).
 */
export function checkProofOfPossession(
  key: AcceptedKey,
  challenges: readonly string[],
  proof: Uint8Array,
): void {
  const hashes = proofHashes(key.key);
  for (const challenge of challenges) {
    const data = new TextEncoder().encode(challenge);
    for (const hash of hashes) {
      if (verifySignature(key.key, data, proof, { hash })) return;
    }
  }
  throw new FulcioError(
    'ERR_FULCIO_BAD_REQUEST',
    'proof of possession does not verify: sign the identity token subject (its email for email identities, else its sub claim) with the submitted key',
  );
}
