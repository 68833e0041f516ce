import { KeylessError } from '@keyless/core';

/** Stable codes of {@link RekorError}; callers `switch` on these, never on messages. */
export type RekorErrorCode =
  /** No trusted transparency log has the entry's log ID. */
  | 'ERR_TLOG_UNKNOWN_LOG'
  /** The log is trusted, but no key of it is usable and valid at the entry's time. */
  | 'ERR_TLOG_KEY_NOT_VALID'
  /** The entry's integrated time is later than now (beyond a small clock-skew allowance). */
  | 'ERR_TLOG_INTEGRATED_TIME_IN_FUTURE'
  /** The signed entry timestamp (inclusion promise) does not verify with the log's key. */
  | 'ERR_TLOG_INCLUSION_PROMISE_INVALID'
  /** The RFC 6962 inclusion proof is malformed or does not lead to its root hash. */
  | 'ERR_TLOG_INCLUSION_PROOF_INVALID'
  /** The RFC 6962 consistency proof is malformed or does not connect its two roots. */
  | 'ERR_TLOG_CONSISTENCY_PROOF_INVALID'
  /** The checkpoint is malformed, not signed by the log, or does not match the inclusion proof. */
  | 'ERR_TLOG_CHECKPOINT_INVALID'
  /** The entry body does not describe the bundle's content, signature or signer. */
  | 'ERR_TLOG_BODY_MISMATCH'
  /** The entry body is not valid JSON, has the wrong shape, or is of a kind this library does not know. */
  | 'ERR_TLOG_BODY_INVALID'
  /** A log entry as a log's API returns it is malformed (bad hex, base64 or numbers). */
  | 'ERR_TLOG_ENTRY_INVALID'
  /** The entry has neither an inclusion promise nor an inclusion proof (or lacks a required proof). */
  | 'ERR_TLOG_MISSING_PROOF'
  /** A request to a log failed: unreachable, timed out, or answered with an error status. */
  | 'ERR_TLOG_REQUEST_FAILED'
  /** The log refused a proposed entry (malformed, or its signature does not verify). */
  | 'ERR_TLOG_ENTRY_REJECTED'
  /** The log has no entry with the requested index or UUID. */
  | 'ERR_TLOG_NOT_FOUND'
  /** A log's answer is not what its API promises (missing fields, another entry than asked for). */
  | 'ERR_TLOG_RESPONSE_INVALID'
  /** A log server's storage failed: a write error, an unreadable record, or a directory of another log. */
  | 'ERR_TLOG_STORAGE_FAILED';

/**
 * The one error class of `@keyless/rekor`.
 *
 * @example
 * ```ts
 * try { verifyTransparencyLogEntry(entry, trusted.tlogs); }
 * catch (err) { if (err instanceof RekorError && err.code === 'ERR_TLOG_UNKNOWN_LOG') ... }
 * ```
 */
export class RekorError extends KeylessError<RekorErrorCode> {}
