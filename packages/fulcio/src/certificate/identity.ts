import {
  children,
  contextTag,
  DerReader,
  decodeOid,
  type GeneralName,
  OID,
  parseDer,
  Tag,
  type X509Certificate,
} from '@keyless/core';
import { FulcioError } from '../errors.js';
import { FULCIO_USERNAME_OTHERNAME_OID, type FulcioExtensionName, fulcioExtensions } from './extensions.js';

/** Which kind of SubjectAltName carries a certificate's identity. */
export type SanType = 'email' | 'uri' | 'otherName' | 'dns';

/** Who a Fulcio certificate was issued to, and by which OIDC issuer. */
export interface CertificateIdentity {
  /** The signer's identity: an email, a URI (CI workflows, SPIFFE), a username, or a DNS name. */
  subjectAlternativeName: string;
  sanType: SanType;
  /** The OIDC issuer, from extension .8 (Issuer V2) falling back to the deprecated .1. */
  issuer?: string;
  /** Every known Fulcio extension, decoded, by friendly name. */
  extensions: Partial<Record<FulcioExtensionName, string>>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The Fulcio username OtherName, read again from the SAN's DER because its value must be a
 * UTF8String and the generic GeneralName decoding accepts any string type.
 */
function username(cert: X509Certificate): string {
  const san = cert.extension(OID.subjectAltName);
  try {
    for (const name of children(parseDer(san!.value))) {
      if (name.tag !== contextTag(0, true)) continue;
      const reader = new DerReader(name, 'OtherName');
      if (decodeOid(reader.next(Tag.OID).value) !== FULCIO_USERNAME_OTHERNAME_OID) continue;
      const value = new DerReader(reader.next(contextTag(0, true)), 'OtherName value');
      const text = value.next(Tag.UTF8_STRING);
      value.end();
      reader.end();
      return utf8.decode(text.value);
    }
  } catch (cause) {
    throw new FulcioError(
      'ERR_CERTIFICATE_IDENTITY_INVALID',
      `certificate username SubjectAltName (${FULCIO_USERNAME_OTHERNAME_OID}) must be a UTF8String`,
      { cause },
    );
  }
  throw new FulcioError('ERR_CERTIFICATE_IDENTITY_INVALID', 'certificate username SubjectAltName not found');
}

function identityOf(cert: X509Certificate, name: GeneralName): { value: string; type: SanType } | undefined {
  switch (name.type) {
    case 'email':
    case 'uri':
    case 'dns':
      return { value: name.value, type: name.type };
    case 'otherName':
      return name.oid === FULCIO_USERNAME_OTHERNAME_OID
        ? { value: username(cert), type: 'otherName' }
        : undefined;
    default:
      return undefined;
  }
}

function subjectAltNames(cert: X509Certificate): GeneralName[] {
  try {
    return cert.subjectAltNames;
  } catch (cause) {
    const message = 'certificate SubjectAltName cannot be decoded';
    throw new FulcioError('ERR_CERTIFICATE_IDENTITY_INVALID', message, { cause });
  }
}

/**
 * The identity a Fulcio certificate binds: the first email, URI, Fulcio username OtherName
 * (1.3.6.1.4.1.57264.1.7) or DNS SubjectAltName, the OIDC issuer and every Fulcio extension.
 *
 * Throws `FulcioError`: `ERR_CERTIFICATE_IDENTITY_MISSING` when no such SAN is present,
 * `ERR_CERTIFICATE_IDENTITY_INVALID` when the SAN extension is malformed, and
 * `ERR_CERTIFICATE_EXTENSION_INVALID` when a Fulcio extension is.
 *
 * @example
 * ```ts
 * const id = certificateIdentity(X509Certificate.parse(der));
 * id.subjectAlternativeName; // 'https://github.com/owner/repo/.github/workflows/release.yml@refs/tags/v1'
 * id.issuer;                 // 'https://token.actions.githubusercontent.com'
 * id.extensions.sourceRepositoryURI; // 'https://github.com/owner/repo'
 * ```
 */
export function certificateIdentity(cert: X509Certificate): CertificateIdentity {
  let san: { value: string; type: SanType } | undefined;
  for (const name of subjectAltNames(cert)) {
    const candidate = identityOf(cert, name);
    if (candidate && candidate.value.length > 0) {
      san = candidate;
      break;
    }
  }
  if (!san) {
    throw new FulcioError(
      'ERR_CERTIFICATE_IDENTITY_MISSING',
      'certificate has no email, URI, username or DNS SubjectAltName to identify the signer',
    );
  }
  const extensions = fulcioExtensions(cert);
  const identity: CertificateIdentity = { subjectAlternativeName: san.value, sanType: san.type, extensions };
  const issuer = extensions.issuerV2 ?? extensions.issuer;
  if (issuer !== undefined) identity.issuer = issuer;
  return identity;
}
