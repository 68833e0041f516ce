import type { InclusionProof, TransparencyLogEntry, TransparencyLogEntryJson } from '@keyless/core';
import { decodeBase64Strict } from '@keyless/core';
import { RekorError } from '../errors.js';

function invalid(message: string): never {
  throw new RekorError('ERR_TLOG_ENTRY_INVALID', `malformed transparency log entry: ${message}`);
}

function bytes(value: unknown, field: string): Uint8Array {
  const decoded = typeof value === 'string' ? decodeBase64Strict(value) : undefined;
  if (!decoded) invalid(`${field} is not base64`);
  return decoded;
}

/** A protobuf int64: a decimal string (or, leniently, a number); absent means 0. */
function int64(value: unknown, field: string): number {
  if (value === undefined) return 0;
  const n = typeof value === 'string' && /^(?:0|[1-9][0-9]*)$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    invalid(`${field} is not a non-negative integer`);
  return n;
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid(`${field} is not an object`);
  return value as Record<string, unknown>;
}

/**
 * Turns a protobuf-JSON `TransparencyLogEntry` (what a Rekor v2 log answers, and what bundles
 * carry) into the model. A proof without a checkpoint gets an empty one, which verification rejects.
 *
 * @example
 * ```ts
 * const entry = transparencyLogEntryFromJson(await response.json());
 * ```
 */
export function transparencyLogEntryFromJson(json: TransparencyLogEntryJson): TransparencyLogEntry {
  const root = object(json, 'entry');
  const kindVersion = object(root.kindVersion, 'kindVersion');
  if (typeof kindVersion.kind !== 'string' || typeof kindVersion.version !== 'string') {
    invalid('kindVersion must have a kind and a version');
  }
  const entry: TransparencyLogEntry = {
    logIndex: int64(root.logIndex, 'logIndex'),
    logId: { keyId: bytes(object(root.logId, 'logId').keyId, 'logId.keyId') },
    kindVersion: { kind: kindVersion.kind, version: kindVersion.version },
    integratedTime: int64(root.integratedTime, 'integratedTime'),
    canonicalizedBody: bytes(root.canonicalizedBody, 'canonicalizedBody'),
  };
  if (root.inclusionPromise !== undefined) {
    const promise = object(root.inclusionPromise, 'inclusionPromise');
    entry.inclusionPromise = {
      signedEntryTimestamp: bytes(promise.signedEntryTimestamp, 'inclusionPromise.signedEntryTimestamp'),
    };
  }
  if (root.inclusionProof !== undefined) {
    const proof = object(root.inclusionProof, 'inclusionProof');
    const hashes = proof.hashes ?? [];
    if (!Array.isArray(hashes)) invalid('inclusionProof.hashes is not an array');
    const checkpoint =
      proof.checkpoint === undefined ? {} : object(proof.checkpoint, 'inclusionProof.checkpoint');
    const inclusionProof: InclusionProof = {
      logIndex: int64(proof.logIndex, 'inclusionProof.logIndex'),
      rootHash: bytes(proof.rootHash, 'inclusionProof.rootHash'),
      treeSize: int64(proof.treeSize, 'inclusionProof.treeSize'),
      hashes: hashes.map((h, i) => bytes(h, `inclusionProof.hashes[${i}]`)),
      checkpoint: { envelope: typeof checkpoint.envelope === 'string' ? checkpoint.envelope : '' },
    };
    entry.inclusionProof = inclusionProof;
  }
  return entry;
}
