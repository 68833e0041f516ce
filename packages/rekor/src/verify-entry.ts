import type { PreparedLog, TransparencyLogEntry } from '@keyless/core';
import { bytesEqual, findLogs, isWithinValidity, toHex } from '@keyless/core';
import { parseCheckpoint } from './checkpoint/parse.js';
import type { SignedCheckpoint } from './checkpoint/types.js';
import { verifyCheckpoint } from './checkpoint/verify.js';
import { RekorError } from './errors.js';
import { hashLeaf } from './merkle/hash.js';
import { verifyInclusionProof } from './merkle/inclusion.js';
import { verifyInclusionPromise } from './set/verify.js';

/** How far an integrated time may be ahead of the verifier's clock before it counts as "in the future". */
export const INTEGRATED_TIME_CLOCK_SKEW_SECONDS = 60;

/** A proof of inclusion that was checked. */
export type LogEntryCheck = 'inclusion-promise' | 'inclusion-proof' | 'checkpoint';

export interface VerifyLogEntryOptions {
  /** The verifier's clock; defaults to the current time. */
  now?: Date;
  /**
   * Trusted times for the signature (e.g. verified RFC 3161 timestamps). Used only for entries
   * without an integrated time (Rekor v2): the log key must then be valid at every one of them.
   */
  timestamps?: readonly Date[];
  /** Reject an entry that carries no inclusion proof, even with an inclusion promise (bundles v0.2+). */
  requireInclusionProof?: boolean;
}

export interface VerifiedLogEntry {
  /** The trusted log (and key) the entry verified with. */
  log: PreparedLog;
  /** When the log says it integrated the entry; `undefined` when it does not say (Rekor v2). */
  integratedTime?: Date;
  /** What was verified, in order. */
  checks: LogEntryCheck[];
  /** The verified checkpoint, when the entry has an inclusion proof. */
  checkpoint?: SignedCheckpoint;
}

/**
 * Verifies that a transparency log entry was logged by a trusted log:
 *
 * 1. the entry's log ID names a trusted log (`ERR_TLOG_UNKNOWN_LOG`);
 * 2. its integrated time, when present, is not in the future, allowing
 *    {@link INTEGRATED_TIME_CLOCK_SKEW_SECONDS} of clock skew (`ERR_TLOG_INTEGRATED_TIME_IN_FUTURE`);
 * 3. a key of that log is valid at the integrated time (when several keys share the log ID, the
 *    one valid then is used). Without an integrated time (Rekor v2) the key must be valid at every
 *    time in `options.timestamps`, or, when none are given, its validity must have started by now;
 *    the caller then checks those timestamps separately (`ERR_TLOG_KEY_NOT_VALID`);
 * 4. the inclusion promise (SET), when present, verifies with the key;
 * 5. the inclusion proof, when present, leads from the entry's leaf hash to its root hash, and its
 *    checkpoint is signed by the log and names the same tree size and root hash;
 * 6. at least one of 4 and 5 is present (`ERR_TLOG_MISSING_PROOF`).
 *
 * It does not compare the body with the bundle: see `verifyEntryBody`.
 *
 * @example
 * ```ts
 * const trusted = prepareTrustedRoot(parseTrustedRoot(json));
 * const { log, integratedTime, checks } = verifyTransparencyLogEntry(bundle.verificationMaterial.tlogEntries[0], trusted.tlogs);
 * ```
 */
export function verifyTransparencyLogEntry(
  entry: TransparencyLogEntry,
  logs: readonly PreparedLog[],
  options: VerifyLogEntryOptions = {},
): VerifiedLogEntry {
  if (!Number.isSafeInteger(entry.logIndex) || entry.logIndex < 0) {
    throw new RekorError(
      'ERR_TLOG_ENTRY_INVALID',
      `log index ${entry.logIndex} is not a non-negative integer`,
    );
  }
  const candidates = findLogs(logs, entry.logId.keyId);
  if (candidates.length === 0) {
    throw new RekorError(
      'ERR_TLOG_UNKNOWN_LOG',
      `no trusted transparency log has log ID ${toHex(entry.logId.keyId)}`,
    );
  }
  const now = options.now ?? new Date();
  const integratedTime = entry.integratedTime > 0 ? new Date(entry.integratedTime * 1000) : undefined;
  if (
    integratedTime &&
    integratedTime.getTime() > now.getTime() + INTEGRATED_TIME_CLOCK_SKEW_SECONDS * 1000
  ) {
    throw new RekorError(
      'ERR_TLOG_INTEGRATED_TIME_IN_FUTURE',
      `entry integrated time ${integratedTime.toISOString()} is in the future`,
    );
  }
  const log = selectLog(candidates, integratedTime, options.timestamps, now);

  if (!entry.inclusionPromise && !entry.inclusionProof) {
    throw new RekorError(
      'ERR_TLOG_MISSING_PROOF',
      'log entry has neither an inclusion promise nor an inclusion proof',
    );
  }
  if (options.requireInclusionProof && !entry.inclusionProof) {
    throw new RekorError('ERR_TLOG_MISSING_PROOF', 'log entry has no inclusion proof');
  }

  const checks: LogEntryCheck[] = [];
  if (entry.inclusionPromise) {
    verifyInclusionPromise(entry, log);
    checks.push('inclusion-promise');
  }
  let checkpoint: SignedCheckpoint | undefined;
  const proof = entry.inclusionProof;
  if (proof) {
    if (log.instance.hashAlgorithm && log.instance.hashAlgorithm !== 'SHA2_256') {
      throw new RekorError(
        'ERR_TLOG_INCLUSION_PROOF_INVALID',
        `tree hash ${log.instance.hashAlgorithm} is not supported`,
      );
    }
    verifyInclusionProof({
      logIndex: proof.logIndex,
      treeSize: proof.treeSize,
      leafHash: hashLeaf(entry.canonicalizedBody),
      hashes: proof.hashes,
      rootHash: proof.rootHash,
    });
    checks.push('inclusion-proof');
    checkpoint = parseCheckpoint(proof.checkpoint.envelope);
    verifyCheckpoint(checkpoint, log);
    if (checkpoint.treeSize !== proof.treeSize) {
      throw new RekorError(
        'ERR_TLOG_CHECKPOINT_INVALID',
        `checkpoint tree size ${checkpoint.treeSize} is not the inclusion proof's ${proof.treeSize}`,
      );
    }
    if (!bytesEqual(checkpoint.rootHash, proof.rootHash)) {
      throw new RekorError(
        'ERR_TLOG_CHECKPOINT_INVALID',
        "checkpoint root hash is not the inclusion proof's",
      );
    }
    checks.push('checkpoint');
  }
  return checkpoint ? { log, integratedTime, checks, checkpoint } : { log, integratedTime, checks };
}

function selectLog(
  candidates: readonly PreparedLog[],
  integratedTime: Date | undefined,
  timestamps: readonly Date[] | undefined,
  now: Date,
): PreparedLog {
  const name = candidates[0]!.baseUrl;
  const usable = candidates.filter((log) => log.key !== undefined);
  if (usable.length === 0) {
    throw new RekorError('ERR_TLOG_KEY_NOT_VALID', `log ${name} has no usable public key`);
  }
  let times: readonly Date[] | undefined = timestamps?.length ? timestamps : undefined;
  if (integratedTime) times = [integratedTime];
  if (times) {
    const at = times;
    const log = usable.find((l) => at.every((t) => isWithinValidity(l.validFor, t)));
    if (log) return log;
    const when = at.map((t) => t.toISOString()).join(', ');
    throw new RekorError('ERR_TLOG_KEY_NOT_VALID', `no key of log ${name} is valid at ${when}`);
  }
  const started = usable.find((l) => l.validFor.start !== undefined && l.validFor.start <= now);
  if (started) return started;
  throw new RekorError(
    'ERR_TLOG_KEY_NOT_VALID',
    `no key of log ${name} has a validity period that has started`,
  );
}
