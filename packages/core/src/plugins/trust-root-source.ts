import type { TrustedRootJson } from '../trusted-root/types.js';

export interface GetTrustedRootOptions {
  signal?: AbortSignal;
}

/**
 * Produces a Sigstore TrustedRoot (the JSON model of `trusted_root.json`): the CAs, transparency
 * logs, CT logs and timestamp authorities a verifier trusts, each with a validity window.
 *
 * @example
 * ```ts
 * const mine: TrustRootSource = {
 *   name: 'file:./trusted_root.json',
 *   getTrustedRoot: async () => JSON.parse(await readFile('./trusted_root.json', 'utf8')),
 * };
 * ```
 */
export interface TrustRootSource {
  readonly name: string;
  getTrustedRoot(options?: GetTrustedRootOptions): Promise<TrustedRootJson>;
}
