import {
  type Bundle,
  type HashAlgorithm,
  KeylessError,
  type TransparencyLogEntry,
  type VerifiedTimestamp,
} from '@keyless/core';
import { verifyEntryBody, verifyTransparencyLogEntry } from '@keyless/rekor';
import { VerificationError } from '../errors.js';
import type { CheckLog } from '../result.js';
import type { TrustMaterial } from '../trust-material.js';
import type { SignerMaterial } from './signer.js';

function wrap(cause: unknown, index: number): VerificationError {
  if (cause instanceof VerificationError) return cause;
  const code = cause instanceof KeylessError ? cause.code : '';
  const message = cause instanceof Error ? cause.message : String(cause);
  const bodyProblem = code === 'ERR_TLOG_BODY_MISMATCH' || code === 'ERR_TLOG_BODY_INVALID';
  return new VerificationError(
    bodyProblem ? 'ERR_TLOG_BODY_MISMATCH' : 'ERR_TLOG',
    `transparency log entry ${index}: ${message}`,
    {
      cause,
    },
  );
}

function describeEntry(entry: TransparencyLogEntry, baseUrl: string, checks: readonly string[]): string {
  return `log entry ${entry.logIndex} in ${baseUrl} verified (${checks.join(', ')})`;
}

/**
 * Verifies every transparency log entry (log, SET / inclusion proof / checkpoint, body) and
 * returns the integrated times they vouch for. Any entry that fails fails the bundle.
 */
export function verifyTlogEntries(
  bundle: Bundle,
  signer: SignerMaterial,
  artifactDigest: { algorithm: HashAlgorithm; digest: Uint8Array } | undefined,
  trust: TrustMaterial,
  threshold: number,
  now: Date,
  tsaTimes: readonly Date[],
  log: CheckLog,
): VerifiedTimestamp[] {
  const entries = bundle.verificationMaterial.tlogEntries;
  const times: VerifiedTimestamp[] = [];
  const signerForBody =
    signer.kind === 'certificate' ? { certificate: signer.leaf.der } : { publicKey: signer.spki };
  entries.forEach((entry, index) => {
    let verified: ReturnType<typeof verifyTransparencyLogEntry>;
    try {
      verified = verifyTransparencyLogEntry(entry, trust.tlogs, {
        now,
        // Entries without an integrated time (Rekor v2) are dated by the RFC 3161 timestamps.
        timestamps: tsaTimes,
        requireInclusionProof: bundle.version !== '0.1',
      });
      verifyEntryBody(entry, bundle.content, signerForBody, artifactDigest);
    } catch (cause) {
      throw wrap(cause, index);
    }
    log.passed('tlog-entry', describeEntry(entry, verified.log.baseUrl, verified.checks));
    log.passed(
      'tlog-body',
      `log entry ${entry.logIndex} (${entry.kindVersion.kind} ${entry.kindVersion.version}) records this signature`,
    );
    // An integrated time is only evidence when the log signed it (the SET); a bare number in the
    // bundle could have been edited.
    if (verified.integratedTime && verified.checks.includes('inclusion-promise')) {
      times.push({
        kind: 'transparency-log',
        authority: verified.log.baseUrl,
        time: verified.integratedTime,
      });
    }
  });
  if (entries.length < threshold) {
    throw new VerificationError(
      'ERR_TLOG_THRESHOLD',
      `bundle has ${entries.length} verified transparency log entries, ${threshold} required`,
    );
  }
  return times;
}
