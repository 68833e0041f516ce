import { KeylessError } from '@keyless/core';

/**
 * Codes of `VerificationError`. Each names the check that failed, so callers can `switch` on it.
 */
export type VerificationErrorCode =
  /** The bundle is malformed, or its media type / version is unknown. */
  | 'ERR_BUNDLE_INVALID'
  /** The trusted root is malformed or could not be loaded. */
  | 'ERR_TRUSTED_ROOT_INVALID'
  /** The verification input or policy is unusable (bad digest string, no identity, ...). */
  | 'ERR_INVALID_INPUT'
  /** The signing certificate does not chain to a trusted CA valid at the signing time. */
  | 'ERR_CERTIFICATE_CHAIN'
  /** The signing certificate is not usable for code signing (EKU, key usage, CA flag, ...). */
  | 'ERR_CERTIFICATE_INVALID'
  /** Not enough valid embedded SCTs from trusted CT logs. */
  | 'ERR_SCT'
  /** A transparency log entry failed (unknown log, SET, inclusion proof, checkpoint, time). */
  | 'ERR_TLOG'
  /** A transparency log entry's body does not describe this bundle's signature and artifact. */
  | 'ERR_TLOG_BODY_MISMATCH'
  /** Fewer verified transparency log entries than the threshold. */
  | 'ERR_TLOG_THRESHOLD'
  /** An RFC 3161 timestamp failed verification. */
  | 'ERR_TIMESTAMP'
  /** Fewer verified timestamps than the threshold. */
  | 'ERR_TIMESTAMP_THRESHOLD'
  /** A verified time falls outside the signing certificate's validity. */
  | 'ERR_CERTIFICATE_EXPIRED'
  /** The signature does not verify over the artifact (or DSSE payload). */
  | 'ERR_SIGNATURE'
  /** The artifact does not match the bundle (message digest or in-toto subject). */
  | 'ERR_ARTIFACT_MISMATCH'
  /** The certificate's identity (SAN) does not match the policy. */
  | 'ERR_IDENTITY_MISMATCH'
  /** The certificate's OIDC issuer does not match the policy. */
  | 'ERR_ISSUER_MISMATCH'
  /** A certificate extension does not match the policy. */
  | 'ERR_EXTENSION_MISMATCH'
  /** A key-signed bundle was verified without a key, or with the wrong key. */
  | 'ERR_KEY_MISMATCH';

/** Thrown (as a rejection) by `Verifier.verify`; `code` names the failed check. */
export class VerificationError extends KeylessError<VerificationErrorCode> {}
