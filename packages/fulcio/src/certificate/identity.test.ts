import { describe, expect, it } from 'vitest';
import { fulcioErrorOf } from '../../test/catch.js';
import { oid, seq, tlv, utf8String } from '../../test/der.js';
import { bundleLeaf, conformanceLeaf, pemLeaf } from '../../test/realdata.js';
import { createCa, issueLeaf, x509 } from '../../test/synthetic.js';
import { FULCIO_USERNAME_OTHERNAME_OID } from './extensions.js';
import { certificateIdentity } from './identity.js';

const ARC = '1.3.6.1.4.1.57264.1';
const SAN_OID = '2.5.29.17';
const GITHUB_ACTIONS = 'https://token.actions.githubusercontent.com';
const GOOGLE = 'https://accounts.google.com';
const SERVICE_ACCOUNT = 'untrusted-sa@sigstore-conformance.iam.gserviceaccount.com';

/** A SubjectAltName extension holding one OtherName of `typeId` wrapping `value`. */
function otherNameSan(typeId: string, value: Uint8Array): x509.Extension {
  return new x509.Extension(SAN_OID, true, seq(tlv(0xa0, oid(typeId), tlv(0xa0, value))));
}

async function leafWith(...extensions: x509.Extension[]) {
  const { leaf } = await issueLeaf(await createCa(), { extensions });
  return leaf;
}

describe('certificateIdentity on real certificates', () => {
  it('reads a GitHub Actions workflow identity (URI SAN, issuer and source repository)', () => {
    const id = certificateIdentity(
      pemLeaf('fulcio/github-actions/sigstore-js-release-workflow-2023-08-18.leaf.pem'),
    );
    expect(id.subjectAlternativeName).toBe(
      'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main',
    );
    expect(id.sanType).toBe('uri');
    expect(id.issuer).toBe(GITHUB_ACTIONS);
    expect(id.extensions).toMatchObject({
      sourceRepositoryURI: 'https://github.com/sigstore/sigstore-js',
      sourceRepositoryDigest: 'f0b49a04e5a62250e0f60fb128004a73110fe311',
      sourceRepositoryRef: 'refs/heads/main',
      sourceRepositoryIdentifier: '495574555',
      sourceRepositoryOwnerURI: 'https://github.com/sigstore',
      sourceRepositoryOwnerIdentifier: '71096353',
      buildTrigger: 'push',
      runnerEnvironment: 'github-hosted',
      runInvocationURI: 'https://github.com/sigstore/sigstore-js/actions/runs/5904696764/attempts/1',
      sourceRepositoryVisibilityAtSigning: 'public',
    });
  });

  it('reads a release workflow identity from a bundle', () => {
    const id = certificateIdentity(
      bundleLeaf('bundles/github-actions/rfc8785-0.1.2-py3-none-any.whl.sigstore'),
    );
    expect(id.subjectAlternativeName).toBe(
      'https://github.com/trailofbits/rfc8785.py/.github/workflows/release.yml@refs/tags/v0.1.2',
    );
    expect(id.issuer).toBe(GITHUB_ACTIONS);
    expect(id.extensions.sourceRepositoryURI).toBe('https://github.com/trailofbits/rfc8785.py');
    expect(id.extensions.buildTrigger).toBe('release');
  });

  it('falls back to the deprecated issuer .1 when .8 is absent', () => {
    const id = certificateIdentity(pemLeaf('fulcio/github-actions/sigstore-java-cert-githuboidc.leaf.pem'));
    expect(id.subjectAlternativeName).toBe(
      'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v1.4.0',
    );
    expect(id.issuer).toBe(GITHUB_ACTIONS);
    expect(id.extensions.issuerV2).toBeUndefined();
  });

  it('reads a staging pull-request workflow identity', () => {
    const id = certificateIdentity(
      pemLeaf('fulcio/github-actions/staging-sigstore-python-ci-pull-request-2022-11-03.leaf.pem'),
    );
    expect(id.subjectAlternativeName).toBe(
      'https://github.com/sigstore/sigstore-python/.github/workflows/ci.yml@refs/pull/288/merge',
    );
    expect(id.extensions.githubWorkflowTrigger).toBe('pull_request');
  });

  it('reads a Google account identity (email SAN, issuer .8)', () => {
    const id = certificateIdentity(
      pemLeaf('fulcio/google/cpython-release-thomas-python-org-2024-08-06.leaf.pem'),
    );
    expect(id).toEqual({
      subjectAlternativeName: 'thomas@python.org',
      sanType: 'email',
      issuer: GOOGLE,
      extensions: { issuer: GOOGLE, issuerV2: GOOGLE },
    });
  });

  it('keeps an issuer that is not a URL as written', () => {
    const id = certificateIdentity(
      pemLeaf('fulcio/google/fulcio-v1-response-with-sct-appu-2022-06-01.chain.pem'),
    );
    expect([id.subjectAlternativeName, id.issuer]).toEqual(['appu@google.com', 'google-sigstore-production']);
  });

  it('reads a GitHub OAuth email identity', () => {
    const id = certificateIdentity(
      pemLeaf('fulcio/github-oauth/staging-william-yossarian-2022-07-28.leaf.pem'),
    );
    expect(id).toEqual({
      subjectAlternativeName: 'william@yossarian.net',
      sanType: 'email',
      issuer: 'https://github.com/login/oauth',
      extensions: { issuer: 'https://github.com/login/oauth' },
    });
  });

  it('has no issuer for a pre-GA certificate without Fulcio extensions', () => {
    const id = certificateIdentity(pemLeaf('fulcio/legacy-v0-root/dlorenc-2021-04-01.leaf.pem'));
    expect(id).toEqual({ subjectAlternativeName: 'dlorenc@google.com', sanType: 'email', extensions: {} });
  });

  it.each([
    'PKIX_ECDSA_P256_SHA_256',
    'PKIX_ECDSA_P384_SHA_384',
    'PKIX_ECDSA_P521_SHA_512',
    'PKIX_RSA_PKCS1V15_2048_SHA256',
    'PKIX_RSA_PKCS1V15_3072_SHA256',
    'PKIX_RSA_PKCS1V15_4096_SHA256',
  ])('reads the service-account identity of the %s bundle leaf', (name) => {
    const id = certificateIdentity(bundleLeaf('bundles/key-algorithms', `${name}.sigstore.json`));
    expect([id.subjectAlternativeName, id.sanType, id.issuer]).toEqual([SERVICE_ACCOUNT, 'email', GOOGLE]);
  });

  it.each([
    ['happy-path-v0.1', 'af785b6d3b0fa0c0aa1305faee7ce6036e8d90c4'],
    ['happy-path-v0.2', 'af785b6d3b0fa0c0aa1305faee7ce6036e8d90c4'],
    ['happy-path-v0.3', 'c7b3dfb335f051e1c86bda4c716fac97df62ad81'],
    ['happy-path-v0.3-new-mediaType', 'c7b3dfb335f051e1c86bda4c716fac97df62ad81'],
    ['happy-path-intoto-in-dsse-v3', '82a3bfe6dd50fe9c71d6315eae66da15307856cf'],
    ['bundle-with-sct-with-extensions', '1e3cabecd3790f48b79a795424e12fa3cb880dcb'],
  ])('reads the conformance beacon identity of %s', (name, sha) => {
    const id = certificateIdentity(conformanceLeaf(name));
    expect(id.subjectAlternativeName).toBe(
      'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main',
    );
    expect(id.issuer).toBe(GITHUB_ACTIONS);
    expect(id.extensions.sourceRepositoryURI).toBe(
      'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon',
    );
    expect(id.extensions.sourceRepositoryDigest).toBe(sha);
    expect(id.extensions.buildTrigger).toBe('workflow_dispatch');
  });
});

describe('certificateIdentity on synthetic certificates', () => {
  it('reads a Fulcio username OtherName SAN', async () => {
    const leaf = await leafWith(otherNameSan(FULCIO_USERNAME_OTHERNAME_OID, utf8String('alice!example.com')));
    expect(certificateIdentity(leaf)).toMatchObject({
      subjectAlternativeName: 'alice!example.com',
      sanType: 'otherName',
    });
  });

  it('rejects a username OtherName whose value is not a UTF8String', async () => {
    const value = tlv(0x16, Buffer.from('alice'));
    const leaf = await leafWith(otherNameSan(FULCIO_USERNAME_OTHERNAME_OID, value));
    expect(fulcioErrorOf(() => certificateIdentity(leaf)).code).toBe('ERR_CERTIFICATE_IDENTITY_INVALID');
  });

  it('ignores an OtherName of another type', async () => {
    const leaf = await leafWith(otherNameSan('1.3.6.1.4.1.311.20.2.3', utf8String('alice@corp')));
    expect(fulcioErrorOf(() => certificateIdentity(leaf)).code).toBe('ERR_CERTIFICATE_IDENTITY_MISSING');
  });

  it('reads a DNS SAN', async () => {
    const leaf = await leafWith(
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'ci.example' }]),
    );
    expect(certificateIdentity(leaf)).toMatchObject({ subjectAlternativeName: 'ci.example', sanType: 'dns' });
  });

  it('takes the first identity SAN, skipping ones that cannot name a signer', async () => {
    const leaf = await leafWith(
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '192.0.2.1' },
        { type: 'url', value: 'spiffe://example.org/ns/ci' },
        { type: 'email', value: 'later@example.org' },
      ]),
    );
    expect(certificateIdentity(leaf)).toMatchObject({
      subjectAlternativeName: 'spiffe://example.org/ns/ci',
      sanType: 'uri',
    });
  });

  it('fails with ERR_CERTIFICATE_IDENTITY_MISSING without a SubjectAltName', async () => {
    const leaf = await leafWith(new x509.Extension(`${ARC}.8`, false, utf8String('https://issuer.example')));
    const err = fulcioErrorOf(() => certificateIdentity(leaf));
    expect(err.code).toBe('ERR_CERTIFICATE_IDENTITY_MISSING');
  });

  it('fails with ERR_CERTIFICATE_IDENTITY_INVALID for an undecodable SubjectAltName', async () => {
    const leaf = await leafWith(new x509.Extension(SAN_OID, true, Uint8Array.of(0x30, 0x05, 0x81, 0x01)));
    expect(fulcioErrorOf(() => certificateIdentity(leaf)).code).toBe('ERR_CERTIFICATE_IDENTITY_INVALID');
  });

  it('prefers the issuer in .8 over the deprecated .1', async () => {
    const leaf = await leafWith(
      new x509.SubjectAlternativeNameExtension([{ type: 'email', value: 'a@example.org' }]),
      new x509.Extension(`${ARC}.1`, false, Buffer.from('https://old.example')),
      new x509.Extension(`${ARC}.8`, false, utf8String('https://new.example')),
    );
    expect(certificateIdentity(leaf).issuer).toBe('https://new.example');
  });

  it('fails with ERR_CERTIFICATE_EXTENSION_INVALID when the issuer extension is malformed', async () => {
    const leaf = await leafWith(
      new x509.SubjectAlternativeNameExtension([{ type: 'email', value: 'a@example.org' }]),
      new x509.Extension(`${ARC}.8`, false, Buffer.from('https://raw.example')),
    );
    expect(fulcioErrorOf(() => certificateIdentity(leaf)).code).toBe('ERR_CERTIFICATE_EXTENSION_INVALID');
  });
});
