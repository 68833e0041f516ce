import type { GetTrustedRootOptions, TrustedRootJson, TrustRootSource } from '@keyless/core';
import { TrustError } from '../errors.js';

const LIST_FIELDS = ['tlogs', 'certificateAuthorities', 'ctlogs', 'timestampAuthorities'] as const;

/**
 * A trust root source that trusts everything its sources trust: the transparency logs, CT logs,
 * certificate authorities and timestamp authorities of all of them, in source order, with
 * identical entries listed once. Typical use: public-good plus a private CA. The media type is the
 * first source's. Sources are asked in parallel; if any fails, the composite fails.
 *
 * @example
 * ```ts
 * const source = compositeTrustRoot([publicGoodTrustRoot(), fileTrustRoot('./corp-ca.json')]);
 * ```
 */
export function compositeTrustRoot(sources: TrustRootSource[], name?: string): TrustRootSource {
  if (sources.length === 0) {
    throw new TrustError('ERR_TRUSTED_ROOT_NOT_FOUND', 'a composite trust root needs at least one source');
  }
  const list = [...sources];
  return {
    name: name ?? `composite(${list.map((source) => source.name).join('+')})`,
    async getTrustedRoot(options?: GetTrustedRootOptions) {
      const roots = await Promise.all(list.map((source) => source.getTrustedRoot(options)));
      return mergeTrustedRoots(roots);
    },
  };
}

/** Merges trusted roots list by list, keeping the first of identical entries. */
export function mergeTrustedRoots(roots: readonly TrustedRootJson[]): TrustedRootJson {
  const [first] = roots;
  if (!first) throw new TrustError('ERR_TRUSTED_ROOT_NOT_FOUND', 'there is no trusted root to merge');
  const merged: TrustedRootJson = { mediaType: first.mediaType };
  for (const field of LIST_FIELDS) {
    const seen = new Set<string>();
    const entries: object[] = [];
    for (const root of roots) {
      for (const entry of root[field] ?? []) {
        const key = canonicalKey(entry);
        if (seen.has(key)) continue;
        seen.add(key);
        entries.push(entry);
      }
    }
    (merged as unknown as Record<string, object[]>)[field] = entries;
  }
  return merged;
}

/** JSON with object keys sorted, so that equal entries written in a different key order match. */
function canonicalKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalKey(record[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}
