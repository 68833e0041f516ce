import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COSIGN_SIMPLESIGNING,
  OCI_IMAGE_CONFIG,
  OCI_MANIFEST,
  openLayout,
  signatureImageConfig,
  signatureTag,
} from '@keyless/oci';
import { readRealdata, realdataPath, scratchDir } from '@keyless/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keylessProgram } from '../src/program/keyless.js';
import { runCli } from './run-cli.js';
import { EMAIL, type SigningStack, startSigningStack } from './signing-stack.js';

const encoder = new TextEncoder();
let s: SigningStack;
beforeAll(async () => {
  s = await startSigningStack();
}, 60_000);
afterAll(() => s.close());

const keyless = (argv: string[], env: Record<string, string> = {}) =>
  runCli(keylessProgram, argv, { env, cwd: s.scratch });

/** A fresh OCI layout holding one small image tagged `v1`. */
async function layoutWithImage(): Promise<string> {
  const dir = scratchDir('keyless-cli-image-');
  const layout = await openLayout(dir, { create: true });
  const config = await layout.putBlob(
    encoder.encode(`{"os":"linux","architecture":"amd64","n":"${Math.random()}"}`),
    OCI_IMAGE_CONFIG,
  );
  const manifest = encoder.encode(
    JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [] }),
  );
  await layout.putManifest(manifest, OCI_MANIFEST, 'v1');
  return dir;
}

async function signFlags(): Promise<string[]> {
  return [
    '--signing-config',
    s.stack.signingConfigPath,
    '--trusted-root',
    s.stack.trustedRootPath,
    '--identity-token',
    await s.token(),
  ];
}

const verifyFlags = (identity = EMAIL) => [
  '--trusted-root',
  s.stack.trustedRootPath,
  '--certificate-identity',
  identity,
  '--certificate-oidc-issuer',
  s.stack.issuers.email,
];

describe('keyless sign and verify IMAGE (OCI layout, dev stack)', () => {
  it('signs a tag with a warning, and verify prints the checks and the signed claims', async () => {
    const dir = await layoutWithImage();
    const signed = await keyless(['sign', `oci:${dir}:v1`, '-a', 'env=prod', ...(await signFlags())]);
    expect(signed.code).toBe(0);
    expect(signed.stderr).toContain('is a tag; signing the digest it points to now');
    expect(signed.stdout).toContain('Format:    cosign (.sig tag)');
    const verified = await keyless(['verify', `oci:${dir}:v1`, '-a', 'env=prod', ...verifyFlags()]);
    expect(verified.code).toBe(0);
    expect(verified.stderr).toContain('The following checks were performed on each of these signatures:');
    expect(verified.stderr).toContain('  - The cosign claims were validated');
    expect(verified.stderr).toContain(
      '  - Existence of the claims in the transparency log was verified offline',
    );
    expect(verified.stderr).toContain(`  Certificate subject: ${EMAIL}`);
    const claims = JSON.parse(verified.stdout) as Array<{
      critical: { type: string };
      optional: Record<string, string>;
    }>;
    expect(claims).toHaveLength(1);
    expect(claims[0]!.critical.type).toBe('cosign container image signature');
    expect(claims[0]!.optional).toEqual({ env: 'prod' });
  });

  it('exits 1 for a wrong identity', async () => {
    const dir = await layoutWithImage();
    expect((await keyless(['sign', `oci:${dir}:v1`, ...(await signFlags())])).code).toBe(0);
    const run = await keyless(['verify', `oci:${dir}:v1`, ...verifyFlags('mallory@example.com')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ERR_NO_MATCHING_SIGNATURE');
  });

  it('exits 1 for a wrong annotation value', async () => {
    const dir = await layoutWithImage();
    expect((await keyless(['sign', `oci:${dir}:v1`, '-a', 'env=staging', ...(await signFlags())])).code).toBe(
      0,
    );
    const run = await keyless(['verify', `oci:${dir}:v1`, '-a', 'env=prod', ...verifyFlags()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('annotation "env" is signed as "staging", expected "prod"');
  });

  it('exits 6 for an image without signatures', async () => {
    expect((await keyless(['verify', `oci:${await layoutWithImage()}:v1`, ...verifyFlags()])).code).toBe(6);
  });

  it('exits 7 for an image that does not exist', async () => {
    const run = await keyless(['verify', `oci:${await layoutWithImage()}:nope`, ...verifyFlags()]);
    expect(run.code).toBe(7);
    expect(run.stderr).toContain('not found');
  });

  it('exits 2 for an invalid image reference', async () => {
    expect((await keyless(['verify', 'Not/Valid', ...verifyFlags()])).code).toBe(2);
  });

  it('signs in the bundle format, verifies it, and lists it in the tree', async () => {
    const dir = await layoutWithImage();
    const signed = await keyless(['sign', `oci:${dir}:v1`, '--format', 'bundle', ...(await signFlags())]);
    expect(signed.code).toBe(0);
    const verified = await keyless(['verify', `oci:${dir}:v1`, '--output', 'json', ...verifyFlags()]);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout).signatures[0].format).toBe('bundle');
    const tree = await keyless(['tree', `oci:${dir}:v1`]);
    expect(tree.code).toBe(0);
    expect(tree.stdout).toContain(
      'application/vnd.dev.sigstore.bundle.v0.3+json  https://sigstore.dev/cosign/sign/v1',
    );
  });

  it('attests an image and verifies the attestation of that type', async () => {
    const dir = await layoutWithImage();
    const predicate = join(s.scratch, 'predicate.json');
    writeFileSync(predicate, JSON.stringify({ reviewed: true }));
    const attested = await keyless([
      'attest',
      `oci:${dir}:v1`,
      '--predicate',
      predicate,
      '--type',
      'https://example.com/review/v1',
      ...(await signFlags()),
    ]);
    expect(attested.code).toBe(0);
    const verified = await keyless([
      'verify-attestation',
      `oci:${dir}:v1`,
      '--type',
      'https://example.com/review/v1',
      ...verifyFlags(),
    ]);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout.trim()).predicate).toEqual({ reviewed: true });
    const other = await keyless([
      'verify-attestation',
      `oci:${dir}:v1`,
      '--type',
      'slsaprovenance1',
      ...verifyFlags(),
    ]);
    expect(other.code).toBe(6);
  });

  it('stores signatures in KEYLESS_REPOSITORY and reads them from there', async () => {
    const dir = await layoutWithImage();
    const signatures = scratchDir('keyless-cli-sigs-');
    const env = { KEYLESS_REPOSITORY: `oci:${signatures}` };
    expect((await keyless(['sign', `oci:${dir}:v1`, ...(await signFlags())], env)).code).toBe(0);
    expect((await keyless(['verify', `oci:${dir}:v1`, ...verifyFlags()], env)).code).toBe(0);
    expect((await keyless(['verify', `oci:${dir}:v1`, ...verifyFlags()])).code).toBe(6);
  });
});

describe('keyless verify of a real cosign signature, offline from an OCI layout', () => {
  async function realLayout(): Promise<string> {
    const dir = scratchDir('keyless-cli-real-');
    const layout = await openLayout(dir, { create: true });
    const image = readRealdata('oci', 'connaisseur-keyless-github-oauth', 'image-manifest.json');
    const { descriptor } = await layout.putManifest(
      image,
      'application/vnd.docker.distribution.manifest.v2+json',
      'latest',
    );
    const sig = JSON.parse(
      readRealdata('oci', 'connaisseur-keyless-github-oauth', 'sig-manifest.json').toString('utf8'),
    );
    await layout.putBlob(
      readRealdata('oci', 'connaisseur-keyless-github-oauth', 'payload.json'),
      COSIGN_SIMPLESIGNING,
    );
    await layout.putBlob(signatureImageConfig(sig.layers), OCI_IMAGE_CONFIG);
    await layout.putManifest(
      encoder.encode(JSON.stringify(sig)),
      OCI_MANIFEST,
      signatureTag(descriptor.digest),
    );
    return dir;
  }
  const real = (identity: string) => [
    '--trusted-root',
    realdataPath('trust', 'production', 'trusted_root.json'),
    '--certificate-identity',
    identity,
    '--certificate-oidc-issuer',
    'https://github.com/login/oauth',
  ];

  it('verifies for the signer', async () => {
    const run = await keyless([
      'verify',
      `oci:${await realLayout()}:latest`,
      ...real('philipp.belitz@securesystems.de'),
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)[0].critical.identity['docker-reference']).toBe(
      'index.docker.io/phbelitz/rekor-test',
    );
  });

  it('exits 1 for another identity', async () => {
    expect(
      (await keyless(['verify', `oci:${await realLayout()}:latest`, ...real('someone@example.com')])).code,
    ).toBe(1);
  });
});
