import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createVerifier } from '../src/index.js';
import { productionTrustedRoot, realBundle, realFile } from './helpers.js';

const GOOGLE = 'https://accounts.google.com';
const SA = 'untrusted-sa@sigstore-conformance.iam.gserviceaccount.com';

describe('real public-good bundles verify against the production trusted root', () => {
  const verifier = createVerifier({ trustedRoot: productionTrustedRoot() as never });
  const artifact = realFile('bundles/key-algorithms/artifact.txt');

  for (const name of [
    'PKIX_ECDSA_P256_SHA_256',
    'PKIX_ECDSA_P384_SHA_384',
    'PKIX_ECDSA_P521_SHA_512',
    'PKIX_RSA_PKCS1V15_2048_SHA256',
    'PKIX_RSA_PKCS1V15_3072_SHA256',
    'PKIX_RSA_PKCS1V15_4096_SHA256',
  ]) {
    it(`verifies the ${name} certificate-key bundle`, async () => {
      const bundle = realBundle(`key-algorithms/${name}.sigstore.json`);
      const result = await (await verifier).verify(bundle, { artifact }, { identity: SA, issuer: GOOGLE });
      expect(result.signer.identity).toBe(SA);
      expect(result.signer.issuer).toBe(GOOGLE);
      expect(result.timestamps.length).toBeGreaterThan(0);
      expect(result.checks.map((c) => c.name)).toEqual(
        expect.arrayContaining([
          'signature',
          'tlog-entry',
          'tlog-body',
          'certificate-chain',
          'sct',
          'identity',
          'issuer',
        ]),
      );
      const leaf = new X509Certificate(Buffer.from(result.signer.certificate!));
      expect(leaf.subjectAltName).toContain(SA);
    });
  }

  it('verifies the Python 3.12.5 release bundle by digest (prehashed ECDSA)', async () => {
    const bundle = realBundle('google/Python-3.12.5.tgz.sigstore');
    const digest = Buffer.from(bundle.messageSignature.messageDigest.digest, 'base64').toString('hex');
    const result = await (await verifier).verify(
      bundle,
      { digest: `sha256:${digest}` },
      { identity: 'thomas@python.org', issuer: GOOGLE },
    );
    expect(result.bundleVersion).toBe('0.1');
    expect(result.signer.identity).toBe('thomas@python.org');
  });

  it('verifies the rfc8785 wheel bundle from GitHub Actions by digest, with extensions', async () => {
    const bundle = realBundle('github-actions/rfc8785-0.1.2-py3-none-any.whl.sigstore');
    const digest = Buffer.from(bundle.messageSignature.messageDigest.digest, 'base64').toString('hex');
    const result = await (await verifier).verify(
      bundle,
      { digest: `sha256:${digest}` },
      {
        identity:
          /^https:\/\/github\.com\/trailofbits\/rfc8785\.py\/\.github\/workflows\/release\.yml@refs\/tags\/v/,
        issuer: 'https://token.actions.githubusercontent.com',
        extensions: { sourceRepositoryURI: 'https://github.com/trailofbits/rfc8785.py' },
      },
    );
    expect(result.signer.identity).toBe(
      'https://github.com/trailofbits/rfc8785.py/.github/workflows/release.yml@refs/tags/v0.1.2',
    );
    expect(result.checks.some((c) => c.name === 'extensions')).toBe(true);
  });

  it('verifies the sigstore.js 2.0.0 npm provenance (DSSE, intoto 0.0.2) by its sha512 subject', async () => {
    const bundle = realBundle('github-actions/sigstore.js@2.0.0-provenance.sigstore.json');
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    const sha512 = statement.subject[0].digest.sha512 as string;
    const result = await (await verifier).verify(
      bundle,
      { digest: `sha512:${sha512}` },
      {
        identity: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main',
        issuer: 'https://token.actions.githubusercontent.com',
      },
    );
    expect(result.content.type).toBe('dsse');
    expect(result.checks.find((c) => c.name === 'artifact')?.detail).toContain('pkg:npm/sigstore@2.0.0');
  });
});
