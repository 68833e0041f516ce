import type { KeyObject } from 'node:crypto';
import {
  children,
  contextTag,
  type DerElement,
  DerReader,
  decodeBitString,
  decodeBoolean,
  decodeInteger,
  decodeOid,
  decodeSmallInteger,
  decodeString,
  decodeTime,
  parseDer,
  Tag,
} from '../asn1/der.js';
import { importSpki } from '../crypto/keys.js';
import { verifySignature } from '../crypto/verify-signature.js';
import { CoreError, KeylessError } from '../errors/keyless-error.js';
import { decodeName, type NameAttributes } from './names.js';
import { OID } from './oids.js';
import { signatureOptionsForOid } from './signature-algorithm.js';

export interface CertificateExtension {
  oid: string;
  critical: boolean;
  /** Contents of `extnValue` (the DER inside the OCTET STRING). */
  value: Uint8Array;
  /** The whole `Extension` TLV, as it appears in the TBSCertificate. */
  raw: Uint8Array;
}

/** One entry of a SubjectAltName / IssuerAltName `GeneralNames`. */
export type GeneralName =
  | { type: 'email'; value: string }
  | { type: 'dns'; value: string }
  | { type: 'uri'; value: string }
  | { type: 'ip'; value: Uint8Array }
  | { type: 'otherName'; oid: string; value: string }
  | { type: 'other'; tag: number; raw: Uint8Array };

/**
 * A parsed X.509 v3 certificate. Parsing is eager for the fields every verification needs and lazy
 * for the rest (public key import, name decoding). Byte fields are views into `der`.
 */
export class X509Certificate {
  readonly der: Uint8Array;
  /** The whole TBSCertificate TLV: the bytes the issuer signed. */
  readonly tbs: Uint8Array;
  readonly version: number;
  readonly serialNumber: bigint;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  /** DER of the issuer Name. */
  readonly issuerDer: Uint8Array;
  /** DER of the subject Name. */
  readonly subjectDer: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DER SubjectPublicKeyInfo. */
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly extensions: readonly CertificateExtension[];
  private cachedKey: KeyObject | undefined;

  private constructor(der: Uint8Array) {
    this.der = der;
    const cert = parseDer(der);
    if (cert.tag !== Tag.SEQUENCE)
      throw new CoreError('ERR_ASN1_PARSE', 'malformed DER: certificate is not a SEQUENCE');
    const outer = new DerReader(cert, 'Certificate');
    const tbs = outer.next(Tag.SEQUENCE);
    const sigAlg = outer.next(Tag.SEQUENCE);
    this.signature = decodeBitString(outer.next(Tag.BIT_STRING).value);
    outer.end();
    this.tbs = tbs.raw;
    this.signatureAlgorithm = decodeOid(new DerReader(sigAlg).next(Tag.OID).value);

    const fields = new DerReader(tbs, 'TBSCertificate');
    const versionField = fields.optional(contextTag(0, true));
    this.version = versionField
      ? decodeSmallInteger(new DerReader(versionField).next(Tag.INTEGER).value) + 1
      : 1;
    this.serialNumber = decodeInteger(fields.next(Tag.INTEGER).value);
    const innerSigAlg = fields.next(Tag.SEQUENCE);
    if (decodeOid(new DerReader(innerSigAlg).next(Tag.OID).value) !== this.signatureAlgorithm) {
      throw new CoreError('ERR_CERTIFICATE_PARSE', 'certificate signature algorithms disagree');
    }
    this.issuerDer = fields.next(Tag.SEQUENCE).raw;
    const validity = new DerReader(fields.next(Tag.SEQUENCE), 'Validity');
    this.notBefore = decodeTime(validity.next());
    this.notAfter = decodeTime(validity.next());
    this.subjectDer = fields.next(Tag.SEQUENCE).raw;
    this.subjectPublicKeyInfo = fields.next(Tag.SEQUENCE).raw;
    fields.optional(contextTag(1, false));
    fields.optional(contextTag(2, false));
    const extensionsField = fields.optional(contextTag(3, true));
    fields.end();
    this.extensions = extensionsField ? parseExtensions(extensionsField) : [];
  }

  /** Parses DER bytes; throws `CoreError` (`ERR_CERTIFICATE_PARSE`) for anything malformed. */
  static parse(der: Uint8Array): X509Certificate {
    try {
      return new X509Certificate(der);
    } catch (cause) {
      if (cause instanceof KeylessError && cause.code === 'ERR_CERTIFICATE_PARSE') throw cause;
      const detail = cause instanceof Error ? `: ${cause.message}` : '';
      throw new CoreError('ERR_CERTIFICATE_PARSE', `invalid X.509 certificate${detail}`, { cause });
    }
  }

  /** The certificate's public key, imported once. */
  get publicKey(): KeyObject {
    this.cachedKey ??= importSpki(this.subjectPublicKeyInfo);
    return this.cachedKey;
  }

  get subject(): NameAttributes {
    return decodeName(parseDer(this.subjectDer));
  }

  get issuer(): NameAttributes {
    return decodeName(parseDer(this.issuerDer));
  }

  extension(oid: string): CertificateExtension | undefined {
    return this.extensions.find((e) => e.oid === oid);
  }

  /** `cA` and `pathLenConstraint` of BasicConstraints; `undefined` when the extension is absent. */
  get basicConstraints(): { ca: boolean; pathLength?: number } | undefined {
    const ext = this.extension(OID.basicConstraints);
    if (!ext) return undefined;
    const reader = new DerReader(parseDer(ext.value), 'BasicConstraints');
    const caField = reader.optional(Tag.BOOLEAN);
    const pathField = reader.optional(Tag.INTEGER);
    const result: { ca: boolean; pathLength?: number } = {
      ca: caField ? decodeBoolean(caField.value) : false,
    };
    if (pathField) result.pathLength = decodeSmallInteger(pathField.value);
    return result;
  }

  /** KeyUsage bits by name; `undefined` when the extension is absent. */
  get keyUsage(): { digitalSignature: boolean; keyCertSign: boolean; crlSign: boolean } | undefined {
    const ext = this.extension(OID.keyUsage);
    if (!ext) return undefined;
    const bits = decodeBitString(parseDer(ext.value).value);
    const first = bits[0] ?? 0;
    return {
      digitalSignature: (first & 0x80) !== 0,
      keyCertSign: (first & 0x04) !== 0,
      crlSign: (first & 0x02) !== 0,
    };
  }

  /** ExtendedKeyUsage OIDs; empty when the extension is absent. */
  get extKeyUsage(): string[] {
    const ext = this.extension(OID.extKeyUsage);
    if (!ext) return [];
    return children(parseDer(ext.value)).map((e) => decodeOid(e.value));
  }

  /** SubjectAltName entries; empty when the extension is absent. */
  get subjectAltNames(): GeneralName[] {
    const ext = this.extension(OID.subjectAltName);
    return ext ? decodeGeneralNames(parseDer(ext.value)) : [];
  }

  get subjectKeyIdentifier(): Uint8Array | undefined {
    const ext = this.extension(OID.subjectKeyIdentifier);
    return ext ? parseDer(ext.value).value : undefined;
  }

  get authorityKeyIdentifier(): Uint8Array | undefined {
    const ext = this.extension(OID.authorityKeyIdentifier);
    if (!ext) return undefined;
    return new DerReader(parseDer(ext.value)).optional(contextTag(0, false))?.value;
  }

  /** Whether `date` falls in [notBefore, notAfter] (both inclusive, as RFC 5280 says). */
  validAt(date: Date): boolean {
    const t = date.getTime();
    return t >= this.notBefore.getTime() && t <= this.notAfter.getTime();
  }

  /** Whether `issuerKey` made this certificate's signature. */
  verifySignedBy(issuerKey: KeyObject): boolean {
    let options: ReturnType<typeof signatureOptionsForOid>;
    try {
      options = signatureOptionsForOid(this.signatureAlgorithm);
    } catch {
      return false;
    }
    return verifySignature(issuerKey, this.tbs, this.signature, options);
  }

  /** Whether subject and issuer names are the same bytes and the certificate verifies with its own key. */
  get isSelfSigned(): boolean {
    return Buffer.compare(this.issuerDer, this.subjectDer) === 0 && this.verifySignedBy(this.publicKey);
  }
}

function parseExtensions(field: DerElement): CertificateExtension[] {
  const outer = new DerReader(field, 'extensions');
  const list = outer.next(Tag.SEQUENCE);
  outer.end();
  const seen = new Set<string>();
  return children(list).map((ext) => {
    const reader = new DerReader(ext, 'Extension');
    const oid = decodeOid(reader.next(Tag.OID).value);
    const criticalField = reader.optional(Tag.BOOLEAN);
    const value = reader.next(Tag.OCTET_STRING).value;
    reader.end();
    if (seen.has(oid)) throw new CoreError('ERR_CERTIFICATE_PARSE', `duplicate certificate extension ${oid}`);
    seen.add(oid);
    return { oid, critical: criticalField ? decodeBoolean(criticalField.value) : false, value, raw: ext.raw };
  });
}

/** Decodes a DER `GeneralNames` SEQUENCE. */
export function decodeGeneralNames(names: DerElement): GeneralName[] {
  return children(names).map((name): GeneralName => {
    switch (name.tag) {
      case 0x81:
        return { type: 'email', value: decodeString(name) };
      case 0x82:
        return { type: 'dns', value: decodeString(name) };
      case 0x86:
        return { type: 'uri', value: decodeString(name) };
      case 0x87:
        return { type: 'ip', value: name.value };
      case 0xa0: {
        const reader = new DerReader(name, 'OtherName');
        const oid = decodeOid(reader.next(Tag.OID).value);
        const explicit = reader.next(contextTag(0, true));
        const inner = new DerReader(explicit).next();
        return { type: 'otherName', oid, value: decodeString(inner) };
      }
      default:
        return { type: 'other', tag: name.tag, raw: name.raw };
    }
  });
}
