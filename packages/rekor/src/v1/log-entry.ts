import type { InclusionProof, TransparencyLogEntry } from '@keyless/core';
import { decodeBase64Strict, fromHexStrict } from '@keyless/core';
import { RekorError } from '../errors.js';

/** Rekor v1 API `LogEntry` value (`GET /api/v1/log/entries/{uuid}` answers `{ [uuid]: LogEntry }`). */
export interface RekorV1LogEntry {
  /** base64 canonicalized body. */
  body: string;
  integratedTime: number;
  /** hex SHA-256 of the log's public key. */
  logID: string;
  logIndex: number;
  attestation?: { data?: string };
  verification?: {
    inclusionProof?: {
      /** Signed-note checkpoint text. */
      checkpoint?: string;
      /** hex audit path, leaf to root. */
      hashes: string[];
      /** Index in the shard the proof was made for. */
      logIndex: number;
      /** hex root hash. */
      rootHash: string;
      treeSize: number;
    };
    /** base64 signed entry timestamp. */
    signedEntryTimestamp?: string;
  };
}

function invalid(message: string): never {
  throw new RekorError('ERR_TLOG_ENTRY_INVALID', `malformed Rekor log entry: ${message}`);
}

function hex(value: unknown, field: string): Uint8Array {
  const bytes = typeof value === 'string' ? fromHexStrict(value) : undefined;
  if (!bytes) invalid(`${field} is not hex`);
  return bytes;
}

function b64(value: unknown, field: string): Uint8Array {
  const bytes = typeof value === 'string' ? decodeBase64Strict(value) : undefined;
  if (!bytes) invalid(`${field} is not base64`);
  return bytes;
}

function integer(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    invalid(`${field} is not a non-negative integer`);
  return value;
}

/**
 * Turns a Rekor v1 API log entry into the bundle's `TransparencyLogEntry`. The kind and version
 * come from the body itself, as the v1 API does not repeat them. A proof without a checkpoint gets
 * an empty one, which verification rejects.
 *
 * @example
 * ```ts
 * const [entry] = Object.values(await response.json());
 * const tlogEntry = transparencyLogEntryFromV1(entry);
 * ```
 */
export function transparencyLogEntryFromV1(entry: RekorV1LogEntry): TransparencyLogEntry {
  const canonicalizedBody = b64(entry.body, 'body');
  let kind: unknown;
  let version: unknown;
  try {
    const parsed = JSON.parse(Buffer.from(canonicalizedBody).toString('utf8')) as Record<string, unknown>;
    kind = parsed.kind;
    version = parsed.apiVersion;
  } catch {
    invalid('body is not JSON');
  }
  if (typeof kind !== 'string' || typeof version !== 'string') invalid('body has no kind and apiVersion');

  const result: TransparencyLogEntry = {
    logIndex: integer(entry.logIndex, 'logIndex'),
    logId: { keyId: hex(entry.logID, 'logID') },
    kindVersion: { kind, version },
    integratedTime: integer(entry.integratedTime, 'integratedTime'),
    canonicalizedBody,
  };
  const set = entry.verification?.signedEntryTimestamp;
  if (set !== undefined) result.inclusionPromise = { signedEntryTimestamp: b64(set, 'signedEntryTimestamp') };
  const proof = entry.verification?.inclusionProof;
  if (proof) {
    const inclusionProof: InclusionProof = {
      logIndex: integer(proof.logIndex, 'inclusionProof.logIndex'),
      treeSize: integer(proof.treeSize, 'inclusionProof.treeSize'),
      rootHash: hex(proof.rootHash, 'inclusionProof.rootHash'),
      hashes: (Array.isArray(proof.hashes)
        ? proof.hashes
        : invalid('inclusionProof.hashes is not an array')
      ).map((h, i) => hex(h, `inclusionProof.hashes[${i}]`)),
      checkpoint: { envelope: typeof proof.checkpoint === 'string' ? proof.checkpoint : '' },
    };
    result.inclusionProof = inclusionProof;
  }
  return result;
}
