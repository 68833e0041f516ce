import { bytesEqual } from '@keyless/core';
import { RekorError } from '../errors.js';
import { hashChildren } from './hash.js';

export interface ConsistencyProofInput {
  /** Size of the older tree. */
  size1: number;
  /** Size of the newer tree. */
  size2: number;
  root1: Uint8Array;
  root2: Uint8Array;
  /** Consistency proof hashes, as RFC 9162 §2.1.4.1 builds them. */
  hashes: readonly Uint8Array[];
}

function fail(message: string): never {
  throw new RekorError('ERR_TLOG_CONSISTENCY_PROOF_INVALID', message);
}

/**
 * Verifies that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves with
 * root `root1` (RFC 9162 §2.1.4.2). Throws `RekorError('ERR_TLOG_CONSISTENCY_PROOF_INVALID')`.
 *
 * @example
 * ```ts
 * verifyConsistencyProof({ size1: old.treeSize, size2: cp.treeSize, root1: old.rootHash, root2: cp.rootHash, hashes });
 * ```
 */
export function verifyConsistencyProof(input: ConsistencyProofInput): void {
  const { size1, size2, root1, root2, hashes } = input;
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < 0) {
    fail('consistency proof tree sizes must be non-negative integers');
  }
  if (size1 > size2) fail(`tree size ${size1} cannot be consistent with the smaller size ${size2}`);
  if (size1 === size2) {
    if (hashes.length !== 0) fail('consistency proof between equal tree sizes must be empty');
    if (!bytesEqual(root1, root2)) fail('trees of equal size have different roots');
    return;
  }
  if (size1 === 0) {
    // Every tree extends the empty tree.
    if (hashes.length !== 0) fail('consistency proof from the empty tree must be empty');
    return;
  }
  if (hashes.length === 0) fail('consistency proof is empty');

  const path = isPowerOfTwo(size1) ? [root1, ...hashes] : hashes;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) fail('consistency proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) fail('consistency proof is too short');
  if (!bytesEqual(fr, root1)) fail('consistency proof does not lead to the older root');
  if (!bytesEqual(sr, root2)) fail('consistency proof does not lead to the newer root');
}

function isPowerOfTwo(n: number): boolean {
  while (n > 1) {
    if (n % 2 === 1) return false;
    n /= 2;
  }
  return n === 1;
}
