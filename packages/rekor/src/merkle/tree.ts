import { emptyRoot, hashChildren } from './hash.js';
import { consistencyProof, inclusionProof, type SubtreeHash, splitPoint } from './subtree-proofs.js';

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
  return inclusionProof(subtreeOf(leafHashes), index, leafHashes.length);
}

/**
 * The consistency proof (RFC 9162 §2.1.4.1 `PROOF`) from the first `size1` leaves to all of
 * `leafHashes`.
 */
export function consistencyPath(leafHashes: readonly Uint8Array[], size1: number): Uint8Array[] {
  return consistencyProof(subtreeOf(leafHashes), size1, leafHashes.length);
}

function subtreeOf(leaves: readonly Uint8Array[]): SubtreeHash {
  return (start, end) => mth(leaves, start, end);
}

function mth(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const n = end - start;
  if (n === 1) return leaves[start]!;
  const k = splitPoint(n);
  return hashChildren(mth(leaves, start, start + k), mth(leaves, start + k, end));
}
