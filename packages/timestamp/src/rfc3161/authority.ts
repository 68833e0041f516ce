import {
  bytesEqual,
  isWithinValidity,
  OID,
  type PreparedAuthority,
  type X509Certificate,
} from '@keyless/core';
import { TimestampError } from '../errors.js';
import { type EssCertId, signingCertificateIds } from './attributes.js';
import { hashBytes } from './hash.js';
import { verifySignerInfoSignature } from './signature.js';
import { trustedSignerChain } from './signer-chain.js';
import type { TimeStampToken } from './types.js';

/** How a TSA is named in results and messages: its URI, else its subject. */
export function authorityName(tsa: PreparedAuthority): string {
  const { uri, subject } = tsa.authority;
  return uri || subject.commonName || subject.organization || 'unnamed TSA';
}

/**
 * RFC 3161 §2.3: the TSA certificate carries exactly one extended key usage, id-kp-timeStamping,
 * and marks the extension critical.
 */
function checkTimeStampingUsage(leaf: X509Certificate, name: string): void {
  const extension = leaf.extension(OID.extKeyUsage);
  const usages = extension ? leaf.extKeyUsage : [];
  if (!extension?.critical || usages.length !== 1 || usages[0] !== OID.timeStamping) {
    throw new TimestampError(
      'ERR_TIMESTAMP_UNTRUSTED',
      `the certificate of TSA ${name} lacks the sole, critical timeStamping extended key usage`,
    );
  }
}

function essCertIdMatches(id: EssCertId, certificate: X509Certificate): boolean {
  if (!bytesEqual(hashBytes(id.hash, certificate.der), id.certHash)) return false;
  const issuerSerial = id.issuerSerial;
  if (!issuerSerial) return true;
  if (issuerSerial.serialNumber !== certificate.serialNumber) return false;
  return (
    issuerSerial.directoryNames.length === 0 ||
    issuerSerial.directoryNames.some((name) => bytesEqual(name, certificate.issuerDer))
  );
}

/** RFC 5035: when the token names its signing certificate, that must be the signer we found. */
function checkSigningCertificate(ids: EssCertId[] | undefined, leaf: X509Certificate, name: string): void {
  if (ids && !essCertIdMatches(ids[0]!, leaf)) {
    throw new TimestampError(
      'ERR_TIMESTAMP_UNTRUSTED',
      `the token's signingCertificate attribute does not name the certificate of TSA ${name}`,
    );
  }
}

function checkTime(
  token: TimeStampToken,
  chain: X509Certificate[],
  tsa: PreparedAuthority,
  name: string,
): void {
  const time = token.tstInfo.genTime;
  const expired = chain.find((certificate) => !certificate.validAt(time));
  if (expired) {
    throw new TimestampError(
      'ERR_TIMESTAMP_OUTSIDE_VALIDITY',
      `genTime ${time.toISOString()} is outside the validity of TSA ${name}'s certificate ` +
        `(${expired.notBefore.toISOString()} to ${expired.notAfter.toISOString()})`,
    );
  }
  if (!isWithinValidity(tsa.validFor, time)) {
    throw new TimestampError(
      'ERR_TIMESTAMP_OUTSIDE_VALIDITY',
      `genTime ${time.toISOString()} is outside the trusted root's validity window for TSA ${name}`,
    );
  }
}

/** A failed attempt with one TSA; a higher `depth` got further and says more. */
interface Failure {
  depth: number;
  error: TimestampError;
}

/** Runs the checks of one TSA in order; returns how far it got when one fails. */
function checkAuthority(
  token: TimeStampToken,
  essIds: EssCertId[] | undefined,
  tsa: PreparedAuthority,
): Failure | undefined {
  const name = authorityName(tsa);
  let depth = 0;
  try {
    const chain = trustedSignerChain(token, tsa, name);
    const leaf = chain[0]!;
    depth = 1;
    checkTimeStampingUsage(leaf, name);
    checkSigningCertificate(essIds, leaf, name);
    depth = 2;
    if (!verifySignerInfoSignature(token.signedData.signerInfo, leaf.publicKey)) {
      throw new TimestampError(
        'ERR_TIMESTAMP_SIGNATURE_INVALID',
        `the signature of TSA ${name} does not verify`,
      );
    }
    depth = 3;
    checkTime(token, chain, tsa, name);
    return undefined;
  } catch (cause) {
    if (cause instanceof TimestampError) return { depth, error: cause };
    const detail = cause instanceof Error ? cause.message : String(cause);
    return {
      depth,
      error: new TimestampError('ERR_TIMESTAMP_UNTRUSTED', `TSA ${name}: ${detail}`, { cause }),
    };
  }
}

/**
 * The trusted TSA that vouches for `token`: its signer chains to that TSA's trusted chain, the
 * certificate is fit for time-stamping, the signature verifies, and genTime lies within the
 * certificates' validity and the trusted root's window. Every TSA is tried; when none vouches, the
 * failure of the attempt that got furthest is thrown.
 */
export function findVouchingAuthority(
  token: TimeStampToken,
  tsas: readonly PreparedAuthority[],
): PreparedAuthority {
  const essIds = signingCertificateIds(token.signedData.signerInfo);
  let best: Failure | undefined;
  for (const tsa of tsas) {
    const failure = checkAuthority(token, essIds, tsa);
    if (!failure) return tsa;
    if (!best || failure.depth > best.depth) best = failure;
  }
  throw (
    best?.error ??
    new TimestampError('ERR_TIMESTAMP_UNTRUSTED', 'the trusted root lists no timestamp authority')
  );
}
