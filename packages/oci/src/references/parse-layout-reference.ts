import { parseDigest } from '../digest/digest.js';
import { OciError } from '../errors.js';
import type { LayoutReference } from './types.js';

/** The prefix that marks an OCI image layout reference. */
export const LAYOUT_PREFIX = 'oci:';

const TAG = /^[\w][\w.-]{0,127}$/;

/**
 * Parses `oci:PATH[:TAG|@DIGEST]`, an image in an OCI image layout directory. A `:` after the
 * last `/` starts the tag, so a path containing `:` needs a tag or digest after it.
 *
 * @example
 * ```ts
 * parseLayoutReference('oci:./build/image:v1'); // { kind: 'layout', path: './build/image', tag: 'v1' }
 * ```
 */
export function parseLayoutReference(input: string): LayoutReference {
  if (!input.startsWith(LAYOUT_PREFIX)) {
    throw new OciError(
      'ERR_REFERENCE_INVALID',
      `invalid layout reference "${input}": it must start with oci:`,
    );
  }
  let path = input.slice(LAYOUT_PREFIX.length);
  const invalid = (why: string) =>
    new OciError('ERR_REFERENCE_INVALID', `invalid layout reference "${input.slice(0, 300)}": ${why}`);
  let digest: string | undefined;
  let tag: string | undefined;
  const at = path.lastIndexOf('@');
  if (at > path.lastIndexOf('/') && at >= 0) {
    digest = path.slice(at + 1);
    path = path.slice(0, at);
    if (!parseDigest(digest))
      throw invalid('the digest must be sha256:<64 lowercase hex> or sha512:<128 lowercase hex>');
  } else {
    const colon = path.lastIndexOf(':');
    if (colon > path.lastIndexOf('/') && colon >= 0) {
      tag = path.slice(colon + 1);
      path = path.slice(0, colon);
      if (!TAG.test(tag)) throw invalid(`"${tag}" is not a valid tag`);
    }
  }
  if (path.length === 0) throw invalid('the directory path is empty');
  const reference: LayoutReference = { kind: 'layout', path };
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  return reference;
}
