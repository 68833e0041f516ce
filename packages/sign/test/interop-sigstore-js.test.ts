import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSigningConfig, type SigningConfig } from '@keyless/core';
import { type DevStack, requestDevToken, startDevStack } from '@keyless/dev-stack';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningPipeline } from '../src/index.js';

// Bundles signed here must verify with other Sigstore clients: sigstore-js's verifier checks them
// against the same trusted root, as an npm or GitHub user's tooling would.
const EMAIL = 'interop@keyless.test';
const ARTIFACT = Buffer.from('signed by keyless, verified by sigstore-js\n');

let dir: string;
let stack: DevStack;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keyless-sign-interop-'));
  stack = await startDevStack({ dir, port: 0 });
});
afterAll(async () => {
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
});

function withLog(version: 1 | 2): SigningConfig {
  const config = parseSigningConfig(stack.signingConfig);
  return { ...config, rekorTlogUrls: config.rekorTlogUrls.filter((s) => s.majorApiVersion === version) };
}

async function sign(kind: 'blob' | 'attestation', version: 1 | 2) {
  const pipeline = await createSigningPipeline({
    signingConfig: withLog(version),
    trustedRoot: stack.trustedRoot,
    oidcProvider: {
      name: 'dev',
      getToken: async () => (await requestDevToken({ dir, email: EMAIL })).id_token,
    },
  });
  return kind === 'blob'
    ? pipeline.signBlob(ARTIFACT)
    : pipeline.attestBlob(
        { name: 'artifact.txt', bytes: ARTIFACT },
        { reviewed: true },
        'https://example.com/review/v1',
      );
}

function sigstoreJsVerify(bundle: unknown, identity: string) {
  const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(stack.trustedRoot)));
  return verifier.verify(toSignedEntity(bundleFromJSON(bundle), ARTIFACT), {
    subjectAlternativeName: identity,
    extensions: { issuer: stack.issuers.email },
  });
}

describe.each([1, 2] as const)('sigstore-js verifies what Keyless signs with a Rekor v%i log', (version) => {
  it('a message-signature bundle (hashedrekord, RFC 3161 timestamp)', async () => {
    const { bundle } = await sign('blob', version);
    const signer = sigstoreJsVerify(bundle, EMAIL);
    expect(signer.identity?.subjectAlternativeName).toBe(EMAIL);
  });

  it('a DSSE attestation bundle', async () => {
    const { bundle } = await sign('attestation', version);
    const signer = sigstoreJsVerify(bundle, EMAIL);
    expect(signer.identity?.subjectAlternativeName).toBe(EMAIL);
  });

  it('and rejects it for another identity', async () => {
    const { bundle } = await sign('blob', version);
    expect(() => sigstoreJsVerify(bundle, 'someone-else@keyless.test')).toThrow();
  });
});
