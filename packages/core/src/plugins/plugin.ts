import type { OidcProvider } from './oidc-provider.js';
import type { TimestampSource } from './timestamp-source.js';
import type { TrustRootSource } from './trust-root-source.js';

/**
 * What a plugin module's default export declares. The CLI loads it with `--plugin MODULE`.
 *
 * @example
 * ```js
 * export default { name: 'acme', oidcProviders: [{ name: 'acme', getToken: async ({ audience }) => fetchMyToken(audience) }] };
 * ```
 */
export interface KeylessPlugin {
  readonly name: string;
  oidcProviders?: OidcProvider[];
  trustRoots?: TrustRootSource[];
  timestampSources?: TimestampSource[];
}
