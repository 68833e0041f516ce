import { type KeyObject, sign } from 'node:crypto';
import { formatCheckpointNote, formatSignedNote } from '../checkpoint/format.js';

/** How a log signs its checkpoints. */
export interface CheckpointSigner {
  /** First line of every checkpoint. */
  origin: string;
  /** Key name of the signature line. */
  keyName: string;
  keyId: number;
  privateKey: KeyObject;
}

/** A tree size, its root hash, and the checkpoint the log signed for it. */
export interface SignedTreeHead {
  treeSize: number;
  rootHash: Uint8Array;
  /** The signed note. */
  checkpoint: string;
}

/**
 * Signs checkpoints, once per tree size: every entry answered while the tree has one size shares
 * the same signed note. Only the newest size is kept.
 */
export class CheckpointCache {
  private latest: SignedTreeHead | undefined;

  constructor(
    private readonly signer: CheckpointSigner,
    private readonly rootHash: (size: number) => Uint8Array,
  ) {}

  /** The signed checkpoint of the tree of `treeSize` entries. */
  at(treeSize: number): SignedTreeHead {
    if (this.latest?.treeSize === treeSize) return this.latest;
    const rootHash = this.rootHash(treeSize);
    const text = formatCheckpointNote({ origin: this.signer.origin, treeSize, rootHash, extensions: [] });
    const key = this.signer.privateKey;
    const signature = sign(
      key.asymmetricKeyType === 'ed25519' ? null : 'sha256',
      Buffer.from(text, 'utf8'),
      key,
    );
    const head = {
      treeSize,
      rootHash,
      checkpoint: formatSignedNote(text, [
        { name: this.signer.keyName, keyId: this.signer.keyId, signature },
      ]),
    };
    if (!this.latest || treeSize >= this.latest.treeSize) this.latest = head;
    return head;
  }
}
