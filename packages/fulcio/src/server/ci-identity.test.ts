import { OID } from '@keyless/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chainOf,
  publicKeyRequest,
  type RunningFulcio,
  signingKey,
  startFulcio,
} from '../../test/fulcio-server.js';
import { startTestIssuer, type TestIssuer } from '../../test/oidc-issuer.js';
import { certificateIdentity } from '../certificate/identity.js';
import { verifyEmbeddedScts } from '../sct/verify.js';

/** The claims of a GitHub Actions token for a release workflow run. */
const CLAIMS = {
  sub: 'repo:acme/app:ref:refs/tags/v1.2.3',
  repository: 'acme/app',
  repository_id: '123456',
  repository_owner: 'acme',
  repository_owner_id: '7890',
  repository_visibility: 'public',
  ref: 'refs/tags/v1.2.3',
  sha: 'a'.repeat(40),
  workflow: 'Release',
  workflow_ref: 'acme/app/.github/workflows/release.yml@refs/tags/v1.2.3',
  workflow_sha: 'a'.repeat(40),
  job_workflow_ref: 'acme/shared/.github/workflows/build.yml@refs/heads/main',
  job_workflow_sha: 'b'.repeat(40),
  event_name: 'push',
  run_id: '42',
  run_attempt: '2',
  runner_environment: 'github-hosted',
  environment: 'production',
};

let issuer: TestIssuer;
let fulcio: RunningFulcio;

beforeAll(async () => {
  issuer = await startTestIssuer('/ci');
  fulcio = await startFulcio({ oidcIssuers: [{ issuerUrl: issuer.url, type: 'ci' }] });
});
afterAll(async () => {
  await fulcio.close();
  await issuer.close();
});

async function issue(claims: Record<string, string>) {
  const key = signingKey();
  const token = await issuer.mint(claims);
  const { status, json } = await fulcio.signingCert(publicKeyRequest(token, key, claims.sub!));
  expect(status).toBe(200);
  return chainOf(json);
}

describe('POST /api/v2/signingCert with a CI workflow token', () => {
  it('names the job workflow as a URI SubjectAltName, proved over sub', async () => {
    const [leaf] = await issue(CLAIMS);
    const identity = certificateIdentity(leaf!);
    expect(identity.sanType).toBe('uri');
    expect(identity.subjectAlternativeName).toBe(
      'https://github.com/acme/shared/.github/workflows/build.yml@refs/heads/main',
    );
    expect(identity.issuer).toBe(issuer.url);
  });

  it('maps the workflow claims to the Fulcio extensions as Fulcio does for GitHub Actions', async () => {
    const [leaf] = await issue(CLAIMS);
    expect(certificateIdentity(leaf!).extensions).toEqual({
      issuer: issuer.url,
      githubWorkflowTrigger: 'push',
      githubWorkflowSha: 'a'.repeat(40),
      githubWorkflowName: 'Release',
      githubWorkflowRepository: 'acme/app',
      githubWorkflowRef: 'refs/tags/v1.2.3',
      issuerV2: issuer.url,
      buildSignerURI: 'https://github.com/acme/shared/.github/workflows/build.yml@refs/heads/main',
      buildSignerDigest: 'b'.repeat(40),
      runnerEnvironment: 'github-hosted',
      sourceRepositoryURI: 'https://github.com/acme/app',
      sourceRepositoryDigest: 'a'.repeat(40),
      sourceRepositoryRef: 'refs/tags/v1.2.3',
      sourceRepositoryIdentifier: '123456',
      sourceRepositoryOwnerURI: 'https://github.com/acme',
      sourceRepositoryOwnerIdentifier: '7890',
      buildConfigURI: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3',
      buildConfigDigest: 'a'.repeat(40),
      buildTrigger: 'push',
      runInvocationURI: 'https://github.com/acme/app/actions/runs/42/attempts/2',
      sourceRepositoryVisibilityAtSigning: 'public',
      deploymentEnvironment: 'production',
      tokenSubject: 'repo:acme/app:ref:refs/tags/v1.2.3',
    });
  });

  it('writes the Fulcio extensions in OID order, between the SubjectAltName and the SCT list', async () => {
    const [leaf] = await issue(CLAIMS);
    const oids = leaf!.extensions.map((e) => e.oid);
    const arcs = oids
      .filter((oid) => oid.startsWith('1.3.6.1.4.1.57264.1.'))
      .map((oid) => Number(oid.split('.')[8]));
    expect(arcs).toEqual([1, 2, 3, 4, 5, 6, ...Array.from({ length: 17 }, (_, i) => i + 8)]);
    expect(oids.indexOf(OID.subjectAltName)).toBe(4);
    expect(oids.at(-1)).toBe(OID.ctPrecertificateScts);
  });

  it('leaves out the extensions whose claims the token lacks', async () => {
    const { environment: _, run_attempt: __, ...claims } = CLAIMS;
    const [leaf] = await issue(claims);
    const extensions = certificateIdentity(leaf!).extensions;
    expect(extensions.deploymentEnvironment).toBeUndefined();
    expect(extensions.runInvocationURI).toBeUndefined();
    expect(extensions.sourceRepositoryURI).toBe('https://github.com/acme/app');
  });

  it('embeds a verifiable SCT over the long certificate too', async () => {
    const [leaf, intermediate] = await issue(CLAIMS);
    expect(verifyEmbeddedScts(leaf!, intermediate!, fulcio.trust().ctlogs)).toHaveLength(1);
  });

  it('refuses a token without job_workflow_ref with 401', async () => {
    const { job_workflow_ref: _, ...claims } = CLAIMS;
    const key = signingKey();
    const token = await issuer.mint(claims);
    const { status, json } = await fulcio.signingCert(publicKeyRequest(token, key, claims.sub));
    expect(status).toBe(401);
    expect(json.message).toMatch(/job_workflow_ref/);
  });

  it('refuses a proof over the email-style challenge: CI identities prove over sub', async () => {
    const key = signingKey();
    const token = await issuer.mint(CLAIMS);
    const { status } = await fulcio.signingCert(publicKeyRequest(token, key, CLAIMS.job_workflow_ref));
    expect(status).toBe(400);
  });
});
