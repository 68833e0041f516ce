import type { OidcProvider } from '@keyless/core';
import { OidcError } from '../errors.js';
import { acceptToken } from '../token/accept.js';

/** Name of {@link environmentTokenProvider}. */
export const ENVIRONMENT_PROVIDER_NAME = 'environment';

/** The variable Sigstore tools read a ready-made identity token from. */
export const SIGSTORE_ID_TOKEN = 'SIGSTORE_ID_TOKEN';

/** Environment variables as `process.env` holds them. */
export type Env = Record<string, string | undefined>;

/**
 * A provider for the token in `SIGSTORE_ID_TOKEN`, read when `getToken` is called. `detect()` is
 * true when the variable is set and not empty.
 *
 * @example
 * ```ts
 * const provider = environmentTokenProvider();
 * if (await provider.detect?.()) console.log(await provider.getToken({ audience: 'sigstore' }) !== '');
 * ```
 */
export function environmentTokenProvider(env: Env = process.env): OidcProvider {
  return {
    name: ENVIRONMENT_PROVIDER_NAME,
    detect: () => (env[SIGSTORE_ID_TOKEN]?.trim() ?? '') !== '',
    async getToken({ audience }) {
      const value = env[SIGSTORE_ID_TOKEN]?.trim();
      if (!value) {
        throw new OidcError('ERR_PROVIDER_UNAVAILABLE', `${SIGSTORE_ID_TOKEN} is not set`);
      }
      return acceptToken(value, SIGSTORE_ID_TOKEN, { audience });
    },
  };
}
