/** Test-only X.509 certificates, written with the DER helpers and signed with node:crypto. */
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { OID, X509Certificate } from '@keyless/core';
import { algorithm, bool, ctx, int, octets, oid, seq, set, tlv } from './der.js';

export type KeyKind = 'p256' | 'rsa';

export function generateKeys(kind: KeyKind): { publicKey: KeyObject; privateKey: KeyObject } {
  return kind === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

function name(commonName: string): Uint8Array {
  const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
  return seq(
    set(seq(oid(OID.organizationName), utf8('keyless.test'))),
    set(seq(oid(OID.commonName), utf8(commonName))),
  );
}

export function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

export interface CertificateSpec {
  kind: KeyKind;
  serial: number;
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  issuerKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  extensions: Uint8Array[];
}

/** UTCTime `YYMMDDHHMMSSZ` (dates before 2050). */
function utcTime(date: Date): Uint8Array {
  return tlv(0x17, Buffer.from(generalizedTimeText(date).slice(2), 'latin1'));
}

export function makeCertificate(spec: CertificateSpec): X509Certificate {
  const signatureAlgorithm =
    spec.kind === 'rsa' ? algorithm(OID.sha256WithRSAEncryption) : algorithm(OID.ecdsaWithSHA256, null);
  const spki = spec.publicKey.export({ type: 'spki', format: 'der' });
  const tbs = seq(
    ctx(0, int(2)),
    int(spec.serial),
    signatureAlgorithm,
    name(spec.issuer),
    seq(utcTime(spec.notBefore), utcTime(spec.notAfter)),
    name(spec.subject),
    spki,
    ctx(3, seq(...spec.extensions)),
  );
  const signature = sign('sha256', tbs, spec.issuerKey);
  return X509Certificate.parse(seq(tbs, signatureAlgorithm, tlv(0x03, Uint8Array.of(0), signature)));
}

export function subjectKeyIdentifier(publicKey: KeyObject): Uint8Array {
  return octets(
    createHash('sha1')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest(),
  );
}

/** Formats a Date as a GeneralizedTime `YYYYMMDDHHMMSSZ`. */
export function generalizedTimeText(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}
