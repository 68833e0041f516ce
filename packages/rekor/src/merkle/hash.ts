import { createHash } from 'node:crypto';

/** RFC 6962 §2.1 domain-separation prefix of a leaf hash. */
export const LEAF_HASH_PREFIX = 0x00;
/** RFC 6962 §2.1 domain-separation prefix of an interior node hash. */
export const NODE_HASH_PREFIX = 0x01;

const LEAF_PREFIX = Uint8Array.of(LEAF_HASH_PREFIX);
const NODE_PREFIX = Uint8Array.of(NODE_HASH_PREFIX);

/**
 * The RFC 6962 leaf hash `SHA-256(0x00 || leaf)`; for a Rekor entry the leaf is its canonicalized body.
 *
 * @example
 * ```ts
 * const leaf = hashLeaf(entry.canonicalizedBody);
 * ```
 */
export function hashLeaf(leaf: Uint8Array): Uint8Array {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/** The RFC 6962 interior node hash `SHA-256(0x01 || left || right)`. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of the empty tree, `SHA-256()`. */
export function emptyRoot(): Uint8Array {
  return createHash('sha256').digest();
}
