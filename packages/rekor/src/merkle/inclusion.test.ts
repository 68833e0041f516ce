import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RekorError } from '../errors.js';
import { hashLeaf } from './hash.js';
import { inclusionProofLength, verifyInclusionProof } from './inclusion.js';
import { inclusionPath, merkleTreeHash } from './tree.js';

function leaves(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => hashLeaf(createHash('sha256').update(`leaf ${i}`).digest()));
}

function expectCode(fn: () => unknown, code: string): void {
  let error: unknown;
  try {
    fn();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(RekorError);
  expect((error as RekorError).code).toBe(code);
}

describe('verifyInclusionProof', () => {
  it('accepts the proof of every leaf of trees of size 1 to 33', () => {
    for (let size = 1; size <= 33; size++) {
      const tree = leaves(size);
      const rootHash = merkleTreeHash(tree);
      for (let index = 0; index < size; index++) {
        const hashes = inclusionPath(tree, index);
        expect(hashes.length).toBe(inclusionProofLength(index, size));
        verifyInclusionProof({ logIndex: index, treeSize: size, leafHash: tree[index]!, hashes, rootHash });
      }
    }
  });

  const tree = leaves(11);
  const rootHash = merkleTreeHash(tree);
  const base = { logIndex: 6, treeSize: 11, leafHash: tree[6]!, hashes: inclusionPath(tree, 6), rootHash };

  it('rejects a proof with a flipped bit in one hash', () => {
    const hashes = base.hashes.map((h, i) =>
      i === 1 ? Uint8Array.from(h, (b, j) => (j === 0 ? b ^ 1 : b)) : h,
    );
    expectCode(() => verifyInclusionProof({ ...base, hashes }), 'ERR_TLOG_INCLUSION_PROOF_INVALID');
  });

  it('rejects a different leaf', () => {
    expectCode(
      () => verifyInclusionProof({ ...base, leafHash: tree[5]! }),
      'ERR_TLOG_INCLUSION_PROOF_INVALID',
    );
  });

  it('rejects a different root', () => {
    expectCode(
      () => verifyInclusionProof({ ...base, rootHash: tree[0]! }),
      'ERR_TLOG_INCLUSION_PROOF_INVALID',
    );
  });

  it('rejects an index at or past the tree size', () => {
    expectCode(() => verifyInclusionProof({ ...base, logIndex: 11 }), 'ERR_TLOG_INCLUSION_PROOF_INVALID');
  });

  it('rejects a negative index', () => {
    expectCode(() => verifyInclusionProof({ ...base, logIndex: -1 }), 'ERR_TLOG_INCLUSION_PROOF_INVALID');
  });

  it('rejects a proof one hash too short', () => {
    expectCode(
      () => verifyInclusionProof({ ...base, hashes: base.hashes.slice(0, -1) }),
      'ERR_TLOG_INCLUSION_PROOF_INVALID',
    );
  });

  it('rejects a proof one hash too long', () => {
    expectCode(
      () => verifyInclusionProof({ ...base, hashes: [...base.hashes, tree[0]!] }),
      'ERR_TLOG_INCLUSION_PROOF_INVALID',
    );
  });

  it('rejects the right path presented for another index', () => {
    expectCode(() => verifyInclusionProof({ ...base, logIndex: 7 }), 'ERR_TLOG_INCLUSION_PROOF_INVALID');
  });

  it('rejects a non-empty proof for a one-leaf tree', () => {
    const one = leaves(1);
    expectCode(
      () =>
        verifyInclusionProof({
          logIndex: 0,
          treeSize: 1,
          leafHash: one[0]!,
          hashes: [one[0]!],
          rootHash: one[0]!,
        }),
      'ERR_TLOG_INCLUSION_PROOF_INVALID',
    );
  });
});

describe('inclusionProofLength', () => {
  it('handles indices beyond 32 bits', () => {
    expect(inclusionProofLength(2 ** 40, 2 ** 40 + 1)).toBe(1);
    expect(inclusionProofLength(2 ** 40 - 1, 2 ** 41)).toBe(41);
  });
});
