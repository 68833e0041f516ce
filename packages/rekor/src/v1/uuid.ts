import { fromHexStrict, toHex } from '@keyless/core';

/**
 * Rekor v1 names an entry by its UUID: the hex leaf hash (64 digits), or, as the API answers, the
 * 16-hex-digit tree ID of its shard followed by the leaf hash (80 digits).
 *
 * @example
 * ```ts
 * entryUuid('2605736670972794746', leafHash); // '24296fb24b8ad77a…'
 * ```
 */
export function entryUuid(treeId: string, leafHash: Uint8Array): string {
  return treeIdHex(treeId) + toHex(leafHash);
}

/** The 16-digit hex form of a decimal tree ID. */
export function treeIdHex(treeId: string): string {
  return BigInt(treeId).toString(16).padStart(16, '0');
}

/** The leaf hash a 64- or 80-digit UUID names, or `undefined` when it is neither. */
export function leafHashOfUuid(uuid: string): Uint8Array | undefined {
  if (uuid.length !== 64 && uuid.length !== 80) return undefined;
  if (uuid.length === 80 && fromHexStrict(uuid.slice(0, 16)) === undefined) return undefined;
  return fromHexStrict(uuid.slice(-64));
}
