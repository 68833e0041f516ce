import { createHash } from 'node:crypto';
import type { HashName } from '@keyless/core';
import { TimestampError } from '../errors.js';
import { TSP_OID } from './oids.js';

const HASH_BY_OID: Record<string, HashName> = {
  [TSP_OID.sha256]: 'sha256',
  [TSP_OID.sha384]: 'sha384',
  [TSP_OID.sha512]: 'sha512',
};

/**
 * The digest named by a hash `AlgorithmIdentifier` OID. Only the SHA-2 family is accepted: a
 * timestamp over a SHA-1 imprint proves little.
 */
export function hashForOid(oid: string, what: string): HashName {
  const hash = HASH_BY_OID[oid];
  if (!hash)
    throw new TimestampError(
      'ERR_TIMESTAMP_UNSUPPORTED_ALGORITHM',
      `unsupported ${what} hash algorithm ${oid}`,
    );
  return hash;
}

/** The `hash` digest of `data`. */
export function hashBytes(hash: HashName | 'sha1', data: Uint8Array): Uint8Array {
  return createHash(hash).update(data).digest();
}
