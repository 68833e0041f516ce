import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import {
  bytesEqual,
  type CertificateAuthorityJson,
  decodePem,
  encodeBase64,
  encodePem,
  OID,
  sha256,
  toHex,
  X509Certificate,
} from '@keyless/core';
import { FulcioError } from '../errors.js';
import { readTextIfExists, writeFileAtomic } from './files.js';
import { keyIdentifier } from './key-identifier.js';
import { CA_KEY_ALGORITHM, CA_SIGNING_ALGORITHM, x509 } from './x509.js';

const ROOT_CERT = 'ca-root.pem';
const ROOT_KEY = 'ca-root-key.pem';
const INTERMEDIATE_CERT = 'ca-intermediate.pem';
const INTERMEDIATE_KEY = 'ca-intermediate-key.pem';
const CA_FILES = [ROOT_CERT, ROOT_KEY, INTERMEDIATE_CERT, INTERMEDIATE_KEY];

const ORGANIZATION = 'Keyless';
const ROOT_NAME = 'keyless-local-root';
const INTERMEDIATE_NAME = 'keyless-local-intermediate';
const CA_LIFETIME_MS = 10 * 365 * 24 * 3600 * 1000;

/** The CA that signs leaf certificates: an intermediate under a self-signed root, both P-384. */
export interface LocalCertificateAuthority {
  root: X509Certificate;
  intermediate: X509Certificate;
  /** The intermediate's private key, for signing leaves. */
  signingKey: webcrypto.CryptoKey;
  /** SHA-256 of the intermediate's SubjectPublicKeyInfo, as CT logs identify a precertificate's issuer. */
  issuerKeyHash: Uint8Array;
  /** The piece of the trusted root describing this CA. */
  json: CertificateAuthorityJson;
}

/** A positive serial number of 20 random octets (RFC 5280 §4.1.2.2 allows at most 20). */
export function randomSerialNumber(): string {
  const serial = randomBytes(20);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return toHex(serial);
}

function secondsPrecision(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function generateCaKey(): { pem: string; spki: Uint8Array } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
  return {
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    spki: publicKey.export({ type: 'spki', format: 'der' }),
  };
}

function importCaKey(pem: string): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', decodePem(pem, 'PRIVATE KEY'), CA_KEY_ALGORITHM, false, [
    'sign',
  ]);
}

function caName(commonName: string): x509.Name {
  return new x509.Name([{ O: [ORGANIZATION] }, { CN: [commonName] }]);
}

async function createCaFiles(dir: string, now: Date): Promise<void> {
  const notBefore = secondsPrecision(now);
  const notAfter = new Date(notBefore.getTime() + CA_LIFETIME_MS);
  const rootKey = generateCaKey();
  const intermediateKey = generateCaKey();
  const rootSigningKey = await importCaKey(rootKey.pem);
  const rootKeyId = toHex(keyIdentifier(rootKey.spki));
  const caUsage = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;

  const root = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: caName(ROOT_NAME),
    issuer: caName(ROOT_NAME),
    notBefore,
    notAfter,
    publicKey: rootKey.spki,
    signingKey: rootSigningKey,
    signingAlgorithm: CA_SIGNING_ALGORITHM,
    extensions: [
      new x509.KeyUsagesExtension(caUsage, true),
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.SubjectKeyIdentifierExtension(rootKeyId),
    ],
  });
  const intermediate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: caName(INTERMEDIATE_NAME),
    issuer: caName(ROOT_NAME),
    notBefore,
    notAfter,
    publicKey: intermediateKey.spki,
    signingKey: rootSigningKey,
    signingAlgorithm: CA_SIGNING_ALGORITHM,
    extensions: [
      new x509.KeyUsagesExtension(caUsage, true),
      new x509.ExtendedKeyUsageExtension([OID.codeSigning]),
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.SubjectKeyIdentifierExtension(toHex(keyIdentifier(intermediateKey.spki))),
      new x509.AuthorityKeyIdentifierExtension(rootKeyId),
    ],
  });
  // Keys first and the intermediate certificate last: its presence marks a complete CA.
  writeFileAtomic(dir, ROOT_KEY, rootKey.pem, 0o600);
  writeFileAtomic(dir, INTERMEDIATE_KEY, intermediateKey.pem, 0o600);
  writeFileAtomic(dir, ROOT_CERT, encodePem('CERTIFICATE', new Uint8Array(root.rawData)), 0o644);
  writeFileAtomic(
    dir,
    INTERMEDIATE_CERT,
    encodePem('CERTIFICATE', new Uint8Array(intermediate.rawData)),
    0o644,
  );
}

function invalidState(dir: string, detail: string, cause?: unknown): never {
  throw new FulcioError('ERR_FULCIO_STATE_INVALID', `certificate authority in ${dir}: ${detail}`, { cause });
}

/**
 * Loads the CA kept in `dir`, or creates it there (root and intermediate certificates and keys,
 * keys with mode 0600) when the folder has none. A restart on the same folder gets the same CA.
 * Throws `FulcioError` (`ERR_FULCIO_STATE_INVALID`) when only some of the files exist or they do
 * not fit together.
 */
export async function loadOrCreateCertificateAuthority(
  dir: string,
  url: string,
  now: Date,
): Promise<LocalCertificateAuthority> {
  const present = CA_FILES.filter((name) => readTextIfExists(dir, name) !== undefined);
  if (present.length === 0) await createCaFiles(dir, now);
  else if (present.length !== CA_FILES.length) {
    const missing = CA_FILES.filter((name) => !present.includes(name));
    invalidState(dir, `missing ${missing.join(', ')}; restore them or start from an empty folder`);
  }
  let root: X509Certificate;
  let intermediate: X509Certificate;
  let signingKey: webcrypto.CryptoKey;
  let keySpki: Uint8Array;
  try {
    root = X509Certificate.parse(decodePem(readTextIfExists(dir, ROOT_CERT)!, 'CERTIFICATE'));
    intermediate = X509Certificate.parse(decodePem(readTextIfExists(dir, INTERMEDIATE_CERT)!, 'CERTIFICATE'));
    const keyPem = readTextIfExists(dir, INTERMEDIATE_KEY)!;
    signingKey = await importCaKey(keyPem);
    keySpki = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'der' });
  } catch (cause) {
    return invalidState(dir, 'cannot read the CA certificates or key', cause);
  }
  if (!intermediate.verifySignedBy(root.publicKey)) {
    invalidState(dir, `${INTERMEDIATE_CERT} is not signed by ${ROOT_CERT}`);
  }
  if (!bytesEqual(keySpki, intermediate.subjectPublicKeyInfo)) {
    invalidState(dir, `${INTERMEDIATE_KEY} is not the key of ${INTERMEDIATE_CERT}`);
  }
  return {
    root,
    intermediate,
    signingKey,
    issuerKeyHash: sha256(intermediate.subjectPublicKeyInfo),
    json: {
      subject: { organization: ORGANIZATION, commonName: ROOT_NAME },
      uri: url,
      certChain: {
        certificates: [{ rawBytes: encodeBase64(intermediate.der) }, { rawBytes: encodeBase64(root.der) }],
      },
      validFor: { start: intermediate.notBefore.toISOString() },
    },
  };
}
