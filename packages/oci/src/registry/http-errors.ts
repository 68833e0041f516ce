import { CoreError } from '@keyless/core';
import { httpErrorDetails } from '@keyless/core/http';
import { OciError } from '../errors.js';

/**
 * Turns a failure of the HTTP layer into an {@link OciError}, keeping its one-line message and the
 * original error as `cause` (so `httpErrorDetails(err.cause)` still reads the status). `tooLarge`
 * is the code for a body past its cap (`ERR_MANIFEST_TOO_LARGE` for manifests).
 */
export function wrapHttpError(
  error: unknown,
  what: string,
  tooLarge: 'ERR_MANIFEST_TOO_LARGE' | 'ERR_REGISTRY' = 'ERR_REGISTRY',
): unknown {
  if (!(error instanceof CoreError)) return error;
  if (error.code === 'ERR_HTTP_INSECURE') {
    return new OciError(
      'ERR_REGISTRY_INSECURE',
      `${what}: refusing plain HTTP to a registry that is not on loopback; use HTTPS, or allow it with --allow-http-registry`,
      { cause: error },
    );
  }
  if (error.code === 'ERR_INPUT_TOO_LARGE') return new OciError(tooLarge, error.message, { cause: error });
  return new OciError('ERR_REGISTRY', error.message, { cause: error });
}

/**
 * Whether a failed manifest PUT is worth repeating: distribution (with its filesystem storage)
 * answers 400 `DIGEST_INVALID` or `MANIFEST_BLOB_UNKNOWN` when another writer is linking the same
 * blob at that moment (it reads a half-written link file). Concurrent signers upload the same
 * config blob, so they meet this; a moment later the PUT succeeds.
 */
export function isTransientManifestRejection(error: unknown): boolean {
  if (!(error instanceof OciError) || error.code !== 'ERR_REGISTRY') return false;
  const details = httpErrorDetails(error.cause);
  return (
    details?.status === 400 &&
    /^(DIGEST_INVALID|MANIFEST_BLOB_UNKNOWN|BLOB_UNKNOWN)\b/.test(details.serverMessage ?? '')
  );
}
