import type { KeylessPlugin } from '@keyless/core';
import type { Env } from './errors.js';
import { tokenFileProvider } from './oidc-provider.js';
import { rfc3161TimestampSource } from './timestamp-source.js';
import { trustedRootFileSource } from './trust-root.js';

export { type Env, ExamplePluginError, type ExamplePluginErrorCode } from './errors.js';
export { TOKEN_FILE_ENV, tokenFileProvider } from './oidc-provider.js';
export {
  rfc3161TimestampSource,
  TSA_URL_ENV,
  timeStampRequest,
  timeStampStatus,
} from './timestamp-source.js';
export { TRUSTED_ROOT_FILE_ENV, trustedRootFileSource } from './trust-root.js';

/**
 * Builds the plugin, reading its settings from `env` whenever one of its parts is used (so the
 * variables may be set after loading).
 *
 * @example
 * ```ts
 * const plugin = createExamplePlugin({ EXAMPLE_OIDC_TOKEN_FILE: '/run/token' });
 * ```
 */
export function createExamplePlugin(env: Env = process.env): KeylessPlugin {
  return {
    name: 'example',
    oidcProviders: [tokenFileProvider(env)],
    trustRoots: [trustedRootFileSource(env)],
    timestampSources: [rfc3161TimestampSource(env)],
  };
}

/** What `keyless --plugin @keyless/example-plugin` loads. */
export default createExamplePlugin();
