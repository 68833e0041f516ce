import { readFile } from 'node:fs/promises';
import { parseTrustedRoot, type TrustedRootJson, type TrustRootSource } from '@keyless/core';
import { type Env, ExamplePluginError, setting } from './errors.js';

/** The variable naming the `trusted_root.json` file. */
export const TRUSTED_ROOT_FILE_ENV = 'EXAMPLE_TRUSTED_ROOT_FILE';

/**
 * A trust-root source that reads a Sigstore `trusted_root.json` from the file named by
 * `EXAMPLE_TRUSTED_ROOT_FILE`, and checks it with `parseTrustedRoot` before handing it over, so
 * that a broken file is reported here rather than deep inside verification.
 *
 * @example
 * ```ts
 * process.env.EXAMPLE_TRUSTED_ROOT_FILE = './trusted_root.json';
 * const root = await trustedRootFileSource().getTrustedRoot();
 * ```
 */
export function trustedRootFileSource(env: Env = process.env): TrustRootSource {
  return {
    name: 'example-trusted-root-file',
    async getTrustedRoot() {
      const path = setting(env, TRUSTED_ROOT_FILE_ENV, 'the path of a trusted_root.json');
      let json: unknown;
      try {
        json = JSON.parse(await readFile(path, 'utf8'));
      } catch (err) {
        throw new ExamplePluginError('ERR_EXAMPLE_INPUT', `cannot read ${path} as JSON`, { cause: err });
      }
      parseTrustedRoot(json);
      return json as TrustedRootJson;
    },
  };
}
