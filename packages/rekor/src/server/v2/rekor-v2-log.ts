import { createHash, type KeyObject } from 'node:crypto';
import { encodeBase64, type TransparencyLogEntryJson, type TransparencyLogInstanceJson } from '@keyless/core';
import { NOTE_SIGNATURE_TYPE_ED25519 } from '../../checkpoint/key-id.js';
import { logOriginName } from '../../checkpoint/log-key.js';
import type { CanonicalEntry } from '../canonical-entry.js';
import { CheckpointCache } from '../checkpoints.js';
import type { LogIdentity } from '../log-identity.js';
import type { LogStorage } from '../storage/log-storage.js';
import { tlogInstance } from '../tlog-instance.js';

/**
 * A Rekor v2 log over a {@link LogStorage}: entries carry an inclusion proof and an Ed25519
 * checkpoint, no signed entry timestamp and no integrated time. Its name is its URL without the
 * scheme; its log ID is the C2SP key hash `SHA-256(name || 0x0A || 0x01 || key)`, whose first
 * four bytes are the checkpoint key ID.
 */
export class RekorV2Log {
  readonly name: string;
  readonly logId: Buffer;
  readonly checkpoints: CheckpointCache;

  constructor(
    readonly storage: LogStorage,
    private readonly identity: LogIdentity,
    readonly url: string,
  ) {
    this.name = logOriginName(url);
    this.logId = createHash('sha256')
      .update(this.name)
      .update(Uint8Array.of(0x0a, NOTE_SIGNATURE_TYPE_ED25519))
      .update(rawEd25519(identity.publicKey))
      .digest();
    this.checkpoints = new CheckpointCache(
      {
        origin: this.name,
        keyName: this.name,
        keyId: this.logId.readUInt32BE(0),
        privateKey: identity.privateKey,
      },
      (size) => storage.rootHash(size),
    );
  }

  /** This log's piece of a trusted root. */
  get tlog(): TransparencyLogInstanceJson {
    return tlogInstance(this.url, this.identity, 'PKIX_ED25519', this.logId);
  }

  /** Entry `index` as a protobuf-JSON `TransparencyLogEntry`, proven against the published tree. */
  entryJson(index: number, entry: Pick<CanonicalEntry, 'kind' | 'apiVersion'>): TransparencyLogEntryJson {
    const stored = this.storage.entry(index);
    const head = this.checkpoints.at(this.storage.size);
    return {
      logIndex: String(index),
      logId: { keyId: encodeBase64(this.logId) },
      kindVersion: { kind: entry.kind, version: entry.apiVersion },
      inclusionProof: {
        logIndex: String(index),
        rootHash: encodeBase64(head.rootHash),
        treeSize: String(head.treeSize),
        hashes: this.storage.inclusionProof(index, head.treeSize).map(encodeBase64),
        checkpoint: { envelope: head.checkpoint },
      },
      canonicalizedBody: encodeBase64(stored.leaf),
    };
  }
}

function rawEd25519(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x ?? '', 'base64url');
}
