import { createPublicKey } from 'node:crypto';
import {
  type BundleJson,
  decodePemBlocks,
  type PreparedLog,
  prepareLog,
  sha256,
  type TrustedRootJson,
  type ValidityWindow,
  X509Certificate,
} from '@keyless/core';
import { conformanceDir, readRealdata, readRealdataJson } from '@keyless/testkit';

/** Every certificate of a PEM file under realdata, in file order. */
export function pemCertificates(...parts: string[]): X509Certificate[] {
  return decodePemBlocks(readRealdata(...parts).toString('utf8'))
    .filter((block) => block.label === 'CERTIFICATE')
    .map((block) => X509Certificate.parse(block.der));
}

/** The first certificate of a PEM file under realdata. */
export function pemLeaf(...parts: string[]): X509Certificate {
  return pemCertificates(...parts)[0]!;
}

/** The signing certificate of a bundle under realdata (v0.1/v0.2 chain or v0.3 certificate). */
export function bundleLeaf(...parts: string[]): X509Certificate {
  const bundle = readRealdataJson<BundleJson>(...parts);
  const material = bundle.verificationMaterial as {
    certificate?: { rawBytes: string };
    x509CertificateChain?: { certificates: { rawBytes: string }[] };
  };
  const raw = material.certificate?.rawBytes ?? material.x509CertificateChain?.certificates[0]?.rawBytes;
  if (!raw) throw new Error(`no certificate in ${parts.join('/')}`);
  return X509Certificate.parse(Buffer.from(raw, 'base64'));
}

/** The signing certificate of a conformance case's bundle. */
export function conformanceLeaf(name: string): X509Certificate {
  return bundleLeaf('conformance/test/assets/bundle-verify', name, 'bundle.sigstore.json');
}

function date(text: string | undefined): Date | undefined {
  return text ? new Date(text) : undefined;
}

/**
 * The CT logs of a trusted_root.json, prepared. A key published as PKCS#1 (the staging RSA test
 * log, `PKCS1_RSA_PKCS1V5`) is imported as such.
 */
export function trustedRootCtlogs(...parts: string[]): PreparedLog[] {
  const root = readRealdataJson<TrustedRootJson>(...parts);
  return (root.ctlogs ?? []).map((log) => {
    const rawBytes = Buffer.from(log.publicKey.rawBytes ?? '', 'base64');
    const validFor: ValidityWindow = {};
    const start = date(log.publicKey.validFor?.start);
    const end = date(log.publicKey.validFor?.end);
    if (start) validFor.start = start;
    if (end) validFor.end = end;
    const prepared = prepareLog({
      baseUrl: log.baseUrl,
      hashAlgorithm: log.hashAlgorithm,
      publicKey: { rawBytes, keyDetails: log.publicKey.keyDetails, validFor },
      logId: { keyId: Buffer.from(log.logId.keyId, 'base64') },
    });
    if (prepared.key || log.publicKey.keyDetails !== 'PKCS1_RSA_PKCS1V5') return prepared;
    return { ...prepared, key: createPublicKey({ key: rawBytes, format: 'der', type: 'pkcs1' }) };
  });
}

/** Every CA certificate of a trusted_root.json. */
export function trustedRootCertificates(...parts: string[]): X509Certificate[] {
  const root = readRealdataJson<TrustedRootJson>(...parts);
  return (root.certificateAuthorities ?? []).flatMap((ca) =>
    ca.certChain.certificates.map((c) => X509Certificate.parse(Buffer.from(c.rawBytes, 'base64'))),
  );
}

/** A trusted_root.json's CT logs and CA certificates. */
export function trustOf(...parts: string[]): { ctlogs: PreparedLog[]; cas: X509Certificate[] } {
  return { ctlogs: trustedRootCtlogs(...parts), cas: trustedRootCertificates(...parts) };
}

/** The certificate among `candidates` that signed `leaf`. */
export function issuerOf(leaf: X509Certificate, candidates: readonly X509Certificate[]): X509Certificate {
  const issuer = candidates.find(
    (c) => Buffer.compare(c.subjectDer, leaf.issuerDer) === 0 && leaf.verifySignedBy(c.publicKey),
  );
  if (!issuer) throw new Error('issuer not found among the candidates');
  return issuer;
}

/** A CT log from a PEM public key, trusted from `start` on. */
export function ctlogFromPem(pem: string, baseUrl: string, start: Date): PreparedLog {
  const spki = decodePemBlocks(pem)[0]!.der;
  return prepareLog({
    baseUrl,
    hashAlgorithm: 'SHA2_256',
    publicKey: { rawBytes: spki, keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } },
    logId: { keyId: sha256(spki) },
  });
}

export const PRODUCTION_ROOT = ['trust/production/trusted_root.json'] as const;
export const STAGING_ROOT = ['trust/staging/trusted_root.json'] as const;
export { conformanceDir };
