import 'reflect-metadata';
import { generateKeyPairSync, type KeyObject, sign, webcrypto } from 'node:crypto';
import { OID, type PreparedLog, prepareLog, sha256, X509Certificate } from '@keyless/core';
import * as x509 from '@peculiar/x509';
import type { SignedCertificateTimestamp } from '../src/sct/types.js';
import { octetString, tlsVector16 } from './der.js';

// Tests import x509 from here so that the Reflect shim above is loaded first.
export { x509 };

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const NOT_BEFORE = new Date('2025-01-01T00:00:00Z');
const NOT_AFTER = new Date('2025-01-01T00:10:00Z');
export const SCT_TIME = Date.parse('2025-01-01T00:00:01.234Z');

async function generateP256(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

export interface TestCa {
  cert: X509Certificate;
  keys: webcrypto.CryptoKeyPair;
  name: string;
}

/** A self-signed P-256 CA. */
export async function createCa(name = 'CN=test-ca,O=keyless.test'): Promise<TestCa> {
  const keys = await generateP256();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name,
    notBefore: new Date('2024-01-01T00:00:00Z'),
    notAfter: new Date('2030-01-01T00:00:00Z'),
    keys,
    signingAlgorithm: EC_P256,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  return { cert: X509Certificate.parse(new Uint8Array(cert.rawData)), keys, name };
}

export interface TestLog {
  log: PreparedLog;
  privateKey: KeyObject;
}

/** A CT log with a fresh key, trusted from `start` (and until `end`, when given). */
export function createCtLog(
  options: { keyType?: 'ec' | 'rsa'; start?: Date; end?: Date; baseUrl?: string } = {},
): TestLog {
  const { publicKey, privateKey } =
    options.keyType === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const validFor: { start?: Date; end?: Date } = { start: options.start ?? new Date('2024-01-01T00:00:00Z') };
  if (options.end) validFor.end = options.end;
  const log = prepareLog({
    baseUrl: options.baseUrl ?? 'https://ct.keyless.test',
    hashAlgorithm: 'SHA2_256',
    publicKey: {
      rawBytes: spki,
      keyDetails: options.keyType === 'rsa' ? 'PKIX_RSA_PKCS1V15_2048_SHA256' : 'PKIX_ECDSA_P256_SHA_256',
      validFor,
    },
    logId: { keyId: sha256(spki) },
  });
  return { log, privateKey };
}

/** TLS encoding of one SCT v1. */
export function encodeSct(sct: SignedCertificateTimestamp): Uint8Array {
  const timestamp = Buffer.alloc(8);
  timestamp.writeBigUInt64BE(BigInt(sct.timestamp));
  return Buffer.concat([
    Uint8Array.of(sct.version),
    sct.logId,
    timestamp,
    tlsVector16(sct.extensions),
    Uint8Array.of(sct.hashAlgorithm, sct.signatureAlgorithm),
    tlsVector16(sct.signature),
  ]);
}

/** The X.509 extension value (OCTET STRING around a TLS list) for already-encoded SCTs. */
export function encodeSctList(encodedScts: Uint8Array[]): Uint8Array {
  return octetString(tlsVector16(...encodedScts.map((sct) => tlsVector16(sct))));
}

/** The RFC 6962 signed data, written out independently of the code under test. */
function signedData(timestamp: number, issuerKeyHash: Uint8Array, tbs: Uint8Array, extensions: Uint8Array) {
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(timestamp));
  const tbsLength = Buffer.alloc(3);
  tbsLength.writeUIntBE(tbs.length, 0, 3);
  return Buffer.concat([
    Uint8Array.of(0, 0),
    ts,
    Uint8Array.of(0, 1),
    issuerKeyHash,
    tbsLength,
    tbs,
    tlsVector16(extensions),
  ]);
}

export interface SctSpec {
  log: TestLog;
  timestamp?: number;
  extensions?: Uint8Array;
  /** Overrides the TLS signature algorithm written in the SCT (the signature stays the real one). */
  signatureAlgorithm?: number;
}

export interface IssuedLeaf {
  /** The final certificate, with the SCT list extension. */
  leaf: X509Certificate;
  /** The same certificate issued without the SCT list extension: its TBS is what the logs signed. */
  precert: X509Certificate;
  scts: SignedCertificateTimestamp[];
}

/**
 * Issues a leaf from `ca` twice: first without SCTs (the precertificate the logs sign), then with
 * an SCT list extension at `sctPosition` among `extensions` (default last).
 */
export async function issueLeaf(
  ca: TestCa,
  options: { extensions?: x509.Extension[]; scts?: SctSpec[]; sctPosition?: number } = {},
): Promise<IssuedLeaf> {
  const leafKeys = await generateP256();
  const base = options.extensions ?? [
    new x509.SubjectAlternativeNameExtension([{ type: 'email', value: 'signer@keyless.test' }], true),
  ];
  const create = (extensions: x509.Extension[]) =>
    x509.X509CertificateGenerator.create({
      serialNumber: '7e57',
      subject: 'CN=leaf',
      issuer: ca.name,
      notBefore: NOT_BEFORE,
      notAfter: NOT_AFTER,
      publicKey: leafKeys.publicKey,
      signingKey: ca.keys.privateKey,
      signingAlgorithm: EC_P256,
      extensions,
    });
  const precert = X509Certificate.parse(new Uint8Array((await create(base)).rawData));
  const issuerKeyHash = sha256(ca.cert.subjectPublicKeyInfo);
  const scts = (options.scts ?? []).map((spec): SignedCertificateTimestamp => {
    const timestamp = spec.timestamp ?? SCT_TIME;
    const extensions = spec.extensions ?? new Uint8Array(0);
    const data = signedData(timestamp, issuerKeyHash, precert.tbs, extensions);
    const isRsa = spec.log.privateKey.asymmetricKeyType === 'rsa';
    return {
      version: 0,
      logId: spec.log.log.logId,
      timestamp,
      extensions,
      hashAlgorithm: 4,
      signatureAlgorithm: spec.signatureAlgorithm ?? (isRsa ? 1 : 3),
      signature: sign('sha256', data, spec.log.privateKey),
    };
  });
  if (scts.length === 0) return { leaf: precert, precert, scts };
  const sctExtension = new x509.Extension(
    OID.ctPrecertificateScts,
    false,
    encodeSctList(scts.map(encodeSct)),
  );
  const withScts = [...base];
  withScts.splice(options.sctPosition ?? base.length, 0, sctExtension);
  const leaf = X509Certificate.parse(new Uint8Array((await create(withScts)).rawData));
  return { leaf, precert, scts };
}
