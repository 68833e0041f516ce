import { readFile } from 'node:fs/promises';
import type { TrustedRootJson } from '@keyless/core';
import { parseTrustedRootText } from '../trusted-root/check.js';
import { cachedTargetPath, tufCacheLayout } from './cache-layout.js';

/**
 * The `trusted_root.json` a previous online refresh left in the cache, or `undefined` when there
 * is none or it is unreadable or malformed. Touches no network.
 */
export async function readCachedTrustedRoot(
  cacheDir: string,
  repositoryUrl: string,
): Promise<TrustedRootJson | undefined> {
  const path = cachedTargetPath(tufCacheLayout(cacheDir, repositoryUrl), 'trusted_root.json');
  try {
    return parseTrustedRootText(await readFile(path, 'utf8'), `cached trusted root ${path}`);
  } catch {
    return undefined;
  }
}
