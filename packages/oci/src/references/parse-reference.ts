import { LAYOUT_PREFIX, parseLayoutReference } from './parse-layout-reference.js';
import { parseRegistryReference } from './parse-registry-reference.js';
import type { ImageReference } from './types.js';

/**
 * Parses an image reference: `oci:PATH[:TAG|@DIGEST]` for an OCI image layout directory,
 * anything else as a Docker-style registry reference.
 *
 * @example
 * ```ts
 * parseImageReference('ghcr.io/acme/app:1.0').kind; // 'registry'
 * parseImageReference('oci:./out@sha256:' + 'a'.repeat(64)).kind; // 'layout'
 * ```
 */
export function parseImageReference(input: string): ImageReference {
  return input.startsWith(LAYOUT_PREFIX) ? parseLayoutReference(input) : parseRegistryReference(input);
}
