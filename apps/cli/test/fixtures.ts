import { realdataPath } from '@keyless/testkit';

/** Real public-good bundles over one artifact, signed by a Google service account. */
export const keyAlgorithms = {
  artifact: realdataPath('bundles/key-algorithms/artifact.txt'),
  bundle: (algorithm = 'PKIX_ECDSA_P256_SHA_256') =>
    realdataPath(`bundles/key-algorithms/${algorithm}.sigstore.json`),
  identity: 'untrusted-sa@sigstore-conformance.iam.gserviceaccount.com',
  issuer: 'https://accounts.google.com',
};

/** The CPython 3.12.5 release bundle: the tarball is not stored, its SHA-256 is in the bundle. */
export const python = {
  bundle: realdataPath('bundles/google/Python-3.12.5.tgz.sigstore'),
  digest: `sha256:${Buffer.from('ONxOLCYdScZhGWBm7b+3D9sWvkp5zIIgwiTf61Y21AU=', 'base64').toString('hex')}`,
  identity: 'thomas@python.org',
  issuer: 'https://accounts.google.com',
};

/** The sigstore@2.0.0 npm provenance: a DSSE in-toto bundle from a GitHub Actions workflow. */
export const provenance = {
  bundle: realdataPath('bundles/github-actions/sigstore.js@2.0.0-provenance.sigstore.json'),
  identity: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main',
  issuer: 'https://token.actions.githubusercontent.com',
};

/** The identity flags of the key-algorithms bundles. */
export const keyAlgorithmsPolicy = [
  '--certificate-identity',
  keyAlgorithms.identity,
  '--certificate-oidc-issuer',
  keyAlgorithms.issuer,
];

export const conformanceCase = (name: string, file: string) =>
  realdataPath('conformance/test/assets/bundle-verify', name, file);
