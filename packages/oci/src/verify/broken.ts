import { OciError } from '../errors.js';

/** Failures that mean a stored signature is damaged, not that it is someone else's. */
const BROKEN = new Set([
  'ERR_MANIFEST_INVALID',
  'ERR_BLOB_NOT_FOUND',
  'ERR_DIGEST_MISMATCH',
  'ERR_MANIFEST_TOO_LARGE',
]);

/** Whether `error` says a signature is damaged: it is then reported as a warning as well as rejected. */
export function isBroken(error: unknown): boolean {
  return error instanceof OciError && BROKEN.has(error.code);
}
