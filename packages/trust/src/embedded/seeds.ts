import { readFileSync } from 'node:fs';
import type { TrustedRootJson } from '@keyless/core';
import { TrustError } from '../errors.js';
import { checkTrustedRootJson } from '../trusted-root/check.js';

/** The public-good Sigstore TUF repository. */
export const PUBLIC_GOOD_TUF_URL = 'https://tuf-repo-cdn.sigstore.dev';

/** One repository's seed: its initial TUF root.json and some targets, all base64. */
interface RepositorySeed {
  'root.json': string;
  targets: Record<string, string>;
}

// Resolved against this module so that it works from both src/ and dist/ (same depth).
const SEEDS_URL = new URL('../../seeds/public-good.json', import.meta.url);

let seeds: Record<string, RepositorySeed> | undefined;
let trustedRootText: string | undefined;

/** Reads the embedded seeds once, on first use, so that importing this package stays cheap. */
function publicGoodSeed(): RepositorySeed {
  seeds ??= JSON.parse(readFileSync(SEEDS_URL, 'utf8')) as Record<string, RepositorySeed>;
  const seed = seeds[PUBLIC_GOOD_TUF_URL];
  if (!seed) {
    throw new TrustError(
      'ERR_TRUSTED_ROOT_NOT_FOUND',
      `the embedded seeds hold nothing for ${PUBLIC_GOOD_TUF_URL}`,
    );
  }
  return seed;
}

/** The embedded public-good TUF root.json, the trust anchor for the first online refresh. */
export function embeddedPublicGoodTufRoot(): Buffer {
  return Buffer.from(publicGoodSeed()['root.json'], 'base64');
}

/**
 * The public-good `trusted_root.json` shipped with this package: what offline mode falls back to
 * when nothing is cached. It is as fresh as the installed version of the package. Each call returns
 * a fresh object, so callers may modify it.
 *
 * @example
 * ```ts
 * const root = embeddedPublicGoodTrustedRoot();
 * root.tlogs?.[0]?.baseUrl; // 'https://rekor.sigstore.dev'
 * ```
 */
export function embeddedPublicGoodTrustedRoot(): TrustedRootJson {
  if (trustedRootText === undefined) {
    const encoded = publicGoodSeed().targets['trusted_root.json'];
    if (encoded === undefined) {
      throw new TrustError('ERR_TRUSTED_ROOT_NOT_FOUND', 'the embedded seeds hold no trusted_root.json');
    }
    trustedRootText = Buffer.from(encoded, 'base64').toString('utf8');
  }
  return checkTrustedRootJson(JSON.parse(trustedRootText), 'the embedded public-good trusted root');
}
