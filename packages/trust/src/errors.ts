import { KeylessError } from '@keyless/core';

/** Codes thrown by `@keyless/trust`. */
export type TrustErrorCode =
  /** The TUF repository could not be reached in time (network failure, HTTP error or timeout). */
  | 'ERR_TUF_UNREACHABLE'
  /** TUF metadata (cached or fetched) failed verification: bad signature, version, expiry or shape. */
  | 'ERR_TUF_METADATA_INVALID'
  /** The TUF targets metadata does not list the requested target. */
  | 'ERR_TUF_TARGET_NOT_FOUND'
  /** A downloaded TUF target does not match the length or hashes its targets metadata lists. */
  | 'ERR_TUF_TARGET_INVALID'
  /** A user-supplied TUF root.json (e.g. `--tuf-root`) could not be read. */
  | 'ERR_TUF_ROOT_NOT_FOUND'
  /** The cache directory could not be created or written. */
  | 'ERR_CACHE_UNWRITABLE'
  /** No trusted root is available: a file is missing, or nothing is cached for offline use. */
  | 'ERR_TRUSTED_ROOT_NOT_FOUND'
  /** A trusted root is not valid JSON or not a Sigstore TrustedRoot. */
  | 'ERR_TRUSTED_ROOT_INVALID'
  /** Staging was selected without a staging TUF root or trusted root to start from. */
  | 'ERR_STAGING_ROOT_REQUIRED';

/**
 * Error thrown by `@keyless/trust`. Switch on `code`; the message is one line meant for a user.
 *
 * @example
 * ```ts
 * try { await publicGoodTrustRoot().getTrustedRoot(); }
 * catch (err) { if (err instanceof TrustError && err.code === 'ERR_TUF_UNREACHABLE') console.error(err.message); }
 * ```
 */
export class TrustError extends KeylessError<TrustErrorCode> {}
