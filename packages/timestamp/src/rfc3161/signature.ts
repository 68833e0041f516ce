import type { KeyObject } from 'node:crypto';
import {
  contextTag,
  DerReader,
  type HashName,
  OID,
  parseDer,
  type SignatureOptions,
  Tag,
  verifySignature,
} from '@keyless/core';
import { TimestampError } from '../errors.js';
import { decodeAlgorithmIdentifier, decoding } from './asn1.js';
import { hashForOid } from './hash.js';
import { TSP_OID } from './oids.js';
import type { SignerInfo } from './types.js';

/** Signature algorithms whose OID fixes the digest; it must agree with the SignerInfo's digestAlgorithm. */
const DIGEST_OF_ALGORITHM: Record<string, string> = {
  [OID.ecdsaWithSHA256]: 'sha256',
  [OID.ecdsaWithSHA384]: 'sha384',
  [OID.ecdsaWithSHA512]: 'sha512',
  [OID.sha256WithRSAEncryption]: 'sha256',
  [OID.sha384WithRSAEncryption]: 'sha384',
  [OID.sha512WithRSAEncryption]: 'sha512',
};

/** Algorithms that take their digest from the SignerInfo's digestAlgorithm. */
const DIGEST_FROM_SIGNER_INFO = new Set<string>([TSP_OID.rsaEncryption, TSP_OID.ecPublicKey]);

/** The hash of `RSASSA-PSS-params` (RFC 4055), whose absence means SHA-1. */
function pssHash(parameters: Uint8Array | undefined): HashName {
  const algorithm = decoding(() => {
    const field = parameters
      ? new DerReader(parseDer(parameters), 'RSASSA-PSS-params').optional(contextTag(0, true))
      : undefined;
    return field
      ? decodeAlgorithmIdentifier(new DerReader(field).next(), 'RSASSA-PSS hashAlgorithm').algorithm
      : TSP_OID.sha1;
  });
  return hashForOid(algorithm, 'RSASSA-PSS');
}

/** How to verify a SignerInfo's signature, from its signatureAlgorithm and digestAlgorithm. */
export function signerInfoSignatureOptions(signerInfo: SignerInfo): SignatureOptions {
  const algorithm = signerInfo.signatureAlgorithm.algorithm;
  if (algorithm === OID.ed25519) return { hash: null };
  const hash = hashForOid(signerInfo.digestAlgorithm.algorithm, 'SignerInfo digest');
  if (algorithm === OID.rsassaPss) {
    if (pssHash(signerInfo.signatureAlgorithm.parameters) !== hash) {
      throw new TimestampError(
        'ERR_TIMESTAMP_UNSUPPORTED_ALGORITHM',
        'RSASSA-PSS parameters name a hash other than the digest algorithm',
      );
    }
    return { hash, padding: 'pss' };
  }
  if (DIGEST_FROM_SIGNER_INFO.has(algorithm)) return { hash };
  const named = DIGEST_OF_ALGORITHM[algorithm];
  if (!named) {
    throw new TimestampError(
      'ERR_TIMESTAMP_UNSUPPORTED_ALGORITHM',
      `unsupported signature algorithm ${algorithm}`,
    );
  }
  if (named !== hash) {
    throw new TimestampError(
      'ERR_TIMESTAMP_UNSUPPORTED_ALGORITHM',
      `signature algorithm ${algorithm} disagrees with digest algorithm ${signerInfo.digestAlgorithm.algorithm}`,
    );
  }
  return { hash };
}

/**
 * The bytes a CMS signer signs when signed attributes are present (RFC 5652 §5.4): their DER with
 * the `[0] IMPLICIT` tag replaced by the SET OF tag.
 */
export function signedAttributesToBeSigned(signerInfo: SignerInfo): Uint8Array {
  const bytes = Uint8Array.from(signerInfo.signedAttrs);
  bytes[0] = Tag.SET;
  return bytes;
}

/** Whether `key` made the SignerInfo's signature over its signed attributes. */
export function verifySignerInfoSignature(signerInfo: SignerInfo, key: KeyObject): boolean {
  return verifySignature(
    key,
    signedAttributesToBeSigned(signerInfo),
    signerInfo.signature,
    signerInfoSignatureOptions(signerInfo),
  );
}
