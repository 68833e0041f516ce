import { bytesEqual, isWithinValidity, type X509Certificate } from '@keyless/core';
import { VerificationError } from '../errors.js';
import type { TrustedAuthority, TrustMaterial } from '../trust-material.js';

/**
 * The trusted CAs whose issuing certificate signed `leaf` (signature checked once; validity is
 * checked per signing time by `assertChainValidAt`).
 */
export function findIssuingAuthorities(leaf: X509Certificate, trust: TrustMaterial): TrustedAuthority[] {
  // A CA whose published chain does not hold together can never vouch for anything.
  const issuers = trust.authorities.filter(
    (authority) =>
      bytesEqual(authority.issuingSubject, leaf.issuerDer) &&
      leaf.verifySignedBy(authority.certificates[0]!.publicKey) &&
      authority.chainIsConsistent(),
  );
  if (issuers.length === 0) {
    throw new VerificationError(
      'ERR_CERTIFICATE_CHAIN',
      'signing certificate was not issued by any certificate authority in the trusted root',
    );
  }
  return issuers;
}

/**
 * Requires that at `time` the leaf and every certificate up to the root are valid and that one of
 * the issuing authorities is inside its trusted-root validity window.
 */
export function assertChainValidAt(
  leaf: X509Certificate,
  issuers: readonly TrustedAuthority[],
  time: Date,
): TrustedAuthority {
  if (!leaf.validAt(time)) {
    throw new VerificationError(
      'ERR_CERTIFICATE_EXPIRED',
      `signing certificate was not valid at ${time.toISOString()} (valid ${leaf.notBefore.toISOString()} to ${leaf.notAfter.toISOString()})`,
    );
  }
  for (const authority of issuers) {
    if (!isWithinValidity(authority.validFor, time)) continue;
    if (authority.certificates.every((cert) => cert.validAt(time))) return authority;
  }
  throw new VerificationError(
    'ERR_CERTIFICATE_CHAIN',
    `no trusted certificate authority for the signing certificate was valid at ${time.toISOString()}`,
  );
}
