import { join } from 'node:path';

/** Where one TUF repository's metadata and targets are cached. */
export interface TufCacheLayout {
  /** Holds root.json, timestamp.json, snapshot.json and targets.json. */
  metadataDir: string;
  /** Holds verified targets under their URL-encoded names, e.g. `trusted_root.json`. */
  targetsDir: string;
}

/**
 * The cache folders of a TUF repository: `<cacheDir>/tuf/<host+path, URL-encoded>/`, so that
 * production, staging and mirrors never share metadata.
 */
export function tufCacheLayout(cacheDir: string, repositoryUrl: string): TufCacheLayout {
  const url = new URL(repositoryUrl);
  const metadataDir = join(cacheDir, 'tuf', encodeURIComponent(url.host + url.pathname.replace(/\/+$/, '')));
  return { metadataDir, targetsDir: join(metadataDir, 'targets') };
}

/** The cached path of a target, as the TUF client writes it. */
export function cachedTargetPath(layout: TufCacheLayout, targetName: string): string {
  return join(layout.targetsDir, encodeURIComponent(targetName));
}
