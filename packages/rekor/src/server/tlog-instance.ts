import { encodeBase64, type PublicKeyDetails, type TransparencyLogInstanceJson } from '@keyless/core';
import type { LogIdentity } from './log-identity.js';

/**
 * A log's piece of a trusted root: its base URL, its public key (of `keyDetails`) valid from
 * the key's creation, and its log ID.
 */
export function tlogInstance(
  url: string,
  identity: LogIdentity,
  keyDetails: PublicKeyDetails,
  logId: Uint8Array,
): TransparencyLogInstanceJson {
  return {
    baseUrl: url,
    hashAlgorithm: 'SHA2_256',
    publicKey: {
      rawBytes: encodeBase64(identity.spki),
      keyDetails,
      validFor: { start: identity.createdAt.toISOString() },
    },
    logId: { keyId: encodeBase64(logId) },
  };
}
