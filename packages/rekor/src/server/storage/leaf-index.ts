import { fingerprintOf } from './fingerprint.js';
import type { SlotTable } from './slot-table.js';
import { HASH_BYTES } from './tree-levels.js';

/**
 * Leaf hash -> index of the first entry with it, over a persisted slot table keyed by the hash's
 * fingerprint; `hasLeaf` confirms a candidate against the tree, so fingerprint collisions are safe.
 */
export class LeafIndex {
  constructor(
    private readonly table: SlotTable,
    private readonly hasLeaf: (index: number, leafHash: Uint8Array) => boolean,
  ) {}

  find(leafHash: Uint8Array): number | undefined {
    if (leafHash.length !== HASH_BYTES) return undefined;
    const { hi, lo } = fingerprintOf(leafHash);
    return this.table.lookup(hi, lo, (i) => this.hasLeaf(i, leafHash));
  }

  /** Records `index` for `leafHash` unless an earlier entry has it already. */
  add(leafHash: Uint8Array, index: number): void {
    const { hi, lo } = fingerprintOf(leafHash);
    this.table.put(
      hi,
      lo,
      (i) => this.hasLeaf(i, leafHash),
      (old) => old ?? index,
    );
  }
}
