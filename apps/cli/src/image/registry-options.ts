import type { RegistryClientOptions } from '@keyless/oci';
import { flag, stringValue } from '../args/parse.js';
import type { OptionTable, ParsedArgs } from '../args/spec.js';
import { usageError } from '../errors.js';

const REGISTRY = 'Registry:';

/** The registry flags every image command takes. */
export const REGISTRY_OPTIONS: OptionTable = {
  'registry-username': {
    type: 'string',
    group: REGISTRY,
    describe:
      "User name for the image's registry (default: docker login's credentials, ~/.docker/config.json)",
  },
  'registry-password': {
    type: 'string',
    group: REGISTRY,
    describe: 'Password or token for --registry-username (sent to that registry and its token service only)',
  },
  'allow-http-registry': {
    type: 'boolean',
    group: REGISTRY,
    describe:
      'Allow plain HTTP to a registry that is not on loopback (loopback registries always may use it)',
  },
};

/** The registry flags, checked. */
export interface RegistryFlags {
  credential?: { username: string; password: string };
  allowHttpRegistry: boolean;
}

/** Reads the registry flags; a user name without a password (or the reverse) is a usage error. */
export function registryFlags(args: ParsedArgs): RegistryFlags {
  const username = stringValue(args, 'registry-username');
  const password = stringValue(args, 'registry-password');
  if ((username === undefined) !== (password === undefined)) {
    throw usageError('--registry-username and --registry-password go together');
  }
  return {
    ...(username !== undefined && password !== undefined ? { credential: { username, password } } : {}),
    allowHttpRegistry: flag(args, 'allow-http-registry'),
  };
}

/**
 * Registry client options for the flags: explicit credentials for `registry` (the image's),
 * Docker's config for every other registry; plain HTTP off loopback only when allowed.
 */
export async function registryClientOptions(
  flags: RegistryFlags,
  registries: readonly string[],
  env: Record<string, string | undefined>,
): Promise<RegistryClientOptions> {
  const { dockerConfigCredentials, explicitCredentials } = await import('@keyless/oci');
  let credentials = dockerConfigCredentials({ env });
  if (flags.credential) {
    for (const registry of registries)
      credentials = explicitCredentials(registry, flags.credential, credentials);
  }
  return { credentials, ...(flags.allowHttpRegistry ? { allowHttpRegistry: true } : {}) };
}
