import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hashChildren } from '../../merkle/hash.js';
import { AppendFile } from './append-file.js';

export const HASH_BYTES = 32;
const LEVEL_FILE = /^level-(\d{2})\.bin$/;

/**
 * The RFC 6962 tree of a log, one file per level: level `k` holds, in order, the hash of every
 * complete subtree of `2^k` leaves (level 0 the leaf hashes). Appending a leaf writes its hash
 * and the subtrees it completes; any other node is a fold of at most `log2(n)` stored ones, so
 * nothing is ever rebuilt. A C2SP tile of height 8 at tile level `L` is a run of level `8L`.
 */
export class TreeLevels {
  private readonly dir: string;
  private readonly files: AppendFile[] = [];
  /** `frontier[k]`: the last node of level `k` while that level has an odd count (a left child waiting). */
  private frontier: (Uint8Array | undefined)[] = [];
  private leaves = 0;

  constructor(dir: string) {
    this.dir = dir;
    // Open every level file that exists, so that reset() also trims levels above the new top.
    if (existsSync(dir)) {
      for (const name of readdirSync(dir)) {
        const match = LEVEL_FILE.exec(name);
        if (match) this.file(Number(match[1]));
      }
    }
  }

  /** Number of leaves. */
  get size(): number {
    return this.leaves;
  }

  /** Leaf hashes stored in the level-0 file (which may run past {@link size} before a reset). */
  storedLeaves(): number {
    return Math.floor(this.file(0).length / HASH_BYTES);
  }

  /**
   * Sets the tree to its first `size` leaves, whose nodes must all be stored: cuts every level
   * to `floor(size / 2^k)` nodes and reloads the frontier.
   */
  reset(size: number): void {
    for (let k = 0; k < this.files.length; k++) {
      this.file(k).truncate(Math.floor(size / 2 ** k) * HASH_BYTES);
    }
    this.leaves = size;
    this.frontier = [];
    for (let k = 0; 2 ** k <= size; k++) {
      const count = Math.floor(size / 2 ** k);
      if (count % 2 === 1) this.frontier[k] = this.node(k, count - 1);
    }
  }

  /** Adds a leaf hash and every subtree it completes. */
  append(leafHash: Uint8Array): void {
    let node = leafHash;
    let index = this.leaves;
    for (let k = 0; ; k++) {
      this.file(k).append(node);
      if (index % 2 === 0) {
        this.frontier[k] = node;
        break;
      }
      const left = this.frontier[k]!;
      this.frontier[k] = undefined;
      node = hashChildren(left, node);
      index = (index - 1) / 2;
    }
    this.leaves++;
  }

  /** The stored node `index` of `level` (the hash of leaves `[index·2^level, (index+1)·2^level)`). */
  node(level: number, index: number): Buffer {
    return this.file(level).read(index * HASH_BYTES, HASH_BYTES);
  }

  /** `count` consecutive stored nodes of `level`, concatenated. */
  nodes(level: number, start: number, count: number): Buffer {
    return this.file(level).read(start * HASH_BYTES, count * HASH_BYTES);
  }

  /** Number of stored nodes of `level` in the tree of `size` leaves. */
  static count(level: number, size: number): number {
    return Math.floor(size / 2 ** level);
  }

  /**
   * The Merkle tree hash of leaves `[start, end)`, where `start` is a multiple of the largest
   * power of two not above `end - start` (true of every subtree an RFC 6962 proof names): one
   * stored node when the range is a complete subtree, else the right fold of its complete parts.
   */
  subtree(start: number, end: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let pos = start;
    while (pos < end) {
      let width = highestPowerOfTwo(end - pos);
      let level = log2(width);
      while (pos % width !== 0) {
        width /= 2;
        level--;
      }
      parts.push(this.node(level, pos / width));
      pos += width;
    }
    let hash = parts[parts.length - 1]!;
    for (let i = parts.length - 2; i >= 0; i--) hash = hashChildren(parts[i]!, hash);
    return hash;
  }

  flush(): void {
    for (const f of this.files) f.flush();
  }

  sync(): void {
    for (const f of this.files) f.sync();
  }

  close(): void {
    for (const f of this.files) f.close();
  }

  private file(level: number): AppendFile {
    for (let k = this.files.length; k <= level; k++) {
      this.files.push(new AppendFile(join(this.dir, `level-${String(k).padStart(2, '0')}.bin`)));
    }
    return this.files[level]!;
  }
}

/** Largest power of two not above `n` (n ≥ 1). */
export function highestPowerOfTwo(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

/** Exact log2 of a power of two. */
function log2(p: number): number {
  let k = 0;
  while (p > 1) {
    p /= 2;
    k++;
  }
  return k;
}
