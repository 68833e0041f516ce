import { bytesEqual, type PreparedAuthority, type VerifiedTimestamp } from '@keyless/core';
import { TimestampError } from '../errors.js';
import { malformed } from './asn1.js';
import { contentTypeAttribute, messageDigestAttribute } from './attributes.js';
import { authorityName, findVouchingAuthority } from './authority.js';
import { hashBytes, hashForOid } from './hash.js';
import { TSP_OID } from './oids.js';
import { parseTimestamp } from './parse.js';
import { PKIStatus, type TimeStampResp, type TimeStampToken } from './types.js';

export interface VerifyRfc3161Options {
  /** The nonce sent in the request; when given, the token must echo it. */
  nonce?: bigint;
}

function grantedToken(response: TimeStampResp): TimeStampToken {
  const { status, statusString, failInfo } = response.status;
  if (status !== PKIStatus.granted && status !== PKIStatus.grantedWithMods) {
    const reasons = [...statusString, ...failInfo].join('; ');
    throw new TimestampError(
      'ERR_TIMESTAMP_STATUS',
      `the TSA did not grant the timestamp (status ${status}${reasons ? `: ${reasons}` : ''})`,
    );
  }
  if (!response.timeStampToken) malformed('a granted response carries no TimeStampToken');
  return response.timeStampToken;
}

/** The signed attributes must bind the signature to this very TSTInfo (RFC 5652 §5.4, §11). */
function checkSignedAttributes(token: TimeStampToken): void {
  const { signerInfo, eContent } = token.signedData;
  const contentType = contentTypeAttribute(signerInfo);
  const messageDigest = messageDigestAttribute(signerInfo);
  if (contentType === undefined || messageDigest === undefined) {
    malformed('the signed attributes lack contentType or messageDigest');
  }
  if (contentType !== TSP_OID.tstInfo) {
    throw new TimestampError(
      'ERR_TIMESTAMP_SIGNATURE_INVALID',
      `the signed contentType ${contentType} is not id-ct-TSTInfo`,
    );
  }
  const hash = hashForOid(signerInfo.digestAlgorithm.algorithm, 'SignerInfo digest');
  if (!bytesEqual(hashBytes(hash, eContent), messageDigest)) {
    throw new TimestampError(
      'ERR_TIMESTAMP_SIGNATURE_INVALID',
      'the signed messageDigest does not match the TSTInfo',
    );
  }
}

function checkImprint(token: TimeStampToken, signedData: Uint8Array): void {
  const { hashAlgorithm, hashedMessage } = token.tstInfo.messageImprint;
  const hash = hashForOid(hashAlgorithm.algorithm, 'message imprint');
  if (!bytesEqual(hashBytes(hash, signedData), hashedMessage)) {
    throw new TimestampError(
      'ERR_TIMESTAMP_IMPRINT_MISMATCH',
      'the timestamp covers different data (message imprint mismatch)',
    );
  }
}

/**
 * Verifies a parsed RFC 3161 response (see `verifyRfc3161Timestamp`).
 *
 * @example
 * ```ts
 * const response = parseTimestamp(der);
 * const { time } = verifyTimeStampResp(response, signature, trusted.timestampAuthorities);
 * ```
 */
export function verifyTimeStampResp(
  response: TimeStampResp,
  signedData: Uint8Array,
  tsas: readonly PreparedAuthority[],
  options: VerifyRfc3161Options = {},
): VerifiedTimestamp {
  const token = grantedToken(response);
  checkSignedAttributes(token);
  const tsa = findVouchingAuthority(token, tsas);
  checkImprint(token, signedData);
  if (options.nonce !== undefined && token.tstInfo.nonce !== options.nonce) {
    throw new TimestampError('ERR_TIMESTAMP_NONCE_MISMATCH', 'the timestamp does not echo the request nonce');
  }
  return { kind: 'rfc3161', authority: authorityName(tsa), time: token.tstInfo.genTime };
}

/**
 * Verifies an RFC 3161 timestamp (a DER `TimeStampResp`, or a bare `TimeStampToken`) over
 * `signedData`, the bytes it should cover: in a Sigstore bundle, the signature. The TSA's signature
 * and chain are checked against the trusted `tsas` first (trying each; the most specific failure is
 * thrown), then the message imprint and, when given, the nonce. Throws `TimestampError`.
 *
 * @example
 * ```ts
 * import { prepareTrustedRoot } from '@keyless/core';
 * const trusted = prepareTrustedRoot(trustedRoot);
 * const { time, authority } = verifyRfc3161Timestamp(tsr, signature, trusted.timestampAuthorities);
 * ```
 */
export function verifyRfc3161Timestamp(
  token: Uint8Array,
  signedData: Uint8Array,
  tsas: readonly PreparedAuthority[],
  options: VerifyRfc3161Options = {},
): VerifiedTimestamp {
  return verifyTimeStampResp(parseTimestamp(token), signedData, tsas, options);
}
