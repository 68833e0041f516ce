import { KeylessError } from '@keyless/core';

/** Stable codes of {@link FulcioError}; callers `switch` on these, never on messages. */
export type FulcioErrorCode =
  /** The certificate names no identity Fulcio would issue (no email, URI, username or DNS SAN). */
  | 'ERR_CERTIFICATE_IDENTITY_MISSING'
  /** The SubjectAltName extension is present but cannot be decoded. */
  | 'ERR_CERTIFICATE_IDENTITY_INVALID'
  /** A Fulcio extension (OID 1.3.6.1.4.1.57264.1.*) is not encoded as the Fulcio spec says. */
  | 'ERR_CERTIFICATE_EXTENSION_INVALID'
  /** The certificate carries no embedded SCT, or too few SCTs verified. */
  | 'ERR_SCT_MISSING'
  /** The embedded SCT list, or the certificate it is rebuilt from, cannot be decoded. */
  | 'ERR_SCT_MALFORMED'
  /** An SCT's signature does not verify with its log's key. */
  | 'ERR_SCT_INVALID'
  /** No trusted CT log has the SCT's log ID with a key valid at the SCT's time. */
  | 'ERR_SCT_UNKNOWN_LOG';

/**
 * The one error class of `@keyless/fulcio`.
 *
 * @example
 * ```ts
 * try { requireEmbeddedScts(leaf, issuer, ctlogs); }
 * catch (err) { if (err instanceof FulcioError && err.code === 'ERR_SCT_UNKNOWN_LOG') ... }
 * ```
 */
export class FulcioError extends KeylessError<FulcioErrorCode> {}
