import { OID, toHex } from '@keyless/core';
import { encodeUtf8String } from '../asn1/encode.js';
import { FULCIO_EXTENSIONS } from '../certificate/extensions.js';
import type { Principal } from './identity/principal.js';
import { keyIdentifier } from './key-identifier.js';
import { x509 } from './x509.js';

/**
 * The extensions of a leaf certificate, in the order Fulcio writes them: KeyUsage
 * digitalSignature (critical), ExtendedKeyUsage codeSigning, SubjectKeyIdentifier,
 * AuthorityKeyIdentifier, the critical SubjectAltName (the subject is empty, so RFC 5280 §4.2.1.6
 * makes it critical), then the Fulcio extensions in OID order. The precertificate poison or the SCT
 * list goes after these.
 */
export function leafExtensions(
  principal: Principal,
  spki: Uint8Array,
  issuerKeyId: Uint8Array,
): x509.Extension[] {
  const extensions: x509.Extension[] = [
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([OID.codeSigning]),
    new x509.SubjectKeyIdentifierExtension(toHex(keyIdentifier(spki))),
    new x509.AuthorityKeyIdentifierExtension(toHex(issuerKeyId)),
    new x509.SubjectAlternativeNameExtension([principal.subjectAlternativeName], true),
  ];
  for (const info of FULCIO_EXTENSIONS) {
    const value = principal.extensions[info.name];
    if (value === undefined) continue;
    const bytes = info.encoding === 'raw' ? new TextEncoder().encode(value) : encodeUtf8String(value);
    extensions.push(new x509.Extension(info.oid, false, bytes));
  }
  return extensions;
}

/** The critical CT poison extension of a precertificate (RFC 6962 §3.1): its value is ASN.1 NULL. */
export function poisonExtension(): x509.Extension {
  return new x509.Extension(OID.ctPrecertificatePoison, true, Uint8Array.of(0x05, 0x00));
}
