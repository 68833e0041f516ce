import { readFile } from 'node:fs/promises';
import type { GetTrustedRootOptions, TrustedRootJson, TrustRootSource } from '@keyless/core';
import { defaultCacheDir } from '../env/cache-dir.js';
import { isOfflineFromEnv } from '../env/offline.js';
import { TrustError } from '../errors.js';
import { parseTrustedRootText } from '../trusted-root/check.js';
import { readCachedTrustedRoot } from '../tuf/cached-target.js';
import { DEFAULT_TUF_TIMEOUT_MS, fetchTufTarget } from '../tuf/fetch-target.js';
import { readTrustedRootFile } from './file.js';
import { keepFirstSuccess } from './keep-first-success.js';

/** The Sigstore staging TUF repository (`*.sigstage.dev`). */
export const STAGING_TUF_URL = 'https://tuf-repo-cdn.sigstage.dev';

export interface StagingTrustRootOptions {
  /** Path to the staging TUF root.json to bootstrap from (`--tuf-root`). */
  tufRoot?: string;
  /** Path to a staging trusted_root.json to use as is (`--trusted-root`); wins over `tufRoot`. */
  trustedRoot?: string;
  /** Use only the cache; no network. Default: `isOfflineFromEnv()`. */
  offline?: boolean;
  /** Default: `defaultCacheDir()`. */
  cacheDir?: string;
  /** Budget for the whole online refresh. Default: 10 000 ms. */
  timeoutMs?: number;
}

/**
 * The Sigstore staging trust root (`*.sigstage.dev`). Staging roots are not embedded, so it needs
 * a starting point: a `trusted_root.json` file used as is, or the staging TUF `root.json` from
 * which the staging TUF repository is refreshed like the public-good one (cached under
 * `<cacheDir>/tuf/`; offline, only the cache is used). With neither, `getTrustedRoot` fails with
 * `ERR_STAGING_ROOT_REQUIRED`.
 *
 * @example
 * ```ts
 * const root = await stagingTrustRoot({ tufRoot: './staging-root.json' }).getTrustedRoot();
 * ```
 */
export function stagingTrustRoot(options: StagingTrustRootOptions): TrustRootSource {
  const { tufRoot, trustedRoot } = options;
  if (trustedRoot !== undefined) {
    return { name: `staging:file:${trustedRoot}`, getTrustedRoot: () => readTrustedRootFile(trustedRoot) };
  }
  if (tufRoot === undefined) {
    return {
      name: 'staging',
      getTrustedRoot: () =>
        Promise.reject(
          new TrustError(
            'ERR_STAGING_ROOT_REQUIRED',
            'staging needs --tuf-root FILE (the staging TUF root.json) or --trusted-root FILE; staging roots are not embedded',
          ),
        ),
    };
  }
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  if (options.offline ?? isOfflineFromEnv()) {
    return {
      name: 'staging',
      async getTrustedRoot() {
        const cached = await readCachedTrustedRoot(cacheDir, STAGING_TUF_URL);
        if (cached) return cached;
        throw new TrustError(
          'ERR_TRUSTED_ROOT_NOT_FOUND',
          `no staging trusted root is cached in ${cacheDir}; run once without --offline, or use --trusted-root FILE`,
        );
      },
    };
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TUF_TIMEOUT_MS;
  const refresh = async (call?: GetTrustedRootOptions): Promise<TrustedRootJson> => {
    const text = await fetchTufTarget({
      repositoryUrl: STAGING_TUF_URL,
      cacheDir,
      seedRoot: { bytes: await readTufRoot(tufRoot), origin: `the TUF root ${tufRoot}` },
      targetName: 'trusted_root.json',
      timeoutMs,
      unreachableHint: 'use --offline to use the cached trusted root, or --trusted-root FILE',
      signal: call?.signal,
    });
    return parseTrustedRootText(text, `trusted_root.json from ${STAGING_TUF_URL}`);
  };
  return { name: 'staging', getTrustedRoot: keepFirstSuccess(refresh) };
}

async function readTufRoot(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (err as Error).message})`;
    throw new TrustError('ERR_TUF_ROOT_NOT_FOUND', `TUF root file ${path} ${why}`, { cause: err });
  }
}
