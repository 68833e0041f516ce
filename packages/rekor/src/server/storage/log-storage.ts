import { fsync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { emptyRoot, hashLeaf } from '../../merkle/hash.js';
import { consistencyProof, inclusionProof } from '../../merkle/subtree-proofs.js';
import { AppendFile } from './append-file.js';
import { assertLogIndex, assertTreeSize } from './bounds.js';
import { CheckpointSchedule } from './checkpoint-schedule.js';
import { type EntryRecord, encodeRecord, type IndexedKey } from './entry-record.js';
import { GroupCommit } from './group-commit.js';
import { type Head, loadCheckpoint, writeHead } from './head.js';
import { KeyIndex } from './key-index.js';
import { LeafIndex } from './leaf-index.js';
import { OffsetsFile } from './offsets-file.js';
import { readRecord } from './read-record.js';
import type { SlotTable } from './slot-table.js';
import { storageError } from './storage-error.js';
import { TreeLevels } from './tree-levels.js';
import type { Appended, AppendInput, LogStorageOptions, StoredEntry } from './types.js';
import { scanRecords } from './wal-scan.js';

export type { Appended, AppendInput, LogStorageOptions, StoredEntry } from './types.js';

/**
 * A durable, append-only RFC 6962 log in a directory:
 *
 * - `entries.wal`: the write-ahead log, one checksummed record per entry (see `entry-record.ts`);
 *   the only file fsynced on every commit, and the source every other file is rebuilt from;
 * - `offsets.bin`: per entry, `u64 offset | u32 length | u32 0` of its record;
 * - `tree/level-NN.bin`: the hashes of all complete subtrees per level (see `TreeLevels`);
 * - `leaf-index.tbl`, `key-index.tbl`: hash tables from leaf hash to index and from
 *   secondary-index key to the newest entry with that key (older ones chain through the records);
 * - `head`: the last checkpoint, up to which the derived files are complete and fsynced.
 *
 * Appends are group-committed: all entries appended while one fsync runs share the next one.
 * After a crash, opening replays the log from the checkpoint and cuts a torn tail.
 *
 * @example
 * ```ts
 * const log = LogStorage.open('/var/lib/log');
 * const { index, durable } = log.append({ leaf: body, integratedTime: 1700000000, keys: ['sha256:ab…'] });
 * await durable;
 * const proof = log.inclusionProof(index, log.size);
 * await log.close();
 * ```
 */
export class LogStorage {
  private readonly dir: string;
  private readonly wal: AppendFile;
  private readonly offsets: OffsetsFile;
  private readonly tree: TreeLevels;
  private readonly leafTable: SlotTable;
  private readonly leaves: LeafIndex;
  private readonly keyTable: SlotTable;
  private readonly keys: KeyIndex;
  private readonly commits: GroupCommit;
  private head: Head;
  private readonly schedule: CheckpointSchedule;
  /** Entries appended, durable or not. */
  private total = 0;
  /** Entries fsynced in the write-ahead log. */
  private durableSize = 0;
  private failure: unknown;
  private closing: Promise<void> | undefined;

  private constructor(dir: string, options: LogStorageOptions) {
    this.dir = dir;
    this.schedule = new CheckpointSchedule(
      {
        stopped: () => Boolean(this.failure || this.closing),
        idle: () => this.total === this.durableSize,
        behind: () => this.durableSize - this.head.size,
        checkpoint: () => this.checkpoint(),
      },
      options.checkpointEntries ?? 4096,
      options.checkpointDelayMs ?? 2000,
    );
    mkdirSync(join(dir, 'tree'), { recursive: true });
    this.wal = new AppendFile(join(dir, 'entries.wal'), 1024 * 1024);
    this.offsets = new OffsetsFile(join(dir, 'offsets.bin'));
    this.tree = new TreeLevels(join(dir, 'tree'));
    const checkpoint = loadCheckpoint(dir, this.wal.length, this.offsets.count, this.tree.storedLeaves());
    this.head = checkpoint.head;
    this.leafTable = checkpoint.leafTable;
    this.leaves = new LeafIndex(
      this.leafTable,
      (index, leafHash) => index < this.total && this.tree.node(0, index).equals(leafHash),
    );
    this.keyTable = checkpoint.keyTable;
    this.keys = new KeyIndex(
      this.keyTable,
      (i) => this.record(i).keys,
      () => this.total,
    );
    this.commits = new GroupCommit(
      () => this.commit(),
      () => this.schedule.afterCommit(),
    );
    this.recover();
  }

  /** Opens (creating if needed) the log stored in `dir`, recovering from an interrupted run. */
  static open(dir: string, options: LogStorageOptions = {}): LogStorage {
    return new LogStorage(dir, options);
  }

  /** Number of durable entries: the size of the tree the log publishes. */
  get size(): number {
    return this.durableSize;
  }

  /**
   * Appends an entry. The index is assigned at once and the entry is readable at once; `durable`
   * settles when it is fsynced. Duplicates are not refused here: check {@link indexOfLeafHash}.
   */
  append(input: AppendInput): Appended {
    this.assertWritable();
    const { index, leafHash } = this.appendOne(input);
    return { index, leafHash, durable: this.commits.request() };
  }

  /**
   * Appends many entries with one fsync and one checkpoint at the end (bulk loading, tests and
   * benchmarks). Resolves to the new size.
   */
  async appendBatch(inputs: Iterable<AppendInput>): Promise<number> {
    await this.sync();
    this.assertWritable();
    for (const input of inputs) this.appendOne(input);
    this.wal.sync();
    this.durableSize = this.total;
    this.checkpoint();
    return this.durableSize;
  }

  /** Resolves once every entry appended so far is durable. */
  async sync(): Promise<void> {
    await this.commits.settled();
    if (this.failure) throw this.failure;
  }

  /** Index of the first entry with this leaf hash, durable or not. */
  indexOfLeafHash(leafHash: Uint8Array): number | undefined {
    return this.leaves.find(leafHash);
  }

  /** Durable entries indexed under `key`, newest first. */
  entriesWithKey(key: string, limit = Number.POSITIVE_INFINITY): number[] {
    return this.keys.find(key, this.durableSize, limit);
  }

  /** The entry at `index` (durable or not). */
  entry(index: number): StoredEntry {
    assertLogIndex(index, this.total);
    const record = this.record(index);
    return {
      index,
      leaf: record.leaf,
      leafHash: this.tree.node(0, index),
      integratedTime: record.integratedTime,
      keys: record.keys.map((k) => k.key),
    };
  }

  /** The leaf hash of entry `index` (durable or not). */
  leafHash(index: number): Uint8Array {
    assertLogIndex(index, this.total);
    return this.tree.node(0, index);
  }

  /** Root hash of the tree of the first `size` entries (default: the durable size). */
  rootHash(size = this.durableSize): Uint8Array {
    assertTreeSize(size, this.durableSize);
    return size === 0 ? emptyRoot() : this.tree.subtree(0, size);
  }

  /** Audit path of entry `index` in the tree of `size` entries (default: the durable size). */
  inclusionProof(index: number, size = this.durableSize): Uint8Array[] {
    assertTreeSize(size, this.durableSize);
    return inclusionProof((a, b) => this.tree.subtree(a, b), index, size);
  }

  /** Consistency proof from the tree of `size1` entries to the tree of `size2` (default: durable). */
  consistencyProof(size1: number, size2 = this.durableSize): Uint8Array[] {
    assertTreeSize(size2, this.durableSize);
    return consistencyProof((a, b) => this.tree.subtree(a, b), size1, size2);
  }

  /** `count` stored nodes of tree `level` from `start` (C2SP tiles); within the durable tree. */
  nodes(level: number, start: number, count: number): Buffer {
    if (start + count > TreeLevels.count(level, this.durableSize)) {
      throw new RangeError(`level ${level} has no nodes ${start}..${start + count - 1} yet`);
    }
    return this.tree.nodes(level, start, count);
  }

  /** Waits for pending appends, writes a checkpoint and closes every file. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      // A failed commit was reported to its appenders; the files are closed regardless.
      await this.commits.settled();
      this.schedule.cancel();
      if (!this.failure) this.checkpoint();
      this.wal.close();
      this.offsets.close();
      this.tree.close();
    })();
    return this.closing;
  }

  private appendOne(input: AppendInput): { index: number; leafHash: Uint8Array } {
    const index = this.total;
    const keys: IndexedKey[] = [];
    for (const key of new Set(input.keys ?? [])) {
      if (Buffer.byteLength(key, 'utf8') > 0xffff) throw new RangeError('index key longer than 65535 bytes');
      keys.push({ key, prev: undefined });
    }
    // Link each key to its current newest entry before this entry becomes the newest.
    for (const k of keys) k.prev = this.keys.link(k.key, index, false);
    const record: EntryRecord = { leaf: input.leaf, integratedTime: input.integratedTime ?? 0, keys };
    const bytes = encodeRecord(record);
    const offset = this.wal.append(bytes);
    return { index, leafHash: this.addDerived(record, offset, bytes.length) };
  }

  /** Adds the offsets slot, tree nodes and leaf-table entry of the record at `offset`. */
  private addDerived(record: EntryRecord, offset: number, length: number): Uint8Array {
    const index = this.total;
    const leafHash = hashLeaf(record.leaf);
    this.offsets.append(offset, length);
    this.tree.append(leafHash);
    this.total++;
    this.leaves.add(leafHash, index);
    return leafHash;
  }

  private record(index: number): EntryRecord {
    return readRecord(this.wal, this.offsets, index, this.dir);
  }

  /** Replays the write-ahead log from the checkpoint and cuts what follows the last whole record. */
  private recover(): void {
    this.offsets.truncate(this.head.size);
    this.tree.reset(this.head.size);
    this.total = this.head.size;
    const end = this.wal.length;
    const good = scanRecords(this.wal, this.head.walEnd, (record, offset, length) => {
      const index = this.total;
      this.addDerived(record, offset, length);
      for (const k of record.keys) this.keys.link(k.key, index, true);
    });
    this.wal.truncate(good);
    this.durableSize = this.total;
    if (this.total !== this.head.size || good !== end) {
      this.wal.sync();
      this.checkpoint();
    }
  }

  /** One group commit: fsync the write-ahead log, then publish what it holds. */
  private async commit(): Promise<void> {
    const target = this.total;
    try {
      const { fd, stamp } = this.wal.prepareSync();
      this.offsets.flush();
      this.tree.flush();
      await new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
      this.wal.markSynced(stamp);
      this.durableSize = target;
    } catch (cause) {
      this.failure ??= storageError(`could not write the log in ${this.dir}`, cause);
      throw this.failure;
    }
  }

  /**
   * Makes every derived file durable for the current size and records it in the head. Runs only
   * when every appended entry is durable, so the tables never point at an entry the log could lose.
   */
  private checkpoint(): void {
    if (this.total !== this.durableSize) return;
    this.wal.sync();
    this.offsets.sync();
    this.tree.sync();
    this.leafTable.persist();
    this.keyTable.persist();
    if (this.head.size === this.durableSize && this.head.walEnd === this.wal.length) return;
    this.head = { sequence: this.head.sequence + 1, size: this.durableSize, walEnd: this.wal.length };
    writeHead(join(this.dir, 'head'), this.head);
  }

  private assertWritable(): void {
    if (this.closing) throw storageError(`log storage in ${this.dir} is closed`);
    if (this.failure) {
      throw storageError(
        `log storage in ${this.dir} failed to write and accepts no more entries; restart to recover`,
        this.failure,
      );
    }
  }
}
