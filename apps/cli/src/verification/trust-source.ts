import type { TrustRootSource } from '@keyless/core';
import {
  defaultCacheDir,
  fileTrustRoot,
  isOfflineFromEnv,
  publicGoodTrustRoot,
  stagingTrustRoot,
} from '@keyless/trust';
import { usageError } from '../errors.js';

/** The trust flags as typed on the command line (paths already resolved). */
export interface TrustFlags {
  /** `--trusted-root FILE`: a `trusted_root.json` used as is. */
  trustedRoot?: string;
  /** `--staging`: the Sigstore staging instance instead of public-good. */
  staging?: boolean;
  /** `--tuf-root FILE`: the staging TUF `root.json` to start from. */
  tufRoot?: string;
  /** `--offline`: no network; the cached or embedded trusted root. */
  offline?: boolean;
}

/**
 * The trust root source the flags select: a file (`--trusted-root`), staging (`--staging`, from
 * `--tuf-root` or a trusted root file), or public-good through TUF (the default; offline with
 * `--offline` or `KEYLESS_OFFLINE=1`, then the cached or embedded root is used). The environment
 * also names the cache directory (`KEYLESS_CACHE_DIR`) and a mirror of the public-good TUF
 * repository (`KEYLESS_TUF_MIRROR`).
 */
export function selectTrustSource(
  flags: TrustFlags,
  env: Record<string, string | undefined>,
): TrustRootSource {
  if (flags.tufRoot !== undefined && !flags.staging) {
    throw usageError('--tuf-root selects the staging TUF root; use it with --staging');
  }
  const offline = flags.offline === true || isOfflineFromEnv(env);
  const cacheDir = defaultCacheDir(env);
  if (flags.staging) {
    return stagingTrustRoot({
      ...(flags.trustedRoot !== undefined ? { trustedRoot: flags.trustedRoot } : {}),
      ...(flags.tufRoot !== undefined ? { tufRoot: flags.tufRoot } : {}),
      offline,
      cacheDir,
    });
  }
  if (flags.trustedRoot !== undefined) return fileTrustRoot(flags.trustedRoot);
  const mirrorUrl = env.KEYLESS_TUF_MIRROR;
  return publicGoodTrustRoot({ offline, cacheDir, ...(mirrorUrl ? { mirrorUrl } : {}) });
}
