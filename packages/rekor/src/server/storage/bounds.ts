/** Requires `index` to name an appended entry of a log of `total` entries. */
export function assertLogIndex(index: number, total: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= total) {
    throw new RangeError(`log index ${index} is not in a log of ${total} entries`);
  }
}

/** Requires `size` to be a published tree size (0 to the durable size). */
export function assertTreeSize(size: number, durableSize: number): void {
  if (!Number.isSafeInteger(size) || size < 0 || size > durableSize) {
    throw new RangeError(`tree size ${size} is not a published size (0..${durableSize})`);
  }
}
