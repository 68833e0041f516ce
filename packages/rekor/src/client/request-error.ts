import { httpErrorDetails } from '@keyless/core';
import { RekorError, type RekorErrorCode } from '../errors.js';

/**
 * Runs a request, turning an HTTP-layer failure into a `RekorError` with the same one-line message
 * (which names the service, the request and what the log said): `ERR_TLOG_NOT_FOUND` for 404,
 * `ERR_TLOG_ENTRY_REJECTED` for 400/422 when `rejects` is set, `ERR_TLOG_REQUEST_FAILED` otherwise.
 * Other errors (an abort reason) pass through untouched.
 */
export async function logRequest<T>(run: () => Promise<T>, rejects = false): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const details = httpErrorDetails(error);
    if (!details) throw error;
    let code: RekorErrorCode = 'ERR_TLOG_REQUEST_FAILED';
    if (details.status === 404) code = 'ERR_TLOG_NOT_FOUND';
    else if (rejects && (details.status === 400 || details.status === 422)) code = 'ERR_TLOG_ENTRY_REJECTED';
    throw new RekorError(code, (error as Error).message, { cause: error });
  }
}

/** A `RekorError('ERR_TLOG_RESPONSE_INVALID')` naming the log and what is wrong with its answer. */
export function invalidResponse(service: string, message: string): RekorError {
  return new RekorError('ERR_TLOG_RESPONSE_INVALID', `${service}: ${message}`);
}
