import type { OidcProvider } from '@keyless/core';
import { OidcError } from '../errors.js';
import { acceptToken } from '../token/accept.js';
import { type Env, SIGSTORE_ID_TOKEN } from './environment.js';

/** Name of {@link gitlabProvider}. */
export const GITLAB_PROVIDER_NAME = 'gitlab';

/** Options of {@link gitlabProvider}. */
export interface GitlabProviderOptions {
  /** Where the job's variables are read. Default `process.env`. */
  env?: Env;
  /** The variable named under `id_tokens:` in `.gitlab-ci.yml`. Default `SIGSTORE_ID_TOKEN`. */
  variable?: string;
}

/** The `.gitlab-ci.yml` lines that make GitLab mint the token into `variable`. */
function yamlHint(variable: string, audience: string): string {
  return `add to the job in .gitlab-ci.yml: "id_tokens: ${variable}: aud: ${audience}"`;
}

/**
 * The GitLab CI/CD ID token of the running job. GitLab mints it only when the job declares it
 * under `id_tokens:`, into a variable the job names; Sigstore's convention is
 *
 * ```yaml
 * id_tokens:
 *   SIGSTORE_ID_TOKEN:
 *     aud: sigstore
 * ```
 *
 * `detect()` is true in any GitLab job (`GITLAB_CI=true`), so that a job without the declaration
 * gets an error quoting the YAML to add instead of falling through to an interactive sign-in.
 *
 * @example
 * ```ts
 * const token = await gitlabProvider().getToken({ audience: 'sigstore' });
 * ```
 */
export function gitlabProvider(options: GitlabProviderOptions = {}): OidcProvider {
  const env = options.env ?? process.env;
  const variable = options.variable ?? SIGSTORE_ID_TOKEN;
  const name = GITLAB_PROVIDER_NAME;
  return {
    name,
    detect: () => env.GITLAB_CI === 'true',
    async getToken({ audience }) {
      const value = env[variable]?.trim();
      if (!value) {
        throw new OidcError(
          'ERR_PROVIDER_UNAVAILABLE',
          `${name}: ${variable} is not set; ${yamlHint(variable, audience)}`,
        );
      }
      return acceptToken(value, `${name} (${variable})`, {
        audience,
        audienceHint: `set "aud: ${audience}" under id_tokens: ${variable}`,
      });
    },
  };
}
