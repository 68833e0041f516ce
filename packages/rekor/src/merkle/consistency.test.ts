import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RekorError } from '../errors.js';
import { verifyConsistencyProof } from './consistency.js';
import { hashLeaf } from './hash.js';
import { consistencyPath, merkleTreeHash } from './tree.js';

function leaves(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => hashLeaf(createHash('sha256').update(`leaf ${i}`).digest()));
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof RekorError ? err.code : 'not a RekorError';
  }
  return undefined;
}

describe('verifyConsistencyProof', () => {
  const all = leaves(21);

  it('accepts the proof between every pair of sizes up to 21', () => {
    for (let size2 = 0; size2 <= all.length; size2++) {
      const tree = all.slice(0, size2);
      const root2 = merkleTreeHash(tree);
      for (let size1 = 0; size1 <= size2; size1++) {
        const root1 = merkleTreeHash(tree.slice(0, size1));
        const hashes = consistencyPath(tree, size1);
        expect(codeOf(() => verifyConsistencyProof({ size1, size2, root1, root2, hashes }))).toBeUndefined();
      }
    }
  });

  const tree = all.slice(0, 13);
  const input = {
    size1: 6,
    size2: 13,
    root1: merkleTreeHash(tree.slice(0, 6)),
    root2: merkleTreeHash(tree),
    hashes: consistencyPath(tree, 6),
  };

  it('rejects a proof with a flipped bit in one hash', () => {
    const hashes = input.hashes.map((h, i) =>
      i === 0 ? Uint8Array.from(h, (b, j) => (j === 3 ? b ^ 1 : b)) : h,
    );
    expect(codeOf(() => verifyConsistencyProof({ ...input, hashes }))).toBe(
      'ERR_TLOG_CONSISTENCY_PROOF_INVALID',
    );
  });

  it('rejects a wrong older root', () => {
    expect(codeOf(() => verifyConsistencyProof({ ...input, root1: input.root2 }))).toBe(
      'ERR_TLOG_CONSISTENCY_PROOF_INVALID',
    );
  });

  it('rejects a truncated proof', () => {
    expect(codeOf(() => verifyConsistencyProof({ ...input, hashes: input.hashes.slice(0, -1) }))).toBe(
      'ERR_TLOG_CONSISTENCY_PROOF_INVALID',
    );
  });

  it('rejects an extended proof', () => {
    expect(codeOf(() => verifyConsistencyProof({ ...input, hashes: [...input.hashes, tree[0]!] }))).toBe(
      'ERR_TLOG_CONSISTENCY_PROOF_INVALID',
    );
  });

  it('rejects a shrinking tree', () => {
    expect(codeOf(() => verifyConsistencyProof({ ...input, size1: 13, size2: 6 }))).toBe(
      'ERR_TLOG_CONSISTENCY_PROOF_INVALID',
    );
  });

  it('rejects equal sizes with different roots', () => {
    expect(
      codeOf(() =>
        verifyConsistencyProof({ size1: 6, size2: 6, root1: input.root1, root2: input.root2, hashes: [] }),
      ),
    ).toBe('ERR_TLOG_CONSISTENCY_PROOF_INVALID');
  });

  it('rejects an empty proof between different sizes', () => {
    expect(codeOf(() => verifyConsistencyProof({ ...input, hashes: [] }))).toBe(
      'ERR_TLOG_CONSISTENCY_PROOF_INVALID',
    );
  });
});
