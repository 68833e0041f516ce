import {
  bytesEqual,
  fromHexStrict,
  type PreparedLog,
  type ProposedEntry,
  type TransparencyLogEntry,
} from '@keyless/core';
import { verifyEntryBody } from '../body/verify.js';
import { logOriginName, originMatches } from '../checkpoint/log-key.js';
import { parseCheckpoint } from '../checkpoint/parse.js';
import type { SignedCheckpoint } from '../checkpoint/types.js';
import { verifyCheckpoint } from '../checkpoint/verify.js';
import { RekorError } from '../errors.js';
import type { RekorV1LogInfoJson } from '../v1/api-types.js';
import { verifyTransparencyLogEntry } from '../verify-entry.js';
import { expectedContent } from './proposal.js';
import { invalidResponse } from './request-error.js';
import type { RekorLogInfo } from './types.js';

/**
 * Checks an entry a log returned: with `trust`, that a trusted log logged it (SET and/or
 * inclusion proof with its checkpoint); with `proposed`, that its body records that signature.
 */
export function checkLoggedEntry(
  entry: TransparencyLogEntry,
  trust: readonly PreparedLog[] | undefined,
  options: { proposed?: ProposedEntry; requireInclusionProof?: boolean },
): void {
  if (trust)
    verifyTransparencyLogEntry(entry, trust, { requireInclusionProof: options.requireInclusionProof });
  if (options.proposed) {
    const { content, signer, digest } = expectedContent(options.proposed);
    verifyEntryBody(entry, content, signer, digest);
  }
}

/**
 * Verifies a checkpoint against the trusted logs its origin names; returns the log whose key
 * signed it. Throws `RekorError('ERR_TLOG_CHECKPOINT_INVALID')`.
 */
export function verifyTrustedCheckpoint(
  checkpoint: SignedCheckpoint,
  trust: readonly PreparedLog[],
): PreparedLog {
  const candidates = trust.filter(
    (log) => log.key && originMatches(checkpoint.origin, logOriginName(log.baseUrl)),
  );
  let failure: unknown = new RekorError(
    'ERR_TLOG_CHECKPOINT_INVALID',
    `checkpoint origin "${checkpoint.origin}" is not a trusted log`,
  );
  for (const log of candidates) {
    try {
      verifyCheckpoint(checkpoint, log);
      return log;
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/** Reads `GET /api/v1/log`, checking that root and size are the checkpoint's (and its signature, with `trust`). */
export function verifiedLogInfo(
  json: RekorV1LogInfoJson,
  trust: readonly PreparedLog[] | undefined,
  service: string,
): RekorLogInfo {
  const rootHash = typeof json?.rootHash === 'string' ? fromHexStrict(json.rootHash) : undefined;
  if (
    !rootHash ||
    typeof json.signedTreeHead !== 'string' ||
    typeof json.treeID !== 'string' ||
    !Number.isSafeInteger(json.treeSize) ||
    json.treeSize < 0
  ) {
    throw invalidResponse(service, 'log info lacks rootHash, signedTreeHead, treeID or treeSize');
  }
  const checkpoint = parseCheckpoint(json.signedTreeHead);
  if (checkpoint.treeSize !== json.treeSize || !bytesEqual(checkpoint.rootHash, rootHash)) {
    throw new RekorError(
      'ERR_TLOG_CHECKPOINT_INVALID',
      `${service}: signed tree head is not the reported tree`,
    );
  }
  if (trust) verifyTrustedCheckpoint(checkpoint, trust);
  return {
    treeSize: json.treeSize,
    rootHash,
    treeId: json.treeID,
    signedTreeHead: json.signedTreeHead,
    checkpoint,
  };
}
