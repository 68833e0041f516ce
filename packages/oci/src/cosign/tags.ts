import { parseDigest } from '../digest/digest.js';
import { OciError } from '../errors.js';

function digestTag(digest: string): string {
  const parsed = parseDigest(digest);
  if (!parsed) throw new OciError('ERR_REFERENCE_INVALID', `"${digest}" is not a supported digest`);
  return `${parsed.algorithm}-${parsed.hex}`;
}

/**
 * The tag of the referrers tag-schema fallback index: `sha256:<hex>` becomes `sha256-<hex>`.
 *
 * @example
 * ```ts
 * referrersTag('sha256:' + 'ab'.repeat(32)); // 'sha256-abab…'
 * ```
 */
export function referrersTag(digest: string): string {
  return digestTag(digest);
}

/** cosign's signature tag: `sha256-<hex>.sig`. */
export function signatureTag(digest: string): string {
  return `${digestTag(digest)}.sig`;
}

/** cosign's attestation tag: `sha256-<hex>.att`. */
export function attestationTag(digest: string): string {
  return `${digestTag(digest)}.att`;
}

/** cosign's SBOM tag: `sha256-<hex>.sbom` (listed by `tree`, never written here). */
export function sbomTag(digest: string): string {
  return `${digestTag(digest)}.sbom`;
}
