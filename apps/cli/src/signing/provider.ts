import type { KeylessPlugin, OidcProvider } from '@keyless/core';
import type { CliContext } from '../context.js';
import { usageError } from '../errors.js';
import type { IdentityFlags } from './flags.js';

/** The public-good issuer, for interactive sign-in when nothing names another. */
export const PUBLIC_GOOD_ISSUER = 'https://oauth2.sigstore.dev/auth';

/**
 * The OIDC provider the identity flags select (see `chooseOidcProvider`): `--oidc-provider`, else
 * `--identity-token`, else `SIGSTORE_ID_TOKEN`, else ambient CI credentials (plugin providers
 * first), else interactive sign-in at `issuer`. An unknown or unusable provider is a usage error.
 */
export async function selectProvider(
  flags: IdentityFlags,
  plugins: readonly KeylessPlugin[],
  issuer: string,
  context: CliContext,
): Promise<OidcProvider> {
  const { chooseOidcProvider, OidcError } = await import('@keyless/oidc-providers');
  try {
    return await chooseOidcProvider({
      ...(flags.oidcProvider !== undefined ? { name: flags.oidcProvider } : {}),
      ...(flags.identityToken !== undefined ? { identityToken: flags.identityToken } : {}),
      disableAmbient: flags.disableAmbient,
      interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
      issuer,
      extraProviders: plugins.flatMap((plugin) => plugin.oidcProviders ?? []),
      env: context.env,
      output: { write: (text: string) => context.stderr(text) },
    });
  } catch (error) {
    if (
      error instanceof OidcError &&
      (error.code === 'ERR_PROVIDER_UNKNOWN' || error.code === 'ERR_PROVIDER_UNAVAILABLE')
    ) {
      throw usageError(`--oidc-provider: ${error.message}`);
    }
    throw error;
  }
}
