import type { IndexedKey } from './entry-record.js';
import { keyFingerprint } from './fingerprint.js';
import type { SlotTable } from './slot-table.js';

/**
 * The secondary index: a table from each key to its newest entry, and in every entry's record a
 * back-pointer per key to the previous entry with that key. Lookups walk the chain newest first.
 */
export class KeyIndex {
  constructor(
    private readonly table: SlotTable,
    /** The keys (with back-pointers) of entry `index`. */
    private readonly keysOf: (index: number) => IndexedKey[],
    /** Entries appended so far; table values never reach it. */
    private readonly appended: () => number,
  ) {}

  /**
   * Makes `index` the newest entry of `key`; returns the previous newest. A replayed entry may be
   * linked already by a checkpoint that was cut short, so replay keeps the newer of the two.
   */
  link(key: string, index: number, replaying: boolean): number | undefined {
    const { hi, lo } = keyFingerprint(key);
    return this.table.put(
      hi,
      lo,
      (i) => this.holds(i, key),
      (old) => (replaying && old !== undefined ? Math.max(old, index) : index),
    );
  }

  /** Entries below `published` indexed under `key`, newest first, at most `limit`. */
  find(key: string, published: number, limit: number): number[] {
    const { hi, lo } = keyFingerprint(key);
    const found: number[] = [];
    let i = this.table.lookup(hi, lo, (v) => this.holds(v, key));
    while (i !== undefined && found.length < limit) {
      const link = this.keysOf(i).find((k) => k.key === key);
      if (!link) break;
      if (i < published) found.push(i);
      i = link.prev;
    }
    return found;
  }

  private holds(index: number, key: string): boolean {
    return index < this.appended() && this.keysOf(index).some((k) => k.key === key);
  }
}
