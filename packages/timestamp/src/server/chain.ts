// @peculiar/x509 looks for the Reflect metadata API when it loads, so the shim comes first.
import 'reflect-metadata';
import { createPrivateKey, type KeyObject, webcrypto } from 'node:crypto';
import { OID, X509Certificate } from '@keyless/core';
import * as x509 from '@peculiar/x509';
import { randomSerial } from './serial.js';

/** The key type and signature hash of a local TSA's certificates and tokens. */
export type TsaSigningAlgorithm = 'ecdsa-p384-sha384' | 'ecdsa-p256-sha256';

/** The named curve (as node:crypto reports it) and WebCrypto parameters of each algorithm. */
export const SIGNING_ALGORITHMS = {
  'ecdsa-p384-sha384': {
    curve: 'secp384r1',
    hash: 'sha384',
    webcrypto: { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' },
  },
  'ecdsa-p256-sha256': {
    curve: 'prime256v1',
    hash: 'sha256',
    webcrypto: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  },
} as const;

/** A TSA's certificates, signer first, and the signer's private key. */
export interface TsaChain {
  /** Leaf (the time-stamping certificate), intermediate, root. */
  certificates: [X509Certificate, X509Certificate, X509Certificate];
  signingKey: KeyObject;
}

const YEARS_VALID = 10;
const ORGANIZATION = 'Keyless';

// The library names the DOM's Crypto type, which Node's webcrypto implements.
type LibraryCrypto = Parameters<typeof x509.cryptoProvider.set>[0];
const crypto = webcrypto as unknown as LibraryCrypto;

function toCore(certificate: x509.X509Certificate): X509Certificate {
  return X509Certificate.parse(new Uint8Array(certificate.rawData));
}

/**
 * Creates a three-level chain for a local TSA: a self-signed root, an intermediate CA, and a leaf
 * whose only purpose is time-stamping (RFC 3161 §2.3: sole, critical timeStamping extended key
 * usage; digitalSignature key usage). All three are valid from `now` (to the second) for ten
 * years. Only the leaf's private key is returned: the CA keys sign once, here, and are dropped,
 * so no file ever holds a key that could issue another TSA certificate.
 */
export async function createTsaChain(algorithm: TsaSigningAlgorithm, now: Date): Promise<TsaChain> {
  const parameters = SIGNING_ALGORITHMS[algorithm].webcrypto;
  const generate = () =>
    webcrypto.subtle.generateKey(parameters, true, ['sign', 'verify']) as Promise<webcrypto.CryptoKeyPair>;
  const [rootKeys, intermediateKeys, leafKeys] = await Promise.all([generate(), generate(), generate()]);
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + YEARS_VALID);
  const validity = { notBefore, notAfter, signingAlgorithm: parameters };
  const caUsage = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;

  const root = await x509.X509CertificateGenerator.createSelfSigned(
    {
      ...validity,
      serialNumber: randomSerial().toString('hex'),
      name: `O=${ORGANIZATION}, CN=Keyless TSA Root`,
      keys: rootKeys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 1, true),
        new x509.KeyUsagesExtension(caUsage, true),
        await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const intermediate = await x509.X509CertificateGenerator.create(
    {
      ...validity,
      serialNumber: randomSerial().toString('hex'),
      subject: `O=${ORGANIZATION}, CN=Keyless TSA Intermediate`,
      issuer: root.subjectName,
      publicKey: intermediateKeys.publicKey,
      signingKey: rootKeys.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(caUsage, true),
        await x509.SubjectKeyIdentifierExtension.create(intermediateKeys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const leaf = await x509.X509CertificateGenerator.create(
    {
      ...validity,
      serialNumber: randomSerial().toString('hex'),
      subject: `O=${ORGANIZATION}, CN=Keyless TSA`,
      issuer: intermediate.subjectName,
      publicKey: leafKeys.publicKey,
      signingKey: intermediateKeys.privateKey,
      extensions: [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([OID.timeStamping], true),
        await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(intermediateKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', leafKeys.privateKey);
  return {
    certificates: [toCore(leaf), toCore(intermediate), toCore(root)],
    signingKey: createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }),
  };
}
