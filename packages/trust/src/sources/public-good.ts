import type { GetTrustedRootOptions, TrustedRootJson, TrustRootSource } from '@keyless/core';
import {
  embeddedPublicGoodTrustedRoot,
  embeddedPublicGoodTufRoot,
  PUBLIC_GOOD_TUF_URL,
} from '../embedded/seeds.js';
import { defaultCacheDir } from '../env/cache-dir.js';
import { isOfflineFromEnv } from '../env/offline.js';
import { parseTrustedRootText } from '../trusted-root/check.js';
import { readCachedTrustedRoot } from '../tuf/cached-target.js';
import { DEFAULT_TUF_TIMEOUT_MS, fetchTufTarget } from '../tuf/fetch-target.js';
import { keepFirstSuccess } from './keep-first-success.js';

export interface PublicGoodTrustRootOptions {
  /** Use only the cache or the embedded root; no network. Default: `isOfflineFromEnv()`. */
  offline?: boolean;
  /** Default: `defaultCacheDir()`. */
  cacheDir?: string;
  /** Budget for the whole online refresh. Default: 10 000 ms. */
  timeoutMs?: number;
  /** A mirror of the public-good TUF repository. Default: `https://tuf-repo-cdn.sigstore.dev`. */
  mirrorUrl?: string;
}

/**
 * The public-good Sigstore trust root (`*.sigstore.dev`), obtained through TUF.
 *
 * Online, it refreshes the TUF metadata from the repository (starting from the root embedded in
 * this package the first time), then returns the verified `trusted_root.json` target; metadata and
 * target are cached under `<cacheDir>/tuf/`. The first successful result is kept for the life of
 * the source. The whole refresh must finish within `timeoutMs`, otherwise `ERR_TUF_UNREACHABLE`.
 *
 * Offline (`offline: true` or `KEYLESS_OFFLINE=1`) it makes no request: it returns the cached
 * `trusted_root.json` if there is a valid one, else the one embedded in this package.
 *
 * @example
 * ```ts
 * const root = await publicGoodTrustRoot({ timeoutMs: 5_000 }).getTrustedRoot();
 * ```
 */
export function publicGoodTrustRoot(options: PublicGoodTrustRootOptions = {}): TrustRootSource {
  const repositoryUrl = (options.mirrorUrl ?? PUBLIC_GOOD_TUF_URL).replace(/\/+$/, '');
  const offline = options.offline ?? isOfflineFromEnv();
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TUF_TIMEOUT_MS;

  if (offline) {
    return {
      name: 'public-good',
      getTrustedRoot: async () =>
        (await readCachedTrustedRoot(cacheDir, repositoryUrl)) ?? embeddedPublicGoodTrustedRoot(),
    };
  }
  const refresh = async (call?: GetTrustedRootOptions): Promise<TrustedRootJson> => {
    const text = await fetchTufTarget({
      repositoryUrl,
      cacheDir,
      // A mirror serves the same signed metadata, so the public-good root anchors it too.
      seedRoot: { bytes: embeddedPublicGoodTufRoot(), origin: 'the embedded public-good TUF root' },
      targetName: 'trusted_root.json',
      timeoutMs,
      unreachableHint: 'use --offline to use the cached or embedded trusted root, or --trusted-root FILE',
      signal: call?.signal,
    });
    return parseTrustedRootText(text, `trusted_root.json from ${repositoryUrl}`);
  };
  return { name: 'public-good', getTrustedRoot: keepFirstSuccess(refresh) };
}
