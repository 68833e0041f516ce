/**
 * RFC 9162 §2.1.3.1 and §2.1.4.1 proofs over any tree that can hash a subtree: the in-memory
 * reference tree of `tree.ts` hashes its leaves, the log's storage folds at most `log2(n)` stored
 * nodes per hash. Each proof names O(log n) subtrees, and only the ones along the right edge are
 * incomplete.
 */

/** The hash of the subtree of leaves `start` (inclusive) to `end` (exclusive). */
export type SubtreeHash = (start: number, end: number) => Uint8Array;

/** The audit path of leaf `index` in the tree of the first `size` leaves, leaf to root. */
export function inclusionProof(subtree: SubtreeHash, index: number, size: number): Uint8Array[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  }
  const path: Uint8Array[] = [];
  collectPath(subtree, index, 0, size, path);
  return path;
}

/** The consistency proof from the tree of `size1` leaves to the tree of `size2` leaves. */
export function consistencyProof(subtree: SubtreeHash, size1: number, size2: number): Uint8Array[] {
  if (!Number.isSafeInteger(size1) || size1 < 0 || size1 > size2) {
    throw new RangeError(`size ${size1} is not a prefix of a tree of size ${size2}`);
  }
  const proof: Uint8Array[] = [];
  if (size1 > 0 && size1 < size2) collectSubproof(subtree, size1, 0, size2, true, proof);
  return proof;
}

/** Where RFC 9162 splits a tree of `n` leaves (n > 1): the largest power of two smaller than `n`. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function collectPath(subtree: SubtreeHash, m: number, start: number, end: number, out: Uint8Array[]): void {
  const n = end - start;
  if (n === 1) return;
  const k = splitPoint(n);
  if (m < k) {
    collectPath(subtree, m, start, start + k, out);
    out.push(subtree(start + k, end));
  } else {
    collectPath(subtree, m - k, start + k, end, out);
    out.push(subtree(start, start + k));
  }
}

function collectSubproof(
  subtree: SubtreeHash,
  m: number,
  start: number,
  end: number,
  complete: boolean,
  out: Uint8Array[],
): void {
  const n = end - start;
  if (m === n) {
    if (!complete) out.push(subtree(start, end));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    collectSubproof(subtree, m, start, start + k, complete, out);
    out.push(subtree(start + k, end));
  } else {
    collectSubproof(subtree, m - k, start + k, end, false, out);
    out.push(subtree(start, start + k));
  }
}
