import {
  children,
  contextTag,
  type DerElement,
  DerReader,
  decodeBitString,
  decodeOid,
  decodeSmallInteger,
  decodeString,
  parseDer,
  Tag,
} from '@keyless/core';
import { decoding, expectTag, malformed } from './asn1.js';
import { TSP_OID } from './oids.js';
import { decodeSignedData } from './parse-signed-data.js';
import { parseTstInfo } from './parse-tst-info.js';
import {
  type PKIFailureInfo,
  PKIFailureInfoBit,
  PKIStatus,
  type PKIStatusInfo,
  type TimeStampResp,
  type TimeStampToken,
} from './types.js';

const FAILURE_BITS: Record<number, PKIFailureInfo> = Object.fromEntries(
  Object.entries(PKIFailureInfoBit).map(([name, bit]) => [bit, name]),
);

function decodeFailureInfo(element: DerElement): PKIFailureInfo[] {
  const bits = decodeBitString(element.value);
  const names: PKIFailureInfo[] = [];
  for (let bit = 0; bit < bits.length * 8; bit++) {
    if (bits[bit >> 3]! & (0x80 >> (bit & 7))) names.push(FAILURE_BITS[bit] ?? `bit${bit}`);
  }
  return names;
}

function decodeStatusInfo(element: DerElement): PKIStatusInfo {
  expectTag(element, Tag.SEQUENCE, 'PKIStatusInfo');
  const reader = new DerReader(element, 'PKIStatusInfo');
  const status = decodeSmallInteger(reader.next(Tag.INTEGER).value);
  const text = reader.optional(Tag.SEQUENCE);
  const failInfo = reader.optional(Tag.BIT_STRING);
  reader.end();
  return {
    status,
    statusString: text ? children(text).map(decodeString) : [],
    failInfo: failInfo ? decodeFailureInfo(failInfo) : [],
  };
}

function decodeToken(element: DerElement): TimeStampToken {
  expectTag(element, Tag.SEQUENCE, 'ContentInfo');
  const reader = new DerReader(element, 'ContentInfo');
  const contentType = decodeOid(reader.next(Tag.OID).value);
  if (contentType !== TSP_OID.signedData) malformed(`token content type ${contentType} is not SignedData`);
  const content = new DerReader(reader.next(contextTag(0, true)), 'ContentInfo.content');
  const signedData = decodeSignedData(content.next());
  content.end();
  reader.end();
  return { raw: element.raw, signedData, tstInfo: parseTstInfo(signedData.eContent) };
}

function decodeResponse(element: DerElement): TimeStampResp {
  expectTag(element, Tag.SEQUENCE, 'TimeStampResp');
  const reader = new DerReader(element, 'TimeStampResp');
  const status = decodeStatusInfo(reader.next(Tag.SEQUENCE));
  const tokenField = reader.optional(Tag.SEQUENCE);
  reader.end();
  return tokenField ? { status, timeStampToken: decodeToken(tokenField) } : { status };
}

/**
 * Parses a DER `TimeStampResp` (RFC 3161 §2.4.2): the TSA's status and, when granted, its token.
 * Throws `TimestampError` (`ERR_TIMESTAMP_MALFORMED`) for anything that is not one.
 *
 * @example
 * ```ts
 * const response = parseTimeStampResp(await readFile('response.tsr'));
 * console.log(response.status.status, response.timeStampToken?.tstInfo.genTime);
 * ```
 */
export function parseTimeStampResp(der: Uint8Array): TimeStampResp {
  return decoding(() => decodeResponse(parseDer(der)));
}

/**
 * Parses a DER `TimeStampToken`: a CMS ContentInfo whose SignedData encapsulates a TSTInfo.
 *
 * @example
 * ```ts
 * const token = parseTimeStampToken(tokenDer);
 * console.log(token.tstInfo.serialNumber, token.signedData.certificates.length);
 * ```
 */
export function parseTimeStampToken(der: Uint8Array): TimeStampToken {
  return decoding(() => decodeToken(parseDer(der)));
}

/**
 * Parses a stored RFC 3161 timestamp, which is usually a whole `TimeStampResp` but is a bare
 * `TimeStampToken` for some producers. A bare token is reported with status `granted`: a TSA only
 * issues a token for a granted request.
 *
 * @example
 * ```ts
 * const { status, timeStampToken } = parseTimestamp(bundle.verificationMaterial.rfc3161Timestamps[0]);
 * ```
 */
export function parseTimestamp(der: Uint8Array): TimeStampResp {
  return decoding(() => {
    const outer = parseDer(der);
    expectTag(outer, Tag.SEQUENCE, 'timestamp');
    // A TimeStampResp opens with the PKIStatusInfo SEQUENCE; a ContentInfo with its content-type OID.
    const first = new DerReader(outer, 'timestamp').peekTag();
    if (first === Tag.OID) {
      return {
        status: { status: PKIStatus.granted, statusString: [], failInfo: [] },
        timeStampToken: decodeToken(outer),
      };
    }
    return decodeResponse(outer);
  });
}
