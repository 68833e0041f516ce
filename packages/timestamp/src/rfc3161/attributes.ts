import {
  children,
  type DerElement,
  DerReader,
  decodeInteger,
  decodeOid,
  type HashName,
  parseDer,
  readElement,
  Tag,
} from '@keyless/core';
import { decodeAlgorithmIdentifier, decoding, malformed } from './asn1.js';
import { hashForOid } from './hash.js';
import { TSP_OID } from './oids.js';
import type { SignerInfo } from './types.js';

/**
 * The single value of the signed attribute `type`, or `undefined` when absent. RFC 5652 §11 lets
 * contentType and messageDigest appear only once with one value; the ESS attributes follow suit.
 */
export function signedAttributeValue(signerInfo: SignerInfo, type: string): DerElement | undefined {
  const matches = signerInfo.signedAttributes.filter((attribute) => attribute.type === type);
  if (matches.length === 0) return undefined;
  if (matches.length > 1 || matches[0]!.values.length !== 1)
    malformed(`signed attribute ${type} must have one value`);
  return decoding(() => parseDer(matches[0]!.values[0]!));
}

/** The `contentType` signed attribute (RFC 5652 §11.1). */
export function contentTypeAttribute(signerInfo: SignerInfo): string | undefined {
  const value = signedAttributeValue(signerInfo, TSP_OID.contentType);
  if (!value) return undefined;
  if (value.tag !== Tag.OID) malformed('contentType attribute is not an OID');
  return decoding(() => decodeOid(value.value));
}

/** The `messageDigest` signed attribute (RFC 5652 §11.2). */
export function messageDigestAttribute(signerInfo: SignerInfo): Uint8Array | undefined {
  const value = signedAttributeValue(signerInfo, TSP_OID.messageDigest);
  if (!value) return undefined;
  if (value.tag !== Tag.OCTET_STRING) malformed('messageDigest attribute is not an OCTET STRING');
  return value.value;
}

/** One `ESSCertID` / `ESSCertIDv2` (RFC 5035): a hash of a certificate and, optionally, its issuer and serial. */
export interface EssCertId {
  hash: HashName | 'sha1';
  certHash: Uint8Array;
  issuerSerial?: {
    /** DER of each `directoryName` among the issuer GeneralNames. */
    directoryNames: Uint8Array[];
    serialNumber: bigint;
  };
}

function decodeIssuerSerial(element: DerElement): NonNullable<EssCertId['issuerSerial']> {
  const reader = new DerReader(element, 'IssuerSerial');
  const names = children(reader.next(Tag.SEQUENCE));
  const serialNumber = decodeInteger(reader.next(Tag.INTEGER).value);
  reader.end();
  // directoryName is `[4] EXPLICIT Name`.
  const directoryNames = names.filter((name) => name.tag === 0xa4).map((name) => readElement(name.value).raw);
  return { directoryNames, serialNumber };
}

function decodeEssCertId(element: DerElement, v2: boolean): EssCertId {
  const reader = new DerReader(element, 'ESSCertID');
  let hash: EssCertId['hash'] = v2 ? 'sha256' : 'sha1';
  if (v2) {
    const algorithm = reader.optional(Tag.SEQUENCE);
    if (algorithm)
      hash = hashForOid(
        decodeAlgorithmIdentifier(algorithm, 'ESSCertIDv2.hashAlgorithm').algorithm,
        'ESSCertIDv2',
      );
  }
  const certHash = reader.next(Tag.OCTET_STRING).value;
  const issuerSerial = reader.optional(Tag.SEQUENCE);
  reader.end();
  return issuerSerial
    ? { hash, certHash, issuerSerial: decodeIssuerSerial(issuerSerial) }
    : { hash, certHash };
}

/**
 * The certificate identifiers of the `signingCertificateV2` attribute, else of
 * `signingCertificate`; `undefined` when neither is present. The first identifies the signer.
 */
export function signingCertificateIds(signerInfo: SignerInfo): EssCertId[] | undefined {
  const v2 = signedAttributeValue(signerInfo, TSP_OID.signingCertificateV2);
  const value = v2 ?? signedAttributeValue(signerInfo, TSP_OID.signingCertificate);
  if (!value) return undefined;
  return decoding(() => {
    const reader = new DerReader(value, 'SigningCertificate');
    const ids = children(reader.next(Tag.SEQUENCE)).map((id) => decodeEssCertId(id, v2 !== undefined));
    if (ids.length === 0) malformed('signingCertificate attribute lists no certificate');
    return ids;
  });
}
