import type { TrustedRootJson, TrustRootSource } from '@keyless/core';
import { checkTrustedRootJson } from '../trusted-root/check.js';

/**
 * A trust root source that hands out a TrustedRoot already in memory (a test, a plugin, a value
 * built by hand). Its shape is checked now, so a wrong value fails where it is created.
 *
 * @example
 * ```ts
 * const source = jsonTrustRoot(JSON.parse(await readFile('trusted_root.json', 'utf8')), 'mine');
 * ```
 */
export function jsonTrustRoot(json: TrustedRootJson, name = 'json'): TrustRootSource {
  const trustedRoot = checkTrustedRootJson(json, `trust root ${name}`);
  return { name, getTrustedRoot: async () => trustedRoot };
}
