import type { X509Certificate } from '@keyless/core';
import { verifyEmbeddedScts } from '@keyless/fulcio';
import { VerificationError } from '../errors.js';
import type { CheckLog } from '../result.js';
import type { TrustMaterial } from '../trust-material.js';

/** Requires `threshold` embedded SCTs from CT logs of the trusted root. */
export function assertScts(
  leaf: X509Certificate,
  issuer: X509Certificate,
  trust: TrustMaterial,
  threshold: number,
  log: CheckLog,
): void {
  if (threshold <= 0) return;
  let verified: ReturnType<typeof verifyEmbeddedScts>;
  try {
    verified = verifyEmbeddedScts(leaf, issuer, trust.ctlogs);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new VerificationError('ERR_SCT', `embedded SCT verification failed: ${message}`, { cause });
  }
  if (verified.length < threshold) {
    throw new VerificationError(
      'ERR_SCT',
      `signing certificate has ${verified.length} valid SCTs from trusted CT logs, ${threshold} required`,
    );
  }
  log.passed(
    'sct',
    `${verified.length} embedded SCT${verified.length === 1 ? '' : 's'} verified against trusted CT logs`,
  );
}
