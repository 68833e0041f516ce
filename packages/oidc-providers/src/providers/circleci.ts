import type { OidcProvider } from '@keyless/core';
import { runTokenCommand } from '../process/run-command.js';
import { acceptToken } from '../token/accept.js';
import type { Env } from './environment.js';

/** Name of {@link circleciProvider}. */
export const CIRCLECI_PROVIDER_NAME = 'circleci';

/** Options of {@link circleciProvider}. */
export interface CircleciProviderOptions {
  /** Where the job's variables are read; also the environment (and `PATH`) of the `circleci` command. */
  env?: Env;
  /** Kill `circleci` after this long. Default 30 000 ms. */
  timeoutMs?: number;
}

/**
 * The CircleCI OIDC token of the running job, with a custom audience: the job's own
 * `CIRCLE_OIDC_TOKEN` is minted for the organisation ID, so this runs
 * `circleci run oidc get --claims '{"aud":"<audience>"}'` (the CircleCI CLI present in every
 * job) and reads the token from its output. `detect()` is true when `CIRCLECI=true`.
 *
 * @example
 * ```ts
 * const token = await circleciProvider().getToken({ audience: 'sigstore' });
 * ```
 */
export function circleciProvider(options: CircleciProviderOptions = {}): OidcProvider {
  const env = options.env ?? process.env;
  const name = CIRCLECI_PROVIDER_NAME;
  return {
    name,
    detect: () => env.CIRCLECI === 'true',
    async getToken({ audience, signal }) {
      const stdout = await runTokenCommand(
        'circleci',
        ['run', 'oidc', 'get', '--claims', JSON.stringify({ aud: audience })],
        {
          source: name,
          env,
          ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
          ...(signal && { signal }),
        },
      );
      return acceptToken(stdout, name, { audience });
    },
  };
}
