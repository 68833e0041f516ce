import type { RekorV1LogEntry } from './log-entry.js';

/**
 * Wire shapes of the Rekor v1 API (its OpenAPI definitions), shared by the client and the local
 * log server. Hashes are lower-case hex; numbers are JSON numbers.
 */

/** `GET /api/v1/log`. */
export interface RekorV1LogInfoJson {
  /** Root hash of the active shard, hex. */
  rootHash: string;
  /** The signed checkpoint of the active shard. */
  signedTreeHead: string;
  /** Decimal tree ID of the active shard. */
  treeID: string;
  treeSize: number;
  inactiveShards?: Omit<RekorV1LogInfoJson, 'inactiveShards'>[];
}

/** `GET /api/v1/log/proof?firstSize=&lastSize=`. */
export interface RekorV1ConsistencyProofJson {
  /** Root hash at `lastSize`, hex. */
  rootHash: string;
  /** RFC 6962 consistency proof, hex. */
  hashes: string[];
}

/** `POST /api/v1/index/retrieve` request; the answer is a list of entry UUIDs. */
export interface RekorV1SearchIndexJson {
  /** `sha256:<hex>` (or `sha384:`, `sha512:`) of an artifact, payload or key. */
  hash?: string;
  email?: string;
  /** How several criteria combine; default `or`. */
  operator?: 'and' | 'or';
}

/** `POST /api/v1/log/entries/retrieve` request; the answer is a list of {@link RekorV1LogEntries}. */
export interface RekorV1SearchLogQueryJson {
  entryUUIDs?: string[];
  logIndexes?: number[];
}

/** An entry keyed by its UUID, as every entry endpoint answers. */
export type RekorV1LogEntries = Record<string, RekorV1LogEntry>;
