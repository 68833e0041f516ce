import type { SignedCheckpoint } from '../checkpoint/types.js';

/** A log's state as `getLogInfo` returns it. */
export interface RekorLogInfo {
  treeSize: number;
  rootHash: Uint8Array;
  /** Decimal tree ID of the active shard (Rekor v1). */
  treeId: string;
  /** The signed checkpoint as text. */
  signedTreeHead: string;
  /** The parsed checkpoint (verified against the trusted log when the client has `trust`). */
  checkpoint: SignedCheckpoint;
}

/** A consistency proof between two tree sizes. */
export interface RekorConsistencyProof {
  firstSize: number;
  lastSize: number;
  /** Root hash at `lastSize`. */
  rootHash: Uint8Array;
  hashes: Uint8Array[];
}

/** An index search: an artifact (or payload, or key) hash and/or a signer's email. */
export interface RekorSearchQuery {
  /** `sha256:<hex>` (or `sha384:`, `sha512:`). */
  hash?: string;
  email?: string;
  /** How both criteria combine; default `or`. */
  operator?: 'and' | 'or';
}
