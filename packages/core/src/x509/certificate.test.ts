import { X509Certificate as NodeCertificate } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readRealdata, readRealdataJson, realdataPath } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { parseDer } from '../asn1/der.js';
import { decodePemBlocks } from '../encoding/pem.js';
import { CoreError } from '../errors/keyless-error.js';
import { parseTrustedRoot } from '../trusted-root/parse.js';
import { decodeGeneralNames, X509Certificate } from './certificate.js';
import { OID } from './oids.js';

function pemCertificates(...path: string[]): Uint8Array[] {
  return decodePemBlocks(readRealdata(...path).toString('utf8'))
    .filter((block) => block.label === 'CERTIFICATE')
    .map((block) => block.der);
}

function onlyCertificate(...path: string[]): X509Certificate {
  const [der] = pemCertificates(...path);
  if (!der) throw new Error(`no certificate in ${path.join('/')}`);
  return X509Certificate.parse(der);
}

const SIGSTORE_JS_LEAF = onlyCertificate(
  'fulcio/github-actions/sigstore-js-release-workflow-2023-08-18.leaf.pem',
);
const WILLIAM_LEAF = onlyCertificate('fulcio/github-oauth/staging-william-yossarian-2022-07-28.leaf.pem');
const LEGACY_LEAF = onlyCertificate('fulcio/legacy-v0-root/dlorenc-2021-04-01.leaf.pem');
const LEGACY_ROOT = onlyCertificate('fulcio/legacy-v0-root/v0-root-2021-03-07.chain.pem');
const [INTERMEDIATE, ROOT] = pemCertificates('fulcio/chains/production-intermediate-and-root.pem').map(
  (der) => X509Certificate.parse(der),
) as [X509Certificate, X509Certificate];

const allPemFiles = readdirSync(realdataPath('fulcio'), { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.pem'))
  .map((name) => join(realdataPath('fulcio'), name))
  .sort();

function certError(der: Uint8Array): CoreError {
  try {
    X509Certificate.parse(der);
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('the certificate parsed');
}

describe('X509Certificate.parse against Node’s parser', () => {
  for (const file of allPemFiles) {
    it(`agrees with node:crypto on ${relative(realdataPath(), file)}`, () => {
      const ders = pemCertificates(relative(realdataPath(), file));
      expect(ders.length).toBeGreaterThan(0);
      for (const der of ders) {
        const ours = X509Certificate.parse(der);
        const node = new NodeCertificate(der);
        expect(ours.serialNumber).toBe(BigInt(`0x${node.serialNumber}`));
        expect(ours.notBefore.getTime()).toBe(new Date(node.validFrom).getTime());
        expect(ours.notAfter.getTime()).toBe(new Date(node.validTo).getTime());
        expect(Buffer.from(ours.subjectPublicKeyInfo)).toEqual(
          node.publicKey.export({ type: 'spki', format: 'der' }),
        );
        expect(ours.version).toBe(3);
        expect(Buffer.from(ours.der)).toEqual(node.raw);
      }
    });
  }
});

describe('X509Certificate: names and extensions of real Fulcio certificates', () => {
  it('reads a GitHub Actions workflow identity as a URI SAN', () => {
    expect(SIGSTORE_JS_LEAF.subjectAltNames).toEqual([
      {
        type: 'uri',
        value: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main',
      },
    ]);
    expect(SIGSTORE_JS_LEAF.extension(OID.subjectAltName)?.critical).toBe(true);
  });

  it('reads an email SAN', () => {
    expect(WILLIAM_LEAF.subjectAltNames).toEqual([{ type: 'email', value: 'william@yossarian.net' }]);
  });

  it('reads key usage, extended key usage and the absence of basic constraints on a leaf', () => {
    expect(SIGSTORE_JS_LEAF.keyUsage).toEqual({ digitalSignature: true, keyCertSign: false, crlSign: false });
    expect(SIGSTORE_JS_LEAF.extKeyUsage).toEqual([OID.codeSigning]);
    expect(SIGSTORE_JS_LEAF.basicConstraints).toBeUndefined();
    expect(LEGACY_LEAF.basicConstraints).toEqual({ ca: false });
  });

  it('reads basic constraints and key usage of a CA', () => {
    expect(INTERMEDIATE.basicConstraints).toEqual({ ca: true, pathLength: 0 });
    expect(INTERMEDIATE.keyUsage).toEqual({ digitalSignature: false, keyCertSign: true, crlSign: true });
    expect(ROOT.basicConstraints?.ca).toBe(true);
  });

  it('reads the subject and issuer names', () => {
    expect(INTERMEDIATE.subject).toMatchObject({
      organization: 'sigstore.dev',
      commonName: 'sigstore-intermediate',
    });
    expect(INTERMEDIATE.issuer).toMatchObject({ organization: 'sigstore.dev', commonName: 'sigstore' });
    expect(SIGSTORE_JS_LEAF.subject.all).toEqual([]);
    expect(LEGACY_LEAF.subject.commonName).toBe('dlorenc@google.com');
  });

  it('links a leaf to its issuer by key identifiers', () => {
    expect(Buffer.from(SIGSTORE_JS_LEAF.subjectKeyIdentifier ?? []).toString('hex')).toBe(
      '20701e41b419cfdbc1b82afe2e46ab6539f7f029',
    );
    expect(SIGSTORE_JS_LEAF.authorityKeyIdentifier).toEqual(INTERMEDIATE.subjectKeyIdentifier);
  });

  it('keeps every extension with its OID, criticality and contents', () => {
    const issuer = SIGSTORE_JS_LEAF.extension('1.3.6.1.4.1.57264.1.8');
    expect(issuer?.critical).toBe(false);
    const value = parseDer(issuer?.value ?? new Uint8Array(0));
    expect(Buffer.from(value.value).toString('utf8')).toBe('https://token.actions.githubusercontent.com');
    expect(SIGSTORE_JS_LEAF.extension(OID.ctPrecertificateScts)).toBeDefined();
    expect(SIGSTORE_JS_LEAF.extension('1.2.3.4')).toBeUndefined();
    for (const ext of SIGSTORE_JS_LEAF.extensions) expect(parseDer(ext.raw).value.length).toBeGreaterThan(0);
  });

  it('reads the signature algorithm', () => {
    expect(SIGSTORE_JS_LEAF.signatureAlgorithm).toBe(OID.ecdsaWithSHA384);
  });

  it('says whether a time falls inside the validity period, both ends included', () => {
    const { notBefore, notAfter } = SIGSTORE_JS_LEAF;
    expect(SIGSTORE_JS_LEAF.validAt(notBefore)).toBe(true);
    expect(SIGSTORE_JS_LEAF.validAt(notAfter)).toBe(true);
    expect(SIGSTORE_JS_LEAF.validAt(new Date(notBefore.getTime() - 1))).toBe(false);
    expect(SIGSTORE_JS_LEAF.validAt(new Date(notAfter.getTime() + 1))).toBe(false);
  });
});

describe('X509Certificate: signatures', () => {
  it('verifies a Fulcio leaf with the real intermediate, and not with the root', () => {
    expect(SIGSTORE_JS_LEAF.verifySignedBy(INTERMEDIATE.publicKey)).toBe(true);
    expect(SIGSTORE_JS_LEAF.verifySignedBy(ROOT.publicKey)).toBe(false);
    expect(INTERMEDIATE.verifySignedBy(ROOT.publicKey)).toBe(true);
  });

  it('verifies a leaf of the retired v0 root', () => {
    expect(LEGACY_LEAF.verifySignedBy(LEGACY_ROOT.publicKey)).toBe(true);
    expect(LEGACY_ROOT.isSelfSigned).toBe(true);
  });

  it('knows a self-signed root from an issued certificate', () => {
    expect(ROOT.isSelfSigned).toBe(true);
    expect(INTERMEDIATE.isSelfSigned).toBe(false);
    expect(SIGSTORE_JS_LEAF.isSelfSigned).toBe(false);
  });

  it('refuses a certificate whose signed part was tampered with', () => {
    const der = Uint8Array.from(SIGSTORE_JS_LEAF.der);
    // Flip a bit in the last byte of the TBSCertificate (inside the SCT extension's contents), so
    // the DER still parses but the signed bytes differ.
    const tbsEnd =
      SIGSTORE_JS_LEAF.tbs.byteOffset - SIGSTORE_JS_LEAF.der.byteOffset + SIGSTORE_JS_LEAF.tbs.length;
    der[tbsEnd - 1]! ^= 0x01;
    const tampered = X509Certificate.parse(der);
    expect(tampered.verifySignedBy(INTERMEDIATE.publicKey)).toBe(false);
  });

  it('refuses a tampered signature', () => {
    const der = Uint8Array.from(INTERMEDIATE.der);
    der[der.length - 3]! ^= 0x01;
    expect(X509Certificate.parse(der).verifySignedBy(ROOT.publicKey)).toBe(false);
  });

  it('verifies every CA and TSA chain of the public-good trusted roots link by link', () => {
    for (const path of ['trust/production/trusted_root.json', 'trust/staging/trusted_root.json']) {
      const root = parseTrustedRoot(readRealdataJson(path));
      for (const authority of [...root.certificateAuthorities, ...root.timestampAuthorities]) {
        const chain = authority.certChain.map((der) => X509Certificate.parse(der));
        chain.forEach((cert, i) => {
          const issuer = chain[i + 1] ?? cert;
          expect(cert.verifySignedBy(issuer.publicKey), `${path} ${authority.uri} [${i}]`).toBe(true);
        });
        expect(chain[chain.length - 1]?.isSelfSigned).toBe(true);
      }
    }
  });

  it('verifies every certificate in the Fulcio response chains with the next one', () => {
    for (const file of [
      'fulcio/google/fulcio-v1-response-root-issued-appu-2022-04-15.chain.pem',
      'fulcio/google/fulcio-v1-response-with-sct-appu-2022-06-01.chain.pem',
    ]) {
      const chain = pemCertificates(file).map((der) => X509Certificate.parse(der));
      for (let i = 0; i + 1 < chain.length; i++)
        expect(chain[i]?.verifySignedBy(chain[i + 1]!.publicKey)).toBe(true);
    }
  });
});

describe('X509Certificate.parse errors', () => {
  it('refuses truncated DER', () => {
    const error = certError(SIGSTORE_JS_LEAF.der.subarray(0, 200));
    expect(error.code).toBe('ERR_CERTIFICATE_PARSE');
    expect(error.message).toMatch(/^invalid X\.509 certificate: malformed DER/);
  });

  it('refuses trailing bytes and things that are not certificates', () => {
    expect(certError(Uint8Array.from([...INTERMEDIATE.der, 0])).code).toBe('ERR_CERTIFICATE_PARSE');
    expect(certError(Uint8Array.from([0x02, 0x01, 0x01])).code).toBe('ERR_CERTIFICATE_PARSE');
    expect(certError(new Uint8Array(0)).code).toBe('ERR_CERTIFICATE_PARSE');
  });
});

describe('decodeGeneralNames', () => {
  const der = (hex: string) => parseDer(Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex')));

  it('decodes email, DNS, URI and IP names', () => {
    const names = der(`30 1a 81 05 61 40 62 2e 63 82 05 62 2e 63 6f 6d 86 04 68 3a 2f 2f 87 04 7f 00 00 01`);
    expect(decodeGeneralNames(names)).toEqual([
      { type: 'email', value: 'a@b.c' },
      { type: 'dns', value: 'b.com' },
      { type: 'uri', value: 'h://' },
      { type: 'ip', value: Uint8Array.from([127, 0, 0, 1]) },
    ]);
  });

  it('decodes an otherName with its OID and UTF8String value', () => {
    // otherName { 1.3.6.1.4.1.57264.1.7, [0] UTF8String "octocat!github.com" }
    const value = Buffer.from('octocat!github.com');
    const oid = '060a2b0601040183bf300107';
    const explicit = `a0 ${(value.length + 2).toString(16)} 0c ${value.length.toString(16)} ${value.toString('hex')}`;
    const otherName = `${oid}${explicit.replace(/\s+/g, '')}`;
    const names = der(
      `30 ${(otherName.length / 2 + 2).toString(16)} a0 ${(otherName.length / 2).toString(16)} ${otherName}`,
    );
    expect(decodeGeneralNames(names)).toEqual([
      { type: 'otherName', oid: '1.3.6.1.4.1.57264.1.7', value: 'octocat!github.com' },
    ]);
  });

  it('keeps other kinds of name raw', () => {
    const names = der('30 04 88 02 2a 03');
    expect(decodeGeneralNames(names)).toEqual([
      { type: 'other', tag: 0x88, raw: Uint8Array.from([0x88, 2, 0x2a, 3]) },
    ]);
  });
});
