import type { TimestampSource } from '@keyless/core';
import type { TimestampClient } from './client.js';

/**
 * Core's `TimestampSource` over an RFC 3161 TSA: each signature gets a signed timestamp (a DER
 * `TimeStampResp`) for the bundle's `rfc3161Timestamps`.
 *
 * @example
 * ```ts
 * const source = rfc3161TimestampSource(createTimestampClient({ url, trust: trusted.timestampAuthorities }));
 * const evidence = await source.timestamp({ signature });
 * // { kind: 'rfc3161', signedTimestamp: Uint8Array }
 * ```
 */
export function rfc3161TimestampSource(client: TimestampClient): TimestampSource {
  return {
    name: 'rfc3161',
    async timestamp({ signature, signal }) {
      const signedTimestamp = await client.timestamp(signature, signal ? { signal } : {});
      return { kind: 'rfc3161', signedTimestamp };
    },
  };
}
