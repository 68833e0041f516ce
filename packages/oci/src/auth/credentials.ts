/** Credentials for one registry. */
export type RegistryCredential =
  /** A user name and a password (or a personal access token used as password). */
  | { username: string; password: string }
  /** An OAuth2 refresh token (`identitytoken` in Docker's config), exchanged at the token realm. */
  | { identityToken: string };

/**
 * Finds credentials for a registry host (`ghcr.io`, `localhost:5000`, `index.docker.io`), or
 * `undefined` for anonymous access. It is only ever asked about the registry being contacted,
 * never about a token service's host.
 */
export type CredentialProvider = (registry: string) => Promise<RegistryCredential | undefined>;

/**
 * Credentials given explicitly (`--registry-username/--registry-password`) for one registry,
 * with `fallback` for every other registry.
 *
 * @example
 * ```ts
 * const credentials = explicitCredentials('ghcr.io', { username: 'me', password: token }, dockerConfigCredentials());
 * ```
 */
export function explicitCredentials(
  registry: string,
  credential: RegistryCredential,
  fallback?: CredentialProvider,
): CredentialProvider {
  const host = registry.toLowerCase();
  return async (asked) => (asked.toLowerCase() === host ? credential : fallback?.(asked));
}

/** A provider that never has credentials: anonymous access only. */
export const anonymousCredentials: CredentialProvider = async () => undefined;
