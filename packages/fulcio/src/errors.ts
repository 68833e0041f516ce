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
  | 'ERR_SCT_UNKNOWN_LOG'
  /** A request to Fulcio failed: network, timeout, or an error status (the message says what Fulcio said). */
  | 'ERR_FULCIO_REQUEST_FAILED'
  /** Fulcio answered, but not with a usable certificate chain (malformed, or for another key). */
  | 'ERR_FULCIO_RESPONSE_INVALID'
  /** The certificate Fulcio issued does not chain to a certificate authority of the trusted root. */
  | 'ERR_FULCIO_CHAIN_UNTRUSTED'
  /** The local CA refused the identity token (bad signature, issuer, audience, time or claims): HTTP 401. */
  | 'ERR_FULCIO_UNAUTHENTICATED'
  /**
   * The request is malformed (body, key, proof of possession or CSR): refused by the local CA with
   * HTTP 400, or by the client before sending.
   */
  | 'ERR_FULCIO_BAD_REQUEST'
  /** The local CA could not fetch an OIDC issuer's discovery document or keys: HTTP 503. */
  | 'ERR_FULCIO_ISSUER_UNAVAILABLE'
  /** The local CA's folder holds incomplete or unreadable keys or certificates. */
  | 'ERR_FULCIO_STATE_INVALID';

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
