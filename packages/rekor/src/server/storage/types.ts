/** Options and results of `LogStorage`. */

/** Checkpoint policy of a `LogStorage`. */
export interface LogStorageOptions {
  /** Durable entries between two storage checkpoints. Default 4096. */
  checkpointEntries?: number;
  /** Longest time an entry waits for a checkpoint once appends stop. Default 2000 ms. */
  checkpointDelayMs?: number;
}

/** What to append: the leaf (an entry's canonicalized body) and what to index it under. */
export interface AppendInput {
  leaf: Uint8Array;
  /** Seconds since the epoch; default 0. */
  integratedTime?: number;
  /** Secondary-index keys (e.g. `sha256:<hex>`, an email); at most 65535 UTF-8 bytes each. */
  keys?: readonly string[];
}

/** An entry just appended: its index at once, its durability later. */
export interface Appended {
  index: number;
  leafHash: Uint8Array;
  /** Settles once the entry is on disk (fsynced); rejects when writing failed. */
  durable: Promise<void>;
}

/** An entry read back from the log. */
export interface StoredEntry {
  index: number;
  leaf: Uint8Array;
  leafHash: Uint8Array;
  integratedTime: number;
  keys: string[];
}
