import { decodePemBlocks, type PreparedLog, X509Certificate } from '@keyless/core';
import { readRealdata, readRealdataJson } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { fulcioErrorOf } from '../../test/catch.js';
import {
  bundleLeaf,
  conformanceLeaf,
  ctlogFromPem,
  issuerOf,
  PRODUCTION_ROOT,
  pemCertificates,
  pemLeaf,
  trustedRootCtlogs,
  trustOf,
} from '../../test/realdata.js';
import { checkEmbeddedScts, requireEmbeddedScts, verifyEmbeddedScts } from './verify.js';

const CONFORMANCE = 'conformance/test/assets/bundle-verify';
const production = trustOf(...PRODUCTION_ROOT);
const staging = trustOf('trust/staging/trusted_root.json');

interface Case {
  leaf: () => X509Certificate;
  trust: { ctlogs: PreparedLog[]; cas: X509Certificate[] };
  log: string;
  time: string;
}

const CASES: Record<string, Case> = {
  'GitHub Actions 2026 (production)': {
    leaf: () => pemLeaf('fulcio/github-actions/salrashid123-go-bazel-release-2026-02-27.leaf.pem'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2026-02-27T18:20:46.042Z',
  },
  'GitHub Actions 2023, legacy extensions only': {
    leaf: () => pemLeaf('fulcio/github-actions/sigstore-java-cert-githuboidc.leaf.pem'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2023-02-06T19:49:27.124Z',
  },
  'GitHub Actions sigstore-js release': {
    leaf: () => pemLeaf('fulcio/github-actions/sigstore-js-release-workflow-2023-08-18.leaf.pem'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2023-08-18T16:05:35.120Z',
  },
  'GitHub Actions rfc8785.py release': {
    leaf: () => pemLeaf('fulcio/github-actions/trailofbits-rfc8785py-release-2024-03-19.leaf.pem'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2024-03-19T22:41:15.966Z',
  },
  'GitHub Actions pull request (staging)': {
    leaf: () => pemLeaf('fulcio/github-actions/staging-sigstore-python-ci-pull-request-2022-11-03.leaf.pem'),
    trust: staging,
    log: 'https://ctfe.sigstage.dev/2022-2',
    time: '2022-11-03T07:45:35.904Z',
  },
  'GitHub OAuth (staging, RSA CT log key)': {
    leaf: () => pemLeaf('fulcio/github-oauth/staging-william-yossarian-2022-07-28.leaf.pem'),
    trust: staging,
    log: 'https://ctfe.sigstage.dev/test',
    time: '2022-07-28T17:04:21.805Z',
  },
  'Google account (CPython release)': {
    leaf: () => pemLeaf('fulcio/google/cpython-release-thomas-python-org-2024-08-06.leaf.pem'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2024-08-06T20:32:47.121Z',
  },
  'Google account 2022 (ctfe test log)': {
    leaf: () => pemLeaf('fulcio/google/fulcio-v1-response-with-sct-appu-2022-06-01.chain.pem'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/test',
    time: '2022-06-01T21:16:31.538Z',
  },
  'Google service account 2026': {
    leaf: () =>
      pemLeaf('fulcio/google/service-account-untrusted-sa-sigstore-conformance-2026-05-07.leaf.pem'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2026-05-07T15:18:10.922Z',
  },
  'bundle: CPython 3.12.5': {
    leaf: () => bundleLeaf('bundles/google/Python-3.12.5.tgz.sigstore'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2024-08-06T20:32:47.121Z',
  },
  'bundle: sigstore.js provenance': {
    leaf: () => bundleLeaf('bundles/github-actions/sigstore.js@2.0.0-provenance.sigstore.json'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2023-08-18T16:05:35.120Z',
  },
  'conformance happy-path-v0.1': {
    leaf: () => conformanceLeaf('happy-path-v0.1'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2023-07-12T15:56:35.979Z',
  },
  'conformance happy-path-v0.2': {
    leaf: () => conformanceLeaf('happy-path-v0.2'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2023-07-12T15:56:35.979Z',
  },
  'conformance happy-path-v0.3': {
    leaf: () => conformanceLeaf('happy-path-v0.3'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2024-03-19T17:26:26.470Z',
  },
  'conformance happy-path-v0.3-new-mediaType': {
    leaf: () => conformanceLeaf('happy-path-v0.3-new-mediaType'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2024-03-19T17:26:26.470Z',
  },
  'conformance happy-path-intoto-in-dsse-v3': {
    leaf: () => conformanceLeaf('happy-path-intoto-in-dsse-v3'),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time: '2024-12-16T18:42:56.255Z',
  },
  'conformance bundle-with-sct-with-extensions (static CT log)': {
    leaf: () => conformanceLeaf('bundle-with-sct-with-extensions'),
    trust: trustOf(CONFORMANCE, 'bundle-with-sct-with-extensions/trusted_root.json'),
    log: 'http://tesseract',
    time: '2026-01-15T22:49:24.925Z',
  },
};

const KEY_ALGORITHM_TIMES: Record<string, string> = {
  PKIX_ECDSA_P256_SHA_256: '2026-05-26T14:22:01.236Z',
  PKIX_ECDSA_P384_SHA_384: '2026-05-26T14:22:02.848Z',
  PKIX_ECDSA_P521_SHA_512: '2026-05-26T14:22:04.303Z',
  PKIX_RSA_PKCS1V15_2048_SHA256: '2026-05-26T14:21:54.817Z',
  PKIX_RSA_PKCS1V15_3072_SHA256: '2026-05-26T14:21:56.987Z',
  PKIX_RSA_PKCS1V15_4096_SHA256: '2026-05-26T14:21:59.642Z',
};
for (const [name, time] of Object.entries(KEY_ALGORITHM_TIMES)) {
  CASES[`bundle: ${name} leaf key`] = {
    leaf: () => bundleLeaf('bundles/key-algorithms', `${name}.sigstore.json`),
    trust: production,
    log: 'https://ctfe.sigstore.dev/2022',
    time,
  };
}

describe('verifyEmbeddedScts on real certificates', () => {
  it.each(Object.entries(CASES))('verifies the SCT of %s', (_, c) => {
    const leaf = c.leaf();
    const verified = verifyEmbeddedScts(leaf, issuerOf(leaf, c.trust.cas), c.trust.ctlogs);
    expect(verified.map((v) => [v.log.baseUrl, v.timestamp.toISOString()])).toEqual([[c.log, c.time]]);
    expect(verified[0]!.logId).toEqual(verified[0]!.log.logId);
  });

  it('verifies the 2022 SCT with the ctfe test log key alone', () => {
    const [leaf, intermediate] = pemCertificates(
      'fulcio/google/fulcio-v1-response-with-sct-appu-2022-06-01.chain.pem',
    );
    const pem = readRealdata('fulcio/chains/production-ctfe-test-log.pub').toString('utf8');
    const log = ctlogFromPem(pem, 'https://ctfe.sigstore.dev/test', new Date('2021-03-14T00:00:00Z'));
    expect(verifyEmbeddedScts(leaf!, intermediate!, [log]).map((v) => v.log)).toEqual([log]);
  });

  it('verifies the SCT of a certificate from a Fulcio v2 signingCert response', () => {
    const response = readRealdataJson<{
      signedCertificateEmbeddedSct: { chain: { certificates: string[] } };
    }>('fulcio/signingcert-responses/fulcio-v2-signingCert-response-github-oauth-2025-11-20.json');
    const [leaf, intermediate] = response.signedCertificateEmbeddedSct.chain.certificates.map((pem) =>
      X509Certificate.parse(decodePemBlocks(pem)[0]!.der),
    );
    const [verified] = requireEmbeddedScts(leaf!, intermediate!, production.ctlogs);
    expect(verified!.log.baseUrl).toBe('https://ctfe.sigstore.dev/2022');
  });

  it('does not count the SCT when the trusted root has the wrong CT key (invalid-ct-key_fail)', () => {
    const leaf = conformanceLeaf('invalid-ct-key_fail');
    const ctlogs = trustedRootCtlogs(CONFORMANCE, 'invalid-ct-key_fail/trusted_root.json');
    const issuer = issuerOf(leaf, production.cas);
    expect(verifyEmbeddedScts(leaf, issuer, ctlogs)).toEqual([]);
    const [check] = checkEmbeddedScts(leaf, issuer, ctlogs);
    expect(check).toMatchObject({ verified: false, code: 'ERR_SCT_UNKNOWN_LOG' });
    expect(fulcioErrorOf(() => requireEmbeddedScts(leaf, issuer, ctlogs)).code).toBe('ERR_SCT_UNKNOWN_LOG');
  });

  it('has nothing to verify for a certificate without SCTs, and requireEmbeddedScts says so', () => {
    const [leaf, root] = pemCertificates(
      'fulcio/google/fulcio-v1-response-root-issued-appu-2022-04-15.chain.pem',
    );
    expect(checkEmbeddedScts(leaf!, root!, production.ctlogs)).toEqual([]);
    expect(fulcioErrorOf(() => requireEmbeddedScts(leaf!, root!, production.ctlogs)).code).toBe(
      'ERR_SCT_MISSING',
    );
  });
});
