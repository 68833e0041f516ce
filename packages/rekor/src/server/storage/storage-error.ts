import { RekorError } from '../../errors.js';

/** The storage's one error: `message`, with the underlying reason when there is one. */
export function storageError(message: string, cause?: unknown): RekorError {
  const reason = cause === undefined ? '' : `: ${cause instanceof Error ? cause.message : String(cause)}`;
  return new RekorError('ERR_TLOG_STORAGE_FAILED', `${message}${reason}`, { cause });
}
