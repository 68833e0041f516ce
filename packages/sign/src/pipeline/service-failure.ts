import { reasonOf, SigningError, type SigningErrorCode } from '../errors.js';

/**
 * The error for a service that failed: one line naming the service and saying what went wrong.
 * Clients built on the shared HTTP layer already name themselves and the URL in their messages;
 * those are kept as they are rather than prefixed twice.
 */
export function serviceFailure(code: SigningErrorCode, service: string, error: unknown): SigningError {
  if (error instanceof SigningError) return error;
  const reason = reasonOf(error);
  const message = mentionsService(reason, service) ? reason : `${service}: ${reason}`;
  return new SigningError(code, message, { cause: error });
}

/** Whether a message already says which service it is about: its name, or the URL in the name. */
function mentionsService(reason: string, service: string): boolean {
  if (reason.includes(service)) return true;
  const url = /\bhttps?:\/\/[^\s)]+/.exec(service)?.[0];
  return url !== undefined && reason.includes(url);
}
