import { KeylessError } from '@keyless/core';

/** Codes thrown by `@keyless/timestamp`; stable, so callers can `switch` on them. */
export type TimestampErrorCode =
  /** The bytes are not a DER `TimeStampResp` or `TimeStampToken`, or break RFC 3161 / RFC 5652. */
  | 'ERR_TIMESTAMP_MALFORMED'
  /** The TSA did not grant the request (status other than granted or grantedWithMods). */
  | 'ERR_TIMESTAMP_STATUS'
  /** No trusted TSA vouches for the signer: its certificate is unknown or does not chain to one. */
  | 'ERR_TIMESTAMP_UNTRUSTED'
  /** The TSA's signature, or the signed attributes binding it to the TSTInfo, does not verify. */
  | 'ERR_TIMESTAMP_SIGNATURE_INVALID'
  /** The message imprint is not the hash of the signed data the timestamp should cover. */
  | 'ERR_TIMESTAMP_IMPRINT_MISMATCH'
  /** The time lies outside the TSA certificate's validity or the trusted root's window for the TSA or log. */
  | 'ERR_TIMESTAMP_OUTSIDE_VALIDITY'
  /** The token's nonce is not the one sent in the request. */
  | 'ERR_TIMESTAMP_NONCE_MISMATCH'
  /** A hash or signature algorithm in the token is not one this library verifies. */
  | 'ERR_TIMESTAMP_UNSUPPORTED_ALGORITHM'
  /** The evidence holds no time, e.g. a log entry without an integrated time (Rekor v2). */
  | 'ERR_TIMESTAMP_MISSING'
  /** A TSA could not be reached, or answered with an HTTP error or something not a time-stamp reply. */
  | 'ERR_TSA_REQUEST_FAILED'
  /** The local TSA's options, or the keys and certificates persisted in its folder, cannot be used. */
  | 'ERR_TSA_CONFIG_INVALID';

/** Error thrown by `@keyless/timestamp`. */
export class TimestampError extends KeylessError<TimestampErrorCode> {}
