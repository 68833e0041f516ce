import { sign } from 'node:crypto';
import { encodeBase64, sha256, type TransparencyLogInstanceJson, toHex } from '@keyless/core';
import { pkixNoteKeyId } from '../../checkpoint/key-id.js';
import { logOriginName } from '../../checkpoint/log-key.js';
import { hashLeaf } from '../../merkle/hash.js';
import { inclusionPromisePayload } from '../../set/payload.js';
import type { RekorV1LogEntry } from '../../v1/log-entry.js';
import { entryUuid } from '../../v1/uuid.js';
import type { CanonicalEntry } from '../canonical-entry.js';
import { CheckpointCache, type SignedTreeHead } from '../checkpoints.js';
import type { LogIdentity } from '../log-identity.js';
import type { LogStorage } from '../storage/log-storage.js';
import { tlogInstance } from '../tlog-instance.js';

/** An entry as a Rekor v1 endpoint answers it, with its UUID. */
export interface V1Entry {
  uuid: string;
  entry: RekorV1LogEntry;
}

/**
 * A Rekor v1 log over a {@link LogStorage}: turns stored entries into API entries with a signed
 * entry timestamp, an inclusion proof and a checkpoint for the current tree, all signed with the
 * log's ECDSA key.
 */
export class RekorV1Log {
  readonly treeId: string;
  /** SHA-256 of the public key (DER SPKI): the log ID. */
  readonly logId: Buffer;
  readonly logIdHex: string;
  readonly checkpoints: CheckpointCache;

  constructor(
    readonly storage: LogStorage,
    private readonly identity: LogIdentity,
    readonly url: string,
    treeId: string,
    private readonly now: () => Date,
  ) {
    this.treeId = treeId;
    this.logId = Buffer.from(sha256(identity.spki));
    this.logIdHex = this.logId.toString('hex');
    const name = logOriginName(url);
    this.checkpoints = new CheckpointCache(
      {
        origin: `${name} - ${treeId}`,
        keyName: name,
        keyId: pkixNoteKeyId(identity.spki),
        privateKey: identity.privateKey,
      },
      (size) => storage.rootHash(size),
    );
  }

  /** This log's piece of a trusted root. */
  get tlog(): TransparencyLogInstanceJson {
    return tlogInstance(this.url, this.identity, 'PKIX_ECDSA_P256_SHA_256', this.logId);
  }

  /** The log's public key, DER SubjectPublicKeyInfo. */
  get publicKey(): Uint8Array {
    return this.identity.spki;
  }

  /** The UUID of the entry with `leafHash`. */
  uuidOf(leafHash: Uint8Array): string {
    return entryUuid(this.treeId, leafHash);
  }

  /** Where an entry can be fetched. */
  entryUrl(uuid: string): string {
    return `${this.url}/api/v1/log/entries/${uuid}`;
  }

  /** The signed tree head of the published tree. */
  treeHead(): SignedTreeHead {
    return this.checkpoints.at(this.storage.size);
  }

  /** Appends a validated entry; resolves once it is durable, with its index. */
  async append(entry: CanonicalEntry): Promise<number> {
    const integratedTime = Math.floor(this.now().getTime() / 1000);
    const appended = this.storage.append({ leaf: entry.body, integratedTime, keys: entry.keys });
    await appended.durable;
    return appended.index;
  }

  /** The API form of entry `index`, proven against the published tree. */
  entryAt(index: number): V1Entry {
    const stored = this.storage.entry(index);
    const head = this.treeHead();
    const set = sign(
      'sha256',
      inclusionPromisePayload({
        canonicalizedBody: stored.leaf,
        integratedTime: stored.integratedTime,
        logId: this.logId,
        logIndex: index,
      }),
      this.identity.privateKey,
    );
    const entry: RekorV1LogEntry = {
      body: encodeBase64(stored.leaf),
      integratedTime: stored.integratedTime,
      logID: this.logIdHex,
      logIndex: index,
      verification: {
        inclusionProof: {
          checkpoint: head.checkpoint,
          hashes: this.storage.inclusionProof(index, head.treeSize).map(toHex),
          logIndex: index,
          rootHash: toHex(head.rootHash),
          treeSize: head.treeSize,
        },
        signedEntryTimestamp: encodeBase64(set),
      },
    };
    return { uuid: this.uuidOf(stored.leafHash), entry };
  }

  /** Index of the published entry with this leaf hash. */
  indexOf(leafHash: Uint8Array): number | undefined {
    const index = this.storage.indexOfLeafHash(leafHash);
    return index !== undefined && index < this.storage.size ? index : undefined;
  }

  /** Leaf hash of an entry body, for duplicate checks. */
  static leafHash(entry: CanonicalEntry): Uint8Array {
    return hashLeaf(entry.body);
  }
}
