import type { OidcProvider } from '@keyless/core';
import { acceptToken } from '../token/accept.js';
import { isJwtShaped } from '../token/jwt-shape.js';
import { readTokenFile } from '../token/read-token-file.js';

/** Name of {@link staticTokenProvider}. */
export const STATIC_PROVIDER_NAME = 'static';

/** Whether the argument may be printed as a path: never a value that may be a (malformed) token. */
function isPrintablePath(value: string): boolean {
  return !value.startsWith('eyJ') && value.length <= 256;
}

/**
 * A provider for a token given up front (`--identity-token`): either the JWT itself or the path
 * of a file holding one. A file is read on every `getToken`, so a token that something else
 * refreshes stays current. The token must carry the requested audience and must not have expired.
 *
 * @example
 * ```ts
 * const provider = staticTokenProvider('./token.jwt');
 * const token = await provider.getToken({ audience: 'sigstore' });
 * ```
 */
export function staticTokenProvider(tokenOrPath: string): OidcProvider {
  const given = tokenOrPath.trim();
  const inline = isJwtShaped(given);
  return {
    name: STATIC_PROVIDER_NAME,
    detect: () => true,
    async getToken({ audience }) {
      if (inline || !isPrintablePath(given)) return acceptToken(given, 'identity token', { audience });
      const contents = await readTokenFile(given, 'identity token');
      return acceptToken(contents, `identity token (from ${given})`, { audience });
    },
  };
}
