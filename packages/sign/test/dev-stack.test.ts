import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSigningConfig, type SigningConfig } from '@keyless/core';
import { type DevStack, requestDevToken, startDevStack } from '@keyless/dev-stack';
import { createVerifier } from '@keyless/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningPipeline, type SigningPipelineOptions } from '../src/index.js';

const EMAIL = 'dev@keyless.test';
const ARTIFACT = new TextEncoder().encode('signed against the dev stack\n');

let dir: string;
let stack: DevStack;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keyless-sign-dev-stack-'));
  stack = await startDevStack({ dir, port: 0 });
});
afterAll(async () => {
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
});

const devProvider = {
  name: 'dev stack',
  getToken: async () => (await requestDevToken({ dir, email: EMAIL })).id_token,
};

/** The stack's signing config with only the log of one API version. */
function withLog(version: 1 | 2): SigningConfig {
  const config = parseSigningConfig(stack.signingConfig);
  return { ...config, rekorTlogUrls: config.rekorTlogUrls.filter((s) => s.majorApiVersion === version) };
}

function pipeline(signingConfig: SigningConfig, extra: Partial<SigningPipelineOptions> = {}) {
  return createSigningPipeline({
    signingConfig,
    trustedRoot: stack.trustedRoot,
    oidcProvider: devProvider,
    ...extra,
  });
}

async function verify(bundle: unknown) {
  const verifier = await createVerifier({ trustedRoot: stack.trustedRoot });
  return verifier.verify(bundle, { artifact: ARTIFACT }, { identity: EMAIL, issuer: stack.issuers.email });
}

describe('signing with the dev stack, services from its signing config', () => {
  it('uses the Rekor v2 log and the TSA by default, and the bundle verifies', async () => {
    const { bundle } = await (await pipeline(parseSigningConfig(stack.signingConfig))).signBlob(ARTIFACT);
    expect(bundle.verificationMaterial.tlogEntries?.[0]?.kindVersion).toEqual({
      kind: 'hashedrekord',
      version: '0.0.2',
    });
    const result = await verify(bundle);
    expect(result.timestamps.map((t) => t.kind)).toEqual(['rfc3161']);
  });

  it('with only the Rekor v1 log: hashedrekord 0.0.1 with an integrated time, and the TSA too', async () => {
    const { bundle } = await (await pipeline(withLog(1))).signBlob(ARTIFACT);
    expect(bundle.verificationMaterial.tlogEntries?.[0]?.kindVersion).toEqual({
      kind: 'hashedrekord',
      version: '0.0.1',
    });
    const result = await verify(bundle);
    expect(result.timestamps.map((t) => t.kind).sort()).toEqual(['rfc3161', 'transparency-log']);
  });

  it.each([1, 2] as const)('attests a file as a DSSE in-toto bundle through Rekor v%s', async (version) => {
    const { bundle } = await (await pipeline(withLog(version))).attestBlob(
      { name: 'artifact.txt', bytes: ARTIFACT },
      { note: 'dev' },
      'https://keyless.test/predicate/v1',
    );
    expect(bundle.verificationMaterial.tlogEntries?.[0]?.kindVersion.kind).toBe('dsse');
    await verify(bundle);
  });

  it('refuses Rekor v2 without a TSA when the pipeline is created', async () => {
    const error = await pipeline({ ...withLog(2), tsaUrls: [] }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('ERR_SIGNING_CONFIG');
  });

  it('names the CA and what it said when the token is refused', async () => {
    const stranger = {
      name: 'stranger',
      getToken: async () => `${(await devProvider.getToken()).slice(0, -4)}AAAA`,
    };
    const error = await (await pipeline(withLog(1), { oidcProvider: stranger }))
      .signBlob(ARTIFACT)
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('ERR_CERTIFICATE_AUTHORITY');
    expect((error as Error).message).toMatch(
      /^Fulcio: POST http:\/\/127\.0\.0\.1:\d+\/fulcio\/api\/v2\/signingCert returned HTTP 401/,
    );
  });
});
