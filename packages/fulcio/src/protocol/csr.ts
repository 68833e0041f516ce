import {
  CoreError,
  DerReader,
  decodeBitString,
  decodeOid,
  decodePemBlocks,
  parseDer,
  Tag,
} from '@keyless/core';

const CSR_LABELS = new Set(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);

/** The parts of a PKCS#10 `CertificationRequest` (RFC 2986) a CA needs. */
export interface CertificationRequest {
  /** The whole `CertificationRequestInfo` TLV: the bytes the self-signature covers. */
  info: Uint8Array;
  /** DER SubjectPublicKeyInfo. */
  subjectPublicKeyInfo: Uint8Array;
  /** OID of the signature algorithm. */
  signatureAlgorithm: string;
  signature: Uint8Array;
}

/**
 * Parses a PKCS#10 certificate signing request given as DER or as PEM bytes (`CERTIFICATE
 * REQUEST`). Throws `CoreError` (`ERR_ASN1_PARSE`) when it is malformed. Byte fields are views.
 */
export function parseCertificationRequest(bytes: Uint8Array): CertificationRequest {
  let der = bytes;
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  if (head.startsWith('-----BEGIN')) {
    const block = decodePemBlocks(new TextDecoder().decode(bytes)).find((b) => CSR_LABELS.has(b.label));
    if (!block) throw new CoreError('ERR_ASN1_PARSE', 'PEM has no CERTIFICATE REQUEST block');
    der = block.der;
  }
  const request = new DerReader(parseDer(der), 'CertificationRequest');
  const info = request.next(Tag.SEQUENCE);
  const algorithm = new DerReader(request.next(Tag.SEQUENCE), 'AlgorithmIdentifier').next(Tag.OID);
  const signature = decodeBitString(request.next(Tag.BIT_STRING).value);
  request.end();
  const fields = new DerReader(info, 'CertificationRequestInfo');
  fields.next(Tag.INTEGER);
  fields.next(Tag.SEQUENCE);
  return {
    info: info.raw,
    subjectPublicKeyInfo: fields.next(Tag.SEQUENCE).raw,
    signatureAlgorithm: decodeOid(algorithm.value),
    signature,
  };
}
