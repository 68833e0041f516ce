import { OciError } from '@keyless/oci/errors';

/** Exit codes the image commands add to the common ones; stable and documented. */
export const ImageExitCode = {
  /** The image has signatures (or attestations), but none verifies under the policy. */
  NoMatchingSignature: 1,
  /** The image has no signatures (or attestations of the type asked for) at all. */
  NoSignatures: 6,
  /** The image (tag or digest) does not exist in the registry or layout. */
  ImageNotFound: 7,
  /** The registry failed or refused: authentication, permissions, network, a broken answer. */
  Registry: 8,
} as const;

/** The exit-code lines of the image commands' help. */
export const IMAGE_EXIT_CODES_HELP = [
  'Exit codes:',
  '  0   done (verify: at least one signature verified)',
  '  1   no signature verifies under the policy (wrong identity, issuer or annotation, bad signature)',
  '  2   usage error (unknown or missing flags, an invalid image reference)',
  '  3   input error (predicate file, OCI layout directory)',
  '  4   trust root unavailable',
  '  5   signing failed: a signing service failed (the message names it); nothing was stored',
  '  6   the image has no signatures (or no attestations of that type)',
  '  7   image not found (no such tag, digest or repository)',
  '  8   registry error (login refused, access denied, unreachable, broken answer)',
  '  70  internal error',
].join('\n');

const CODES: Partial<Record<OciError['code'], number>> = {
  ERR_NO_MATCHING_SIGNATURE: ImageExitCode.NoMatchingSignature,
  ERR_PAYLOAD_MISMATCH: ImageExitCode.NoMatchingSignature,
  ERR_NO_SIGNATURES: ImageExitCode.NoSignatures,
  ERR_IMAGE_NOT_FOUND: ImageExitCode.ImageNotFound,
  ERR_REFERENCE_INVALID: 2,
  ERR_INVALID_INPUT: 2,
  ERR_LAYOUT_INVALID: 3,
  ERR_CREDENTIALS: 3,
  ERR_SIGNING: 5,
};

/** The exit code of an image command's failure, or `undefined` when it is not an `OciError`. */
export function imageExitCode(error: unknown): number | undefined {
  if (!(error instanceof OciError)) return undefined;
  return CODES[error.code] ?? ImageExitCode.Registry;
}
