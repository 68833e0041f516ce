import {
  contextTag,
  type DerElement,
  DerReader,
  decodeBoolean,
  decodeGeneralNames,
  decodeInteger,
  decodeOid,
  decodeSmallInteger,
  parseDer,
  Tag,
} from '@keyless/core';
import { decodeAlgorithmIdentifier, decodeGeneralizedTime, decoding, expectTag, malformed } from './asn1.js';
import type { Accuracy, MessageImprint, TSTInfo } from './types.js';

/** Decodes a `MessageImprint` SEQUENCE (shared by TSTInfo and TimeStampReq). */
export function decodeMessageImprint(element: DerElement): MessageImprint {
  expectTag(element, Tag.SEQUENCE, 'MessageImprint');
  const reader = new DerReader(element, 'MessageImprint');
  const hashAlgorithm = decodeAlgorithmIdentifier(reader.next(Tag.SEQUENCE), 'MessageImprint.hashAlgorithm');
  const hashedMessage = reader.next(Tag.OCTET_STRING).value;
  reader.end();
  return { hashAlgorithm, hashedMessage };
}

function decodeAccuracy(element: DerElement): Accuracy {
  const reader = new DerReader(element, 'Accuracy');
  const seconds = reader.optional(Tag.INTEGER);
  const millis = reader.optional(contextTag(0, false));
  const micros = reader.optional(contextTag(1, false));
  reader.end();
  const accuracy = {
    seconds: seconds ? decodeSmallInteger(seconds.value) : 0,
    millis: millis ? decodeSmallInteger(millis.value) : 0,
    micros: micros ? decodeSmallInteger(micros.value) : 0,
  };
  // RFC 3161 §2.4.2 bounds the sub-second fields to 1..999.
  if (
    accuracy.seconds < 0 ||
    accuracy.millis < 0 ||
    accuracy.millis > 999 ||
    accuracy.micros < 0 ||
    accuracy.micros > 999
  ) {
    malformed('Accuracy is out of range');
  }
  return accuracy;
}

/**
 * Decodes a DER `TSTInfo` (RFC 3161 §2.4.2), the content a time-stamp token signs.
 *
 * @example
 * ```ts
 * const info = parseTstInfo(token.signedData.eContent);
 * console.log(info.genTime.toISOString(), info.policy);
 * ```
 */
export function parseTstInfo(der: Uint8Array): TSTInfo {
  return decoding(() => decodeTstInfo(der));
}

function decodeTstInfo(der: Uint8Array): TSTInfo {
  const outer = parseDer(der);
  expectTag(outer, Tag.SEQUENCE, 'TSTInfo');
  const reader = new DerReader(outer, 'TSTInfo');
  const version = decodeSmallInteger(reader.next(Tag.INTEGER).value);
  if (version !== 1) malformed(`TSTInfo version ${version} is not v1`);
  const policy = decodeOid(reader.next(Tag.OID).value);
  const messageImprint = decodeMessageImprint(reader.next(Tag.SEQUENCE));
  const serialNumber = decodeInteger(reader.next(Tag.INTEGER).value);
  const genTime = decodeGeneralizedTime(reader.next());
  const accuracyField = reader.optional(Tag.SEQUENCE);
  const orderingField = reader.optional(Tag.BOOLEAN);
  const nonceField = reader.optional(Tag.INTEGER);
  const tsaField = reader.optional(contextTag(0, true));
  const extensionsField = reader.optional(contextTag(1, true));
  reader.end();

  const info: TSTInfo = {
    version,
    policy,
    messageImprint,
    serialNumber,
    genTime,
    ordering: orderingField ? decodeBoolean(orderingField.value) : false,
  };
  if (accuracyField) info.accuracy = decodeAccuracy(accuracyField);
  if (nonceField) info.nonce = decodeInteger(nonceField.value);
  if (tsaField) {
    // `[0] GeneralName` is explicit (a CHOICE cannot be implicitly tagged): exactly one name inside.
    const names = decodeGeneralNames(tsaField);
    if (names.length !== 1) malformed('TSTInfo.tsa must hold exactly one GeneralName');
    info.tsa = names[0];
  }
  if (extensionsField) info.extensions = extensionsField.raw;
  return info;
}
