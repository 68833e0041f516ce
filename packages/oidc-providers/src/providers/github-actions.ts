import type { OidcProvider } from '@keyless/core';
import type { HttpClientOptions } from '@keyless/core/http';
import { OidcError } from '../errors.js';
import { providerFailure, withHttpClient } from '../oidc/http.js';
import { acceptToken } from '../token/accept.js';
import type { Env } from './environment.js';

/** Name of {@link githubActionsProvider}. */
export const GITHUB_ACTIONS_PROVIDER_NAME = 'github-actions';

/** Options of {@link githubActionsProvider}. */
export interface GithubActionsProviderOptions {
  /** Where the runner's variables are read. Default `process.env`. */
  env?: Env;
  /** Settings of the HTTP client (timeouts, retries). */
  http?: HttpClientOptions;
}

/**
 * The GitHub Actions OIDC token of the running job. The runner exposes a token service at
 * `ACTIONS_ID_TOKEN_REQUEST_URL`, guarded by the bearer token `ACTIONS_ID_TOKEN_REQUEST_TOKEN`;
 * `GET <url>&audience=<aud>` answers `{ "value": "<jwt>" }`. Both variables exist only when the
 * workflow grants `permissions: id-token: write`. `detect()` is true on any Actions runner
 * (`GITHUB_ACTIONS=true`), so that a job without the permission gets an error saying so instead
 * of falling through to an interactive sign-in.
 *
 * @example
 * ```ts
 * const token = await githubActionsProvider().getToken({ audience: 'sigstore' });
 * ```
 */
export function githubActionsProvider(options: GithubActionsProviderOptions = {}): OidcProvider {
  const env = options.env ?? process.env;
  const name = GITHUB_ACTIONS_PROVIDER_NAME;
  return {
    name,
    detect: () => env.GITHUB_ACTIONS === 'true',
    async getToken({ audience, signal }) {
      const requestUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL;
      const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
      if (!requestUrl || !requestToken) {
        throw new OidcError(
          'ERR_PROVIDER_UNAVAILABLE',
          `${name}: ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set; grant the job "permissions: id-token: write"`,
        );
      }
      let url: URL;
      try {
        url = new URL(requestUrl);
      } catch (err) {
        throw new OidcError(
          'ERR_PROVIDER_UNAVAILABLE',
          `${name}: ACTIONS_ID_TOKEN_REQUEST_URL is not a URL`,
          {
            cause: err,
          },
        );
      }
      url.searchParams.set('audience', audience);
      try {
        const body = await withHttpClient({ service: 'GitHub Actions OIDC', ...options.http }, (http) =>
          http.getJson<{ value?: unknown }>(url, {
            headers: { authorization: `Bearer ${requestToken}` },
            ...(signal && { signal }),
          }),
        );
        return acceptToken(body?.value, name, { audience });
      } catch (err) {
        throw providerFailure(name, err, signal);
      }
    },
  };
}
