import { readRealdataJson } from '@keyless/testkit';
import { createVerifier } from '@keyless/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { OciError, verifyImage } from '../src/index.js';
import { realdataLayout } from './helpers/realdata-layout.js';

// Real cosign signatures from public-good Sigstore, verified offline from an OCI layout with the
// production trusted root.
const trustedRoot = readRealdataJson('trust/production/trusted_root.json');

async function rejection(promise: Promise<unknown>): Promise<OciError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OciError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('cosign signature of a Docker manifest, signed via GitHub login', () => {
  const identity = { identity: 'philipp.belitz@securesystems.de', issuer: 'https://github.com/login/oauth' };
  let verifier: Awaited<ReturnType<typeof createVerifier>>;
  beforeAll(async () => {
    verifier = await createVerifier({ trustedRoot: trustedRoot as never });
  });

  it('verifies for the signer identity', async () => {
    const { layout, digest, tag } = await realdataLayout('connaisseur-keyless-github-oauth');
    const result = await verifyImage(layout, tag, verifier, identity);
    expect(digest).toBe('sha256:31dc72a13a0c34b40eb95419d2b2fd67320c856baf3b72da518023ee8d370aee');
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]!.claims.critical.identity['docker-reference']).toBe(
      'index.docker.io/phbelitz/rekor-test',
    );
    expect(result.signatures[0]!.verification.signer.identity).toBe('philipp.belitz@securesystems.de');
    expect(result.signatures[0]!.verification.checks.map((c) => c.name)).toContain('tlog-entry');
  });

  it('is rejected for another identity', async () => {
    const { layout, tag } = await realdataLayout('connaisseur-keyless-github-oauth');
    const error = await rejection(
      verifyImage(layout, tag, verifier, { ...identity, identity: 'someone@example.com' }),
    );
    expect(error.code).toBe('ERR_NO_MATCHING_SIGNATURE');
    expect((error.cause as { code?: string }).code).toBe('ERR_IDENTITY_MISMATCH');
  });
});

describe('cosign signature of an OCI image index, signed in GitHub Actions', () => {
  const identity = {
    identity:
      'https://github.com/salrashid123/go-bazel-github-workflow/.github/workflows/release.yaml@refs/tags/v0.0.30',
    issuer: 'https://token.actions.githubusercontent.com',
  };
  let verifier: Awaited<ReturnType<typeof createVerifier>>;
  beforeAll(async () => {
    verifier = await createVerifier({ trustedRoot: trustedRoot as never });
  });

  it('verifies for the workflow identity', async () => {
    const { layout, tag, digest } = await realdataLayout('salrashid123-gha-keyless-index');
    const result = await verifyImage(layout, tag, verifier, identity);
    expect(digest).toBe('sha256:c05263d2ff654c3a94243662440913f045075d59c436e2c69e9145ec2b87a321');
    expect(result.signatures[0]!.claims.critical.image['docker-manifest-digest']).toBe(digest);
  });

  it('is rejected for another workflow', async () => {
    const { layout, tag } = await realdataLayout('salrashid123-gha-keyless-index');
    const error = await rejection(
      verifyImage(layout, tag, verifier, {
        ...identity,
        identity: identity.identity.replace('v0.0.30', 'v0.0.31'),
      }),
    );
    expect(error.code).toBe('ERR_NO_MATCHING_SIGNATURE');
  });
});
