import { OidcError } from '../../src/errors.js';

/** Awaits a promise that must reject with an `OidcError`, and returns that error. */
export async function oidcFailure(promise: Promise<unknown>): Promise<OidcError> {
  const outcome = await promise.then(
    () => ({ ok: true as const }),
    (err: unknown) => ({ ok: false as const, err }),
  );
  if (outcome.ok) throw new Error('expected an OidcError, but the promise resolved');
  if (outcome.err instanceof OidcError) return outcome.err;
  throw outcome.err;
}
