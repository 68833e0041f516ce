import type { PreparedAuthority, TimestampVerifier } from '@keyless/core';
import { TimestampError } from '../errors.js';
import { verifyRfc3161Timestamp } from '../rfc3161/verify.js';

/**
 * A `TimestampVerifier` for RFC 3161 evidence: each signed timestamp must come from one of the
 * trusted `tsas` and cover the signature it is verified with.
 *
 * @example
 * ```ts
 * const verifier = rfc3161TimestampVerifier(trusted.timestampAuthorities);
 * const { time } = verifier.verify({ kind: 'rfc3161', signedTimestamp }, { signature });
 * ```
 */
export function rfc3161TimestampVerifier(tsas: readonly PreparedAuthority[]): TimestampVerifier {
  return {
    name: 'rfc3161',
    kind: 'rfc3161',
    verify(evidence, context) {
      if (evidence.kind !== 'rfc3161') {
        throw new TimestampError(
          'ERR_TIMESTAMP_MALFORMED',
          `the rfc3161 verifier was given ${evidence.kind} evidence`,
        );
      }
      return verifyRfc3161Timestamp(evidence.signedTimestamp, context.signature, tsas);
    },
  };
}
