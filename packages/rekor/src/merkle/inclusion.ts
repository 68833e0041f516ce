import { bytesEqual } from '@keyless/core';
import { RekorError } from '../errors.js';
import { hashChildren } from './hash.js';

export interface InclusionProofInput {
  /** Zero-based index of the leaf in the tree the proof was made for. */
  logIndex: number;
  treeSize: number;
  /** `hashLeaf(leaf)`. */
  leafHash: Uint8Array;
  /** Audit path, leaf to root. */
  hashes: readonly Uint8Array[];
  rootHash: Uint8Array;
}

/**
 * Verifies an RFC 6962 inclusion proof as RFC 9162 §2.1.3.2 describes: the audit path must have
 * exactly the length the index and size imply, and must lead from the leaf hash to `rootHash`.
 * Throws `RekorError('ERR_TLOG_INCLUSION_PROOF_INVALID')` otherwise.
 *
 * @example
 * ```ts
 * verifyInclusionProof({ logIndex: 3, treeSize: 8, leafHash: hashLeaf(body), hashes, rootHash });
 * ```
 */
export function verifyInclusionProof(input: InclusionProofInput): void {
  const root = rootFromInclusionProof(input);
  if (!bytesEqual(root, input.rootHash)) {
    throw new RekorError(
      'ERR_TLOG_INCLUSION_PROOF_INVALID',
      'inclusion proof does not lead to the expected root hash',
    );
  }
}

/**
 * The root hash an inclusion proof leads to (RFC 9162 §2.1.3.2 without the final comparison).
 * Throws when the index, size or path length are inconsistent.
 */
export function rootFromInclusionProof(input: Omit<InclusionProofInput, 'rootHash'>): Uint8Array {
  const { logIndex, treeSize, leafHash, hashes } = input;
  if (!Number.isSafeInteger(logIndex) || !Number.isSafeInteger(treeSize) || logIndex < 0 || treeSize < 0) {
    throw new RekorError(
      'ERR_TLOG_INCLUSION_PROOF_INVALID',
      'inclusion proof index and tree size must be non-negative integers',
    );
  }
  if (logIndex >= treeSize) {
    throw new RekorError(
      'ERR_TLOG_INCLUSION_PROOF_INVALID',
      `inclusion proof index ${logIndex} is not inside a tree of size ${treeSize}`,
    );
  }
  const expected = inclusionProofLength(logIndex, treeSize);
  if (hashes.length !== expected) {
    throw new RekorError(
      'ERR_TLOG_INCLUSION_PROOF_INVALID',
      `inclusion proof has ${hashes.length} hashes; index ${logIndex} in a tree of size ${treeSize} needs ${expected}`,
    );
  }
  // Division instead of bit shifts: indices pass 2^32 and JavaScript shifts are 32-bit.
  let fn = logIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of hashes) {
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) {
    throw new RekorError(
      'ERR_TLOG_INCLUSION_PROOF_INVALID',
      'inclusion proof is too short for its tree size',
    );
  }
  return r;
}

/** Number of hashes in the audit path of leaf `index` in a tree of `size` leaves. */
export function inclusionProofLength(index: number, size: number): number {
  // Levels where the paths to `index` and to the last leaf diverge, plus the right-border levels
  // above them where `index`'s subtree has a left sibling.
  const inner = bitLength(xor(index, size - 1));
  return inner + popCount(Math.floor(index / 2 ** inner));
}

function bitLength(n: number): number {
  let bits = 0;
  while (n > 0) {
    n = Math.floor(n / 2);
    bits++;
  }
  return bits;
}

function popCount(n: number): number {
  let count = 0;
  while (n > 0) {
    count += n % 2;
    n = Math.floor(n / 2);
  }
  return count;
}

function xor(a: number, b: number): number {
  // 53-bit safe XOR: split into high and low 32-bit halves.
  const high = (Math.floor(a / 2 ** 32) ^ Math.floor(b / 2 ** 32)) >>> 0;
  const low = ((a % 2 ** 32) ^ (b % 2 ** 32)) >>> 0;
  return high * 2 ** 32 + low;
}
