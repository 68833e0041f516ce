import { access, constants } from 'node:fs/promises';
import type { OidcProvider } from '@keyless/core';
import { acceptToken } from '../token/accept.js';
import { readTokenFile } from '../token/read-token-file.js';
import type { Env } from './environment.js';

/** Name of {@link kubernetesProvider}. */
export const KUBERNETES_PROVIDER_NAME = 'kubernetes';

/**
 * Where the pod's projected service-account token for Sigstore is mounted by default: the path
 * Sigstore's tools share, so one pod spec serves them all.
 */
export const KUBERNETES_TOKEN_PATH = '/var/run/sigstore/cosign/oidc-token';

/** Variable naming another token file. */
export const KUBERNETES_TOKEN_FILE_ENV = 'KEYLESS_KUBERNETES_TOKEN_FILE';

/** Options of {@link kubernetesProvider}. */
export interface KubernetesProviderOptions {
  /** Where variables are read. Default `process.env`. */
  env?: Env;
  /** The token file. Default `$KEYLESS_KUBERNETES_TOKEN_FILE`, else {@link KUBERNETES_TOKEN_PATH}. */
  path?: string;
}

/**
 * A Kubernetes projected service-account token with the Sigstore audience, read from a file the
 * kubelet keeps fresh. The pod mounts it with
 *
 * ```yaml
 * volumes:
 *   - name: oidc-info
 *     projected:
 *       sources:
 *         - serviceAccountToken:
 *             path: oidc-token
 *             audience: sigstore
 *             expirationSeconds: 600
 * # and in the container: volumeMounts: [{ name: oidc-info, mountPath: /var/run/sigstore/cosign }]
 * ```
 *
 * The audience is fixed when the volume is declared, so a token for another audience is refused
 * with a message saying so. `detect()` is true when the file exists and is readable.
 *
 * @example
 * ```ts
 * const token = await kubernetesProvider().getToken({ audience: 'sigstore' });
 * ```
 */
export function kubernetesProvider(options: KubernetesProviderOptions = {}): OidcProvider {
  const env = options.env ?? process.env;
  const name = KUBERNETES_PROVIDER_NAME;
  const path = () => options.path ?? (env[KUBERNETES_TOKEN_FILE_ENV] || KUBERNETES_TOKEN_PATH);
  return {
    name,
    detect: () =>
      access(path(), constants.R_OK).then(
        () => true,
        () => false,
      ),
    async getToken({ audience }) {
      const file = path();
      const hint = `; mount a projected service-account token with audience "${audience}" there, or set ${KUBERNETES_TOKEN_FILE_ENV}`;
      const token = await readTokenFile(file, name, hint);
      return acceptToken(token, `${name} (${file})`, {
        audience,
        audienceHint: `set "audience: ${audience}" on the projected serviceAccountToken`,
      });
    },
  };
}
