import { emptyRoot, hashChildren } from './hash.js';

/**
 * Reference RFC 9162 §2.1 tree computations over a list of leaf hashes, for a log that holds its
 * leaves in memory (and for tests). Each call walks the leaves, so these suit small trees only.
 */

/** The Merkle tree hash (MTH) of `leafHashes`. */
export function merkleTreeHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  return leafHashes.length === 0 ? emptyRoot() : mth(leafHashes, 0, leafHashes.length);
}

/**
 * The audit path (RFC 9162 §2.1.3.1 `PATH`) of leaf `index` in the tree of `leafHashes`.
 *
 * @example
 * ```ts
 * const hashes = inclusionPath(leaves, 5);
 * verifyInclusionProof({ logIndex: 5, treeSize: leaves.length, leafHash: leaves[5], hashes, rootHash: merkleTreeHash(leaves) });
 * ```
 */
export function inclusionPath(leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isInteger(index) || index < 0 || index >= leafHashes.length) {
    throw new RangeError(`leaf ${index} is not in a tree of size ${leafHashes.length}`);
  }
  const path: Uint8Array[] = [];
  collectPath(leafHashes, index, 0, leafHashes.length, path);
  return path;
}

/**
 * The consistency proof (RFC 9162 §2.1.4.1 `PROOF`) from the first `size1` leaves to all of
 * `leafHashes`.
 */
export function consistencyPath(leafHashes: readonly Uint8Array[], size1: number): Uint8Array[] {
  if (!Number.isInteger(size1) || size1 < 0 || size1 > leafHashes.length) {
    throw new RangeError(`size ${size1} is not a prefix of a tree of size ${leafHashes.length}`);
  }
  const proof: Uint8Array[] = [];
  if (size1 > 0) collectSubproof(leafHashes, size1, 0, leafHashes.length, true, proof);
  return proof;
}

/** Largest power of two smaller than `n` (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function mth(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const n = end - start;
  if (n === 1) return leaves[start]!;
  const k = split(n);
  return hashChildren(mth(leaves, start, start + k), mth(leaves, start + k, end));
}

function collectPath(
  leaves: readonly Uint8Array[],
  m: number,
  start: number,
  end: number,
  out: Uint8Array[],
): void {
  const n = end - start;
  if (n === 1) return;
  const k = split(n);
  if (m < k) {
    collectPath(leaves, m, start, start + k, out);
    out.push(mth(leaves, start + k, end));
  } else {
    collectPath(leaves, m - k, start + k, end, out);
    out.push(mth(leaves, start, start + k));
  }
}

function collectSubproof(
  leaves: readonly Uint8Array[],
  m: number,
  start: number,
  end: number,
  complete: boolean,
  out: Uint8Array[],
): void {
  const n = end - start;
  if (m === n) {
    if (!complete) out.push(mth(leaves, start, end));
    return;
  }
  const k = split(n);
  if (m <= k) {
    collectSubproof(leaves, m, start, start + k, complete, out);
    out.push(mth(leaves, start + k, end));
  } else {
    collectSubproof(leaves, m - k, start + k, end, false, out);
    out.push(mth(leaves, start, start + k));
  }
}
