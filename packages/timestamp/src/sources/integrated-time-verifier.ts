import { findLogs, isWithinValidity, type PreparedLog, type TimestampVerifier, toHex } from '@keyless/core';
import { TimestampError } from '../errors.js';

/**
 * A `TimestampVerifier` for a transparency log's integrated time. The entry must already have been
 * verified against its log (inclusion promise or proof); this turns its `integratedTime` into a
 * trusted time vouched for by the log, found by `logId` among the trusted `tlogs`, whose key must
 * be valid at that time. Rekor v2 entries carry no integrated time and are refused.
 *
 * @example
 * ```ts
 * const verifier = integratedTimeVerifier(trusted.tlogs);
 * const { time, authority } = verifier.verify({ kind: 'transparency-log', entry }, { signature });
 * ```
 */
export function integratedTimeVerifier(tlogs: readonly PreparedLog[]): TimestampVerifier {
  return {
    name: 'integrated-time',
    kind: 'transparency-log',
    verify(evidence) {
      if (evidence.kind !== 'transparency-log') {
        throw new TimestampError(
          'ERR_TIMESTAMP_MALFORMED',
          `the integrated-time verifier was given ${evidence.kind} evidence`,
        );
      }
      const { entry } = evidence;
      if (!(entry.integratedTime > 0)) {
        throw new TimestampError(
          'ERR_TIMESTAMP_MISSING',
          'the transparency log entry has no integrated time',
        );
      }
      const logs = findLogs(tlogs, entry.logId.keyId);
      if (logs.length === 0) {
        throw new TimestampError(
          'ERR_TIMESTAMP_UNTRUSTED',
          `transparency log ${toHex(entry.logId.keyId)} is not in the trusted root`,
        );
      }
      const time = new Date(entry.integratedTime * 1000);
      const log = logs.find((candidate) => isWithinValidity(candidate.validFor, time));
      if (!log) {
        throw new TimestampError(
          'ERR_TIMESTAMP_OUTSIDE_VALIDITY',
          `integrated time ${time.toISOString()} is outside the trusted root's validity window for log ${logs[0]!.baseUrl}`,
        );
      }
      return { kind: 'transparency-log', authority: log.baseUrl, time };
    },
  };
}
