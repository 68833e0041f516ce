import { KeylessError } from '@keyless/core';

/**
 * Codes of {@link SigningError}. Each says which step of signing failed, so that callers (and the
 * command line's exit codes) can tell a refused token from an unreachable log.
 */
export type SigningErrorCode =
  /** The signing config offers no usable service: no valid CA or log, a selector it cannot meet, or Rekor v2 without a TSA. */
  | 'ERR_SIGNING_CONFIG'
  /** The OIDC provider gave no token, or the token is not a JWT with the claims signing needs. */
  | 'ERR_IDENTITY_TOKEN'
  /** The signer (the holder of the key) failed to produce a key or a signature. */
  | 'ERR_SIGNER'
  /** The certificate authority failed: unreachable, refused the request or the token, or answered nonsense. */
  | 'ERR_CERTIFICATE_AUTHORITY'
  /** The certificate issued does not chain to the trusted root, lacks a trusted SCT, or names another identity. */
  | 'ERR_CERTIFICATE_UNTRUSTED'
  /** A transparency log failed to record the signature, or its answer does not check out. */
  | 'ERR_TRANSPARENCY_LOG'
  /** A timestamp authority failed to timestamp the signature, or its answer does not check out. */
  | 'ERR_TIMESTAMP_AUTHORITY'
  /** The bundle just built did not verify against the trusted root: nothing is returned. */
  | 'ERR_SELF_VERIFICATION'
  /** The input to sign is unusable (a predicate that is not a JSON object, an empty payload type, ...). */
  | 'ERR_INVALID_INPUT'
  /** The bundle could not be written to its file (nothing is left behind). */
  | 'ERR_BUNDLE_WRITE';

/**
 * The one error class of `@keyless/sign`. The message names the service that failed and what it
 * said, e.g. `Fulcio at http://127.0.0.1:5555/fulcio: HTTP 401 invalid identity token`; the
 * underlying error is the `cause`.
 *
 * @example
 * ```ts
 * try { await pipeline.signBlob(bytes); }
 * catch (err) { if (err instanceof SigningError && err.code === 'ERR_CERTIFICATE_AUTHORITY') retryLater(); }
 * ```
 */
export class SigningError extends KeylessError<SigningErrorCode> {}

/** What an error says, in one line, for wrapping into a {@link SigningError}. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim() || 'failed without a message';
}
