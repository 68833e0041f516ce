import { type Bundle, KeylessError, type VerifiedTimestamp } from '@keyless/core';
import { verifyRfc3161Timestamp } from '@keyless/timestamp';
import { VerificationError } from '../errors.js';
import type { CheckLog } from '../result.js';
import type { TrustMaterial } from '../trust-material.js';

/** The bytes an RFC 3161 timestamp in a bundle covers: the signature. */
export function timestampedSignature(bundle: Bundle): Uint8Array {
  return bundle.content.type === 'messageSignature'
    ? bundle.content.messageSignature.signature
    : (bundle.content.dsseEnvelope.signatures[0]?.sig ?? new Uint8Array());
}

/** Verifies every RFC 3161 timestamp in the bundle against the trusted TSAs. */
export function verifyRfc3161Timestamps(
  bundle: Bundle,
  trust: TrustMaterial,
  log: CheckLog,
): VerifiedTimestamp[] {
  const signature = timestampedSignature(bundle);
  return bundle.verificationMaterial.rfc3161Timestamps.map((token, index) => {
    try {
      const verified = verifyRfc3161Timestamp(token, signature, trust.timestampAuthorities);
      log.passed(
        'timestamp',
        `RFC 3161 timestamp ${verified.time.toISOString()} from ${verified.authority} verified`,
      );
      return verified;
    } catch (cause) {
      const message = cause instanceof KeylessError || cause instanceof Error ? cause.message : String(cause);
      throw new VerificationError('ERR_TIMESTAMP', `RFC 3161 timestamp ${index}: ${message}`, { cause });
    }
  });
}
