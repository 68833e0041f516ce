import { join, resolve } from 'node:path';
import { createHttpClient, httpErrorDetails } from '@keyless/core/http';
import { DevStackError } from '../errors.js';
import { DEV_SECRET_FILE, readDevSecret } from '../oidc/dev-secret.js';
import type { DevTokenRequest, DevTokenResponse } from '../oidc/dev-token-endpoint.js';
import { readStackState } from '../stack/state.js';

export interface RequestDevTokenOptions extends DevTokenRequest {
  /** The running stack's folder (holds `stack.json` and `oidc/dev-secret`). */
  dir: string;
}

const NOT_RUNNING = (dir: string) =>
  `no dev stack is running for ${dir}; start one with "keyless dev up --dir ${dir}"`;

/**
 * Asks the stack running in `dir` for an ID token, as `keyless dev token` does: an email token
 * (`email`), or with `ci: true` a GitHub-Actions-like token. The token is valid for 10 minutes.
 *
 * @example
 * ```ts
 * const { id_token } = await requestDevToken({ dir: '.keyless-dev', email: 'me@example.com' });
 * ```
 */
export async function requestDevToken(options: RequestDevTokenOptions): Promise<DevTokenResponse> {
  const { dir: given, ...request } = options;
  const dir = resolve(given);
  const state = await readStackState(dir);
  const secret = await readDevSecret(join(dir, 'oidc', DEV_SECRET_FILE));
  if (!state || secret === undefined) throw new DevStackError('ERR_DEV_STACK_NOT_RUNNING', NOT_RUNNING(dir));
  const http = createHttpClient({ service: 'dev stack OIDC issuer', retries: 0, timeoutMs: 10_000 });
  try {
    return await http.postJson<DevTokenResponse>(`${state.urls.oidc}/dev/token`, request, {
      headers: { Authorization: `Bearer ${secret}` },
    });
  } catch (error) {
    const details = httpErrorDetails(error);
    if (details?.failure === 'network' || details?.failure === 'timeout') {
      throw new DevStackError(
        'ERR_DEV_STACK_NOT_RUNNING',
        `${NOT_RUNNING(dir)} (nothing answers at ${state.url})`,
        {
          cause: error,
        },
      );
    }
    if (details?.status !== undefined) {
      throw new DevStackError(
        'ERR_DEV_TOKEN_REFUSED',
        `the dev stack at ${state.url} refused to mint a token: ${details.serverMessage ?? `HTTP ${details.status}`}`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    await http.close();
  }
}
