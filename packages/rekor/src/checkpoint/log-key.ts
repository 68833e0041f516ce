import type { KeyObject } from 'node:crypto';
import type { HashName, PreparedLog } from '@keyless/core';
import { RekorError } from '../errors.js';
import { ed25519NoteKeyId, noteKeyIdFromBytes, pkixNoteKeyId } from './key-id.js';

/** How a log signs its checkpoints: the signature line's key name and key ID, and the key. */
export interface CheckpointKey {
  /** The key name of the log's signature line, e.g. `rekor.sigstore.dev`. */
  name: string;
  keyId: number;
  key: KeyObject;
  hash: HashName | null;
}

const cache = new WeakMap<PreparedLog, CheckpointKey>();

/**
 * The log's identity in checkpoints, taken from its base URL: host (with port) and path, without
 * scheme or trailing slash. `https://log2025-alpha1.rekor.sigstage.dev` gives
 * `log2025-alpha1.rekor.sigstage.dev`.
 */
export function logOriginName(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    // A bare host name is what the origin would be anyway.
    return baseUrl.replace(/\/+$/, '');
  }
  return `${url.host}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * Whether a checkpoint origin belongs to a log named `name`: the name itself (C2SP, Rekor v2), or
 * `<name> - <tree ID>` (Rekor v1 writes one origin per shard).
 */
export function originMatches(origin: string, name: string): boolean {
  if (origin === name) return true;
  const prefix = `${name} - `;
  return origin.length > prefix.length && origin.startsWith(prefix);
}

/**
 * The checkpoint key of a trusted log, computed once per `PreparedLog`. The key ID is the trusted
 * root's `checkpointKeyId` when given; otherwise the C2SP Ed25519 key ID for Ed25519 logs, and
 * `SHA-256(SPKI)[:4]` (what Rekor v1 uses) for other keys.
 */
export function checkpointKeyForLog(log: PreparedLog): CheckpointKey {
  const cached = cache.get(log);
  if (cached) return cached;
  if (!log.key) throw new RekorError('ERR_TLOG_KEY_NOT_VALID', `log ${log.baseUrl} has no usable public key`);
  const name = logOriginName(log.baseUrl);
  const explicit = log.instance.checkpointKeyId
    ? noteKeyIdFromBytes(log.instance.checkpointKeyId.keyId)
    : undefined;
  let keyId: number;
  if (explicit !== undefined) {
    keyId = explicit;
  } else if (log.key.asymmetricKeyType === 'ed25519') {
    const raw = Buffer.from(log.key.export({ format: 'jwk' }).x ?? '', 'base64url');
    keyId = ed25519NoteKeyId(name, raw);
  } else {
    keyId = pkixNoteKeyId(log.instance.publicKey.rawBytes);
  }
  const entry: CheckpointKey = { name, keyId, key: log.key, hash: log.hash };
  cache.set(log, entry);
  return entry;
}
