import { contextTag, DerReader, decodeBoolean, decodeInteger, decodeOid, parseDer, Tag } from '@keyless/core';
import { decoding, expectTag, malformed } from './asn1.js';
import { decodeMessageImprint } from './parse-tst-info.js';
import type { TimeStampReq } from './types.js';

function decodeRequest(der: Uint8Array): TimeStampReq {
  const outer = parseDer(der);
  expectTag(outer, Tag.SEQUENCE, 'TimeStampReq');
  const reader = new DerReader(outer, 'TimeStampReq');
  const versionField = decodeInteger(reader.next(Tag.INTEGER).value);
  const messageImprint = decodeMessageImprint(reader.next(Tag.SEQUENCE));
  const policyField = reader.optional(Tag.OID);
  const nonceField = reader.optional(Tag.INTEGER);
  const certReqField = reader.optional(Tag.BOOLEAN);
  const extensionsField = reader.optional(contextTag(0, true));
  reader.end();
  if (versionField < 0n || versionField > 255n)
    malformed(`TimeStampReq version ${versionField} is out of range`);
  const request: TimeStampReq = {
    version: Number(versionField),
    messageImprint,
    certReq: certReqField ? decodeBoolean(certReqField.value) : false,
  };
  if (policyField) request.reqPolicy = decodeOid(policyField.value);
  if (nonceField) request.nonce = decodeInteger(nonceField.value);
  if (extensionsField) request.extensions = extensionsField.raw;
  return request;
}

/**
 * Parses a DER `TimeStampReq` (RFC 3161 §2.4.1), the body of an `application/timestamp-query`
 * request. Only the structure is checked; whether a TSA accepts the version, hash algorithm,
 * policy or extensions is its own decision. Throws `TimestampError` (`ERR_TIMESTAMP_MALFORMED`).
 *
 * @example
 * ```ts
 * const request = parseTimeStampReq(await readFile('request.tsq'));
 * console.log(request.messageImprint.hashAlgorithm.algorithm, request.nonce, request.certReq);
 * ```
 */
export function parseTimeStampReq(der: Uint8Array): TimeStampReq {
  return decoding(() => decodeRequest(der));
}
