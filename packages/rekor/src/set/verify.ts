import type { PreparedLog, TransparencyLogEntry } from '@keyless/core';
import { verifySignature } from '@keyless/core';
import { RekorError } from '../errors.js';
import { inclusionPromisePayload } from './payload.js';

/**
 * Verifies the entry's inclusion promise (signed entry timestamp) with the log's key. The log must
 * be the one the entry names (`findLogs` by log ID). Throws `RekorError('ERR_TLOG_MISSING_PROOF')`
 * when the entry has no promise and `RekorError('ERR_TLOG_INCLUSION_PROMISE_INVALID')` when it does
 * not verify.
 *
 * @example
 * ```ts
 * verifyInclusionPromise(entry, findLogs(trusted.tlogs, entry.logId.keyId)[0]);
 * ```
 */
export function verifyInclusionPromise(entry: TransparencyLogEntry, log: PreparedLog): void {
  const promise = entry.inclusionPromise;
  if (!promise) throw new RekorError('ERR_TLOG_MISSING_PROOF', 'log entry has no inclusion promise');
  if (!log.key) throw new RekorError('ERR_TLOG_KEY_NOT_VALID', `log ${log.baseUrl} has no usable public key`);
  const payload = inclusionPromisePayload({
    canonicalizedBody: entry.canonicalizedBody,
    integratedTime: entry.integratedTime,
    logId: entry.logId.keyId,
    logIndex: entry.logIndex,
  });
  if (!verifySignature(log.key, payload, promise.signedEntryTimestamp, { hash: log.hash })) {
    throw new RekorError(
      'ERR_TLOG_INCLUSION_PROMISE_INVALID',
      `signed entry timestamp of entry ${entry.logIndex} does not verify with the key of ${log.baseUrl}`,
    );
  }
}
