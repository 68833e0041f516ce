import {
  children,
  contextTag,
  type DerElement,
  DerReader,
  decodeInteger,
  decodeOid,
  decodeSmallInteger,
  Tag,
  X509Certificate,
} from '@keyless/core';
import { decodeAlgorithmIdentifier, expectTag, malformed } from './asn1.js';
import { TSP_OID } from './oids.js';
import type { Attribute, SignedData, SignerIdentifier, SignerInfo } from './types.js';

function decodeSignerIdentifier(element: DerElement): SignerIdentifier {
  if (element.tag === Tag.SEQUENCE) {
    const reader = new DerReader(element, 'IssuerAndSerialNumber');
    const issuer = reader.next(Tag.SEQUENCE).raw;
    const serialNumber = decodeInteger(reader.next(Tag.INTEGER).value);
    reader.end();
    return { type: 'issuerAndSerialNumber', issuer, serialNumber };
  }
  if (element.tag === contextTag(0, false))
    return { type: 'subjectKeyIdentifier', keyIdentifier: element.value };
  return malformed(`SignerInfo.sid has unexpected tag 0x${element.tag.toString(16)}`);
}

function decodeAttributes(element: DerElement): Attribute[] {
  return children(element).map((attribute) => {
    expectTag(attribute, Tag.SEQUENCE, 'Attribute');
    const reader = new DerReader(attribute, 'Attribute');
    const type = decodeOid(reader.next(Tag.OID).value);
    const values = children(reader.next(Tag.SET)).map((value) => value.raw);
    reader.end();
    return { type, values };
  });
}

function decodeSignerInfo(element: DerElement): SignerInfo {
  expectTag(element, Tag.SEQUENCE, 'SignerInfo');
  const reader = new DerReader(element, 'SignerInfo');
  const version = decodeSmallInteger(reader.next(Tag.INTEGER).value);
  const sid = decodeSignerIdentifier(reader.next());
  const digestAlgorithm = decodeAlgorithmIdentifier(reader.next(Tag.SEQUENCE), 'SignerInfo.digestAlgorithm');
  const signedAttrsField = reader.optional(contextTag(0, true));
  const signatureAlgorithm = decodeAlgorithmIdentifier(
    reader.next(Tag.SEQUENCE),
    'SignerInfo.signatureAlgorithm',
  );
  const signature = reader.next(Tag.OCTET_STRING).value;
  reader.optional(contextTag(1, true));
  reader.end();
  // Without signed attributes nothing binds the signature to the TSTInfo or the TSA's certificate,
  // and RFC 5652 §5.3 requires them for any content type other than id-data.
  if (!signedAttrsField) malformed('SignerInfo has no signed attributes');
  return {
    version,
    sid,
    digestAlgorithm,
    signedAttrs: signedAttrsField.raw,
    signedAttributes: decodeAttributes(signedAttrsField),
    signatureAlgorithm,
    signature,
  };
}

function decodeCertificates(field: DerElement | undefined): X509Certificate[] {
  if (!field) return [];
  const certificates: X509Certificate[] = [];
  for (const choice of children(field)) {
    // Only plain X.509 certificates are of use; attribute and other certificate formats are skipped.
    if (choice.tag === Tag.SEQUENCE) certificates.push(X509Certificate.parse(choice.raw));
  }
  return certificates;
}

/**
 * Decodes a CMS `SignedData` (RFC 5652 §5.1) holding a TSTInfo: the encapsulated content, the
 * embedded certificates and the single SignerInfo RFC 3161 allows.
 */
export function decodeSignedData(element: DerElement): SignedData {
  expectTag(element, Tag.SEQUENCE, 'SignedData');
  const reader = new DerReader(element, 'SignedData');
  const version = decodeSmallInteger(reader.next(Tag.INTEGER).value);
  const digestAlgorithms = children(reader.next(Tag.SET)).map((alg) =>
    decodeAlgorithmIdentifier(alg, 'SignedData.digestAlgorithms'),
  );
  const encap = new DerReader(reader.next(Tag.SEQUENCE), 'EncapsulatedContentInfo');
  const eContentType = decodeOid(encap.next(Tag.OID).value);
  const eContentField = encap.optional(contextTag(0, true));
  encap.end();
  const certificates = decodeCertificates(reader.optional(contextTag(0, true)));
  reader.optional(contextTag(1, true));
  const signerInfos = children(reader.next(Tag.SET));
  reader.end();

  if (eContentType !== TSP_OID.tstInfo) malformed(`content type ${eContentType} is not id-ct-TSTInfo`);
  if (!eContentField) malformed('SignedData carries no TSTInfo');
  const eContentReader = new DerReader(eContentField, 'eContent');
  const eContent = eContentReader.next(Tag.OCTET_STRING).value;
  eContentReader.end();
  if (signerInfos.length !== 1)
    malformed(`a time-stamp token must have one signer, found ${signerInfos.length}`);
  return {
    version,
    digestAlgorithms,
    eContentType,
    eContent,
    certificates,
    signerInfo: decodeSignerInfo(signerInfos[0]!),
  };
}
