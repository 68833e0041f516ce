import { readFile } from 'node:fs/promises';
import type { OidcProvider } from '@keyless/core';
import { type Env, ExamplePluginError, setting } from './errors.js';

/** The variable naming the file that holds the identity token. */
export const TOKEN_FILE_ENV = 'EXAMPLE_OIDC_TOKEN_FILE';

/**
 * An OIDC provider that reads an identity token from the file named by `EXAMPLE_OIDC_TOKEN_FILE`
 * (something else, a sidecar say, keeps it fresh). `detect()` says whether the variable is set,
 * so Keyless picks this provider on its own when it is.
 *
 * @example
 * ```ts
 * process.env.EXAMPLE_OIDC_TOKEN_FILE = '/var/run/acme/token';
 * const token = await tokenFileProvider().getToken({ audience: 'sigstore' });
 * ```
 */
export function tokenFileProvider(env: Env = process.env): OidcProvider {
  return {
    name: 'example-token-file',
    detect: () => Boolean(env[TOKEN_FILE_ENV]?.trim()),
    async getToken() {
      const path = setting(env, TOKEN_FILE_ENV, 'the path of a file holding an identity token');
      let token: string;
      try {
        token = (await readFile(path, 'utf8')).trim();
      } catch (err) {
        throw new ExamplePluginError('ERR_EXAMPLE_INPUT', `cannot read the token file ${path}`, {
          cause: err,
        });
      }
      // Never put the token itself in a message: say what is wrong with it instead.
      if (token.split('.').length !== 3) {
        throw new ExamplePluginError('ERR_EXAMPLE_INPUT', `${path} does not hold a JWT`);
      }
      return token;
    },
  };
}
