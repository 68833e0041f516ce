import { algorithm, bool, int, octets, oid, seq } from './der-writer.js';
import type { TimeStampReq } from './types.js';

/** What a `TimeStampReq` is built from; `version` is always 1 and `certReq` defaults to false. */
export type TimeStampReqInit = Omit<TimeStampReq, 'version' | 'certReq'> & { certReq?: boolean };

/**
 * Encodes a DER `TimeStampReq` (RFC 3161 §2.4.1), the body of an `application/timestamp-query`
 * request. The hash algorithm is written without parameters, and `certReq` only when true (DER
 * leaves out a value equal to its DEFAULT).
 *
 * @example
 * ```ts
 * const der = encodeTimeStampReq({
 *   messageImprint: { hashAlgorithm: { algorithm: TSP_OID.sha256 }, hashedMessage: sha256(signature) },
 *   nonce: 42n,
 *   certReq: true,
 * });
 * ```
 */
export function encodeTimeStampReq(request: TimeStampReqInit): Uint8Array {
  const { hashAlgorithm, hashedMessage } = request.messageImprint;
  return seq(
    int(1),
    seq(algorithm(hashAlgorithm.algorithm, hashAlgorithm.parameters), octets(hashedMessage)),
    ...(request.reqPolicy !== undefined ? [oid(request.reqPolicy)] : []),
    ...(request.nonce !== undefined ? [int(request.nonce)] : []),
    ...(request.certReq ? [bool(true)] : []),
    ...(request.extensions !== undefined ? [request.extensions] : []),
  );
}
