import { OciError } from '../errors.js';
import { parseImageReference } from '../references/parse-reference.js';
import type { ImageReference } from '../references/types.js';

/** The environment variable naming another repository to store signatures in (like `COSIGN_REPOSITORY`). */
export const SIGNATURE_REPOSITORY_ENV = 'KEYLESS_REPOSITORY';

/**
 * The repository `KEYLESS_REPOSITORY` names (`registry/repository` or `oci:PATH`), or
 * `undefined` when it is unset. A tag or digest in it is refused: it names where signatures of
 * any image go, not an image.
 *
 * @example
 * ```ts
 * // KEYLESS_REPOSITORY=ghcr.io/acme/signatures
 * signatureRepository(process.env); // { kind: 'registry', registry: 'ghcr.io', repository: 'acme/signatures' }
 * ```
 */
export function signatureRepository(
  env: Record<string, string | undefined> = process.env,
): ImageReference | undefined {
  const value = env[SIGNATURE_REPOSITORY_ENV]?.trim();
  if (!value) return undefined;
  const reference = parseImageReference(value);
  const lastSegment = value.slice(value.lastIndexOf('/') + 1);
  if (
    reference.digest !== undefined ||
    (reference.kind === 'registry' && lastSegment.includes(':')) ||
    (reference.kind === 'layout' && reference.tag !== undefined)
  ) {
    throw new OciError(
      'ERR_REFERENCE_INVALID',
      `${SIGNATURE_REPOSITORY_ENV}="${value}" must name a repository, without tag or digest`,
    );
  }
  const { tag: _tag, ...repository } = reference;
  return repository;
}
