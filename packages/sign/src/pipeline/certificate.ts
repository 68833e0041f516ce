import { bytesEqual, type PreparedTrustedRoot, X509Certificate } from '@keyless/core';
import { certificateIdentity, verifyIssuedChain } from '@keyless/fulcio';
import { reasonOf, SigningError } from '../errors.js';
import type { IdentityTokenClaims } from '../identity/token-claims.js';

/** The signer's identity as the CA wrote it into the certificate. */
export interface CertifiedIdentity {
  /** The certificate's SAN: an email, a URI (CI workflow), ... */
  subjectAlternativeName: string;
  /** The OIDC issuer recorded in the certificate (the token's `iss`). */
  issuer: string;
}

/** A certificate checked against the trusted root, ready to sign with. */
export interface CheckedCertificate {
  /** The chain as the CA issued it, leaf first. */
  chain: Uint8Array[];
  leaf: X509Certificate;
  identity: CertifiedIdentity;
}

function untrusted(ca: string, message: string, cause?: unknown): never {
  throw new SigningError('ERR_CERTIFICATE_UNTRUSTED', `${ca}: the issued certificate ${message}`, { cause });
}

function parseChain(ca: string, chain: readonly Uint8Array[]): X509Certificate[] {
  if (chain.length === 0) {
    throw new SigningError('ERR_CERTIFICATE_AUTHORITY', `${ca}: returned an empty certificate chain`);
  }
  try {
    return chain.map((der) => X509Certificate.parse(der));
  } catch (cause) {
    throw new SigningError(
      'ERR_CERTIFICATE_AUTHORITY',
      `${ca}: returned a certificate that cannot be parsed: ${reasonOf(cause)}`,
      { cause },
    );
  }
}

/**
 * Checks a freshly issued chain before anything is signed with it, whichever CA issued it: the
 * leaf certifies the signer's key and is valid now, was issued by a CA of the trusted root (with
 * the rest of the chain that CA's own), embeds an SCT a trusted CT log signed, and names the
 * token's issuer (and, for email identities, the token's email). Throws `SigningError`
 * (`ERR_CERTIFICATE_UNTRUSTED`, or `ERR_CERTIFICATE_AUTHORITY` for a chain that cannot be read)
 * naming the CA.
 */
export function checkIssuedCertificate(
  ca: string,
  chain: readonly Uint8Array[],
  publicKey: Uint8Array,
  claims: IdentityTokenClaims,
  trust: PreparedTrustedRoot,
  now: Date,
): CheckedCertificate {
  const certificates = parseChain(ca, chain);
  const leaf = certificates[0]!;
  if (!bytesEqual(leaf.subjectPublicKeyInfo, publicKey)) untrusted(ca, 'is for another public key');
  if (!leaf.validAt(now)) {
    untrusted(
      ca,
      `is not valid now (${leaf.notBefore.toISOString()} to ${leaf.notAfter.toISOString()}); check the clock`,
    );
  }
  try {
    verifyIssuedChain(certificates, trust);
  } catch (cause) {
    // The chain check words its reason about "the issued certificate" already.
    const reason = reasonOf(cause).replace(/^Fulcio: /, '');
    throw new SigningError('ERR_CERTIFICATE_UNTRUSTED', `${ca}: ${reason}`, { cause });
  }
  let identity: ReturnType<typeof certificateIdentity>;
  try {
    identity = certificateIdentity(leaf);
  } catch (cause) {
    untrusted(ca, `names no identity: ${reasonOf(cause)}`, cause);
  }
  if (identity.issuer !== claims.iss) {
    untrusted(ca, `names the OIDC issuer ${identity.issuer ?? '(none)'}, not the token's ${claims.iss}`);
  }
  if (
    identity.sanType === 'email' &&
    claims.email !== undefined &&
    identity.subjectAlternativeName !== claims.email
  ) {
    untrusted(ca, `is for ${identity.subjectAlternativeName}, not the token's ${claims.email}`);
  }
  return {
    chain: [...chain],
    leaf,
    identity: { subjectAlternativeName: identity.subjectAlternativeName, issuer: claims.iss },
  };
}
