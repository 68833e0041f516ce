import type { OidcProvider } from '@keyless/core';
import type { HttpClientOptions } from '@keyless/core/http';
import { providerFailure, withHttpClient } from '../oidc/http.js';
import { runTokenCommand } from '../process/run-command.js';
import { acceptToken } from '../token/accept.js';
import type { Env } from './environment.js';

/** Name of {@link buildkiteProvider}. */
export const BUILDKITE_PROVIDER_NAME = 'buildkite';

/** The Agent API, when `BUILDKITE_AGENT_ENDPOINT` does not name another. */
export const BUILDKITE_AGENT_ENDPOINT = 'https://agent.buildkite.com/v3';

/** Options of {@link buildkiteProvider}. */
export interface BuildkiteProviderOptions {
  /** Where the job's variables are read; also the environment (and `PATH`) of `buildkite-agent`. */
  env?: Env;
  /** Settings of the HTTP client (timeouts, retries). */
  http?: HttpClientOptions;
  /** Kill `buildkite-agent` after this long. Default 30 000 ms. */
  timeoutMs?: number;
}

/**
 * The Buildkite OIDC token of the running job. The agent gives every job its session token
 * (`BUILDKITE_AGENT_ACCESS_TOKEN`) and job ID (`BUILDKITE_JOB_ID`); with them this asks the Agent
 * API directly, as `buildkite-agent oidc request-token --audience <aud>` does:
 * `POST <BUILDKITE_AGENT_ENDPOINT>/jobs/<job>/oidc/tokens` with `Authorization: Token <session>`
 * and `{"audience": "<aud>"}`, answered by `{"token": "<jwt>"}`. Without those variables it runs
 * the `buildkite-agent` command instead. `detect()` is true when `BUILDKITE=true`.
 *
 * @example
 * ```ts
 * const token = await buildkiteProvider().getToken({ audience: 'sigstore' });
 * ```
 */
export function buildkiteProvider(options: BuildkiteProviderOptions = {}): OidcProvider {
  const env = options.env ?? process.env;
  const name = BUILDKITE_PROVIDER_NAME;
  return {
    name,
    detect: () => env.BUILDKITE === 'true',
    async getToken({ audience, signal }) {
      const session = env.BUILDKITE_AGENT_ACCESS_TOKEN;
      const job = env.BUILDKITE_JOB_ID;
      if (!session || !job) {
        const stdout = await runTokenCommand(
          'buildkite-agent',
          ['oidc', 'request-token', '--audience', audience],
          {
            source: name,
            env,
            ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
            ...(signal && { signal }),
          },
        );
        return acceptToken(stdout, name, { audience });
      }
      const endpoint = (env.BUILDKITE_AGENT_ENDPOINT || BUILDKITE_AGENT_ENDPOINT).replace(/\/+$/, '');
      const url = `${endpoint}/jobs/${encodeURIComponent(job)}/oidc/tokens`;
      try {
        const body = await withHttpClient({ service: 'Buildkite Agent API', ...options.http }, (http) =>
          http.postJson<{ token?: unknown }>(
            url,
            { audience },
            {
              headers: { authorization: `Token ${session}` },
              // Asking again only mints another short-lived token, so a failed attempt may be retried.
              idempotent: true,
              ...(signal && { signal }),
            },
          ),
        );
        return acceptToken(body?.token, name, { audience });
      } catch (err) {
        throw providerFailure(name, err, signal);
      }
    },
  };
}
