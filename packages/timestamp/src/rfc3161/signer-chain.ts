import { bytesEqual, type PreparedAuthority, type X509Certificate } from '@keyless/core';
import { TimestampError } from '../errors.js';
import type { SignerIdentifier, TimeStampToken } from './types.js';

/** Whether `certificate` is the one a SignerInfo `sid` names. */
export function matchesSignerIdentifier(certificate: X509Certificate, sid: SignerIdentifier): boolean {
  if (sid.type === 'issuerAndSerialNumber') {
    return certificate.serialNumber === sid.serialNumber && bytesEqual(certificate.issuerDer, sid.issuer);
  }
  const keyIdentifier = certificate.subjectKeyIdentifier;
  return keyIdentifier !== undefined && bytesEqual(keyIdentifier, sid.keyIdentifier);
}

function isCa(certificate: X509Certificate): boolean {
  return certificate.basicConstraints?.ca === true;
}

function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  return (
    isCa(parent) && bytesEqual(child.issuerDer, parent.subjectDer) && child.verifySignedBy(parent.publicKey)
  );
}

const chainVerified = new WeakMap<PreparedAuthority, boolean>();

/**
 * Whether each certificate of a TSA's trusted chain is issued by the next one. The answer is
 * kept per prepared authority, so a verifier checks its trusted root's chains once.
 */
export function authorityChainVerifies(tsa: PreparedAuthority): boolean {
  let verified = chainVerified.get(tsa);
  if (verified === undefined) {
    const chain = tsa.certificates;
    verified = chain.length > 0;
    for (let i = 0; verified && i + 1 < chain.length; i++) {
      try {
        verified = issuedBy(chain[i]!, chain[i + 1]!);
      } catch {
        verified = false;
      }
    }
    chainVerified.set(tsa, verified);
  }
  return verified;
}

function untrusted(message: string): never {
  throw new TimestampError('ERR_TIMESTAMP_UNTRUSTED', message);
}

/**
 * The chain, signer first and trust anchor last, through which `tsa` vouches for the token's
 * signer; throws `ERR_TIMESTAMP_UNTRUSTED` when it does not.
 *
 * Embedded certificates only help find the signer: one that matches the SignerInfo must be a
 * certificate of the trusted chain, or, when the trusted root lists no leaf for this TSA, be
 * issued by the chain's first CA. Nothing embedded is ever taken as an intermediate or anchor.
 */
export function trustedSignerChain(
  token: TimeStampToken,
  tsa: PreparedAuthority,
  name: string,
): X509Certificate[] {
  const trusted = tsa.certificates;
  if (!authorityChainVerifies(tsa))
    untrusted(`the trusted root's certificate chain for TSA ${name} does not verify`);
  const { sid } = token.signedData.signerInfo;
  const embedded = token.signedData.certificates.find((certificate) =>
    matchesSignerIdentifier(certificate, sid),
  );
  if (embedded) {
    const at = trusted.findIndex((certificate) => bytesEqual(certificate.der, embedded.der));
    if (at >= 0) return trusted.slice(at);
    // Only a chain whose first certificate is a CA can issue a signer the trusted root does not list.
    if (issuedBy(embedded, trusted[0]!)) return [embedded, ...trusted];
    untrusted(`the timestamp's embedded signing certificate is not part of TSA ${name}'s trusted chain`);
  }
  const at = trusted.findIndex((certificate) => matchesSignerIdentifier(certificate, sid));
  if (at < 0) untrusted(`the timestamp was not signed by TSA ${name}`);
  return trusted.slice(at);
}
