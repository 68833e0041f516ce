import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import {
  createRegistryClient,
  explicitCredentials,
  registryStore,
  signImage,
  simpleSigningPayload,
  verifyImage,
} from '../src/index.js';
import { startDevSigning } from './helpers/dev-signing.js';
import type { ExchangeFixture } from './helpers/exchanges.js';
import { recordingFetch } from './helpers/exchanges.js';
import {
  FIXTURE_AUTH,
  FIXTURE_CREDENTIALS,
  FIXTURE_DOCKER_REFERENCE,
  FIXTURE_IDENTITY,
  FIXTURE_REGISTRY,
  FIXTURE_REPOSITORY,
  type FixtureData,
  pushFixedImage,
  recordSigning,
  replayPipeline,
} from './helpers/fixture-flows.js';
import { startRegistry } from './helpers/registry.js';

// Re-records fixtures/oci/*.json from a real registry (token auth) and the dev stack. Not part of
// the test suite: run it by hand after changing what the client sends, with `pnpm fixtures:record`.
const FIXTURES = join(repoRoot, 'fixtures', 'oci');

async function save(name: string, fixture: ExchangeFixture): Promise<void> {
  await mkdir(FIXTURES, { recursive: true });
  await writeFile(join(FIXTURES, name), `${JSON.stringify(fixture, null, 2)}\n`);
}

describe('recording OCI fixtures', () => {
  it('records pull, sign and verify flows against a token-auth registry', async () => {
    const registry = await startRegistry({
      kind: 'token',
      users: { [FIXTURE_CREDENTIALS.username]: FIXTURE_CREDENTIALS.password },
    });
    const dev = await startDevSigning();
    const credentials = explicitCredentials(registry.host, FIXTURE_CREDENTIALS);
    const rewrites = [
      [registry.url, `https://${FIXTURE_REGISTRY}`],
      [registry.tokens!.realm.replace(/\/token$/, ''), `https://${FIXTURE_AUTH}`],
    ] as const;
    const record = async <T>(run: (store: ReturnType<typeof registryStore>) => Promise<T>) => {
      const recorder = recordingFetch(rewrites);
      const client = createRegistryClient({ credentials, http: { fetch: recorder.fetch } });
      try {
        return {
          value: await run(registryStore(client.repository(registry.host, FIXTURE_REPOSITORY, 'pull,push'))),
          exchanges: recorder.exchanges,
        };
      } finally {
        await client.close();
      }
    };
    try {
      const setup = createRegistryClient({ credentials });
      const image = await pushFixedImage(
        registryStore(setup.repository(registry.host, FIXTURE_REPOSITORY, 'pull,push')),
        'v1',
      );
      await setup.close();

      const pull = await record(async (store) => {
        const manifest = await store.getManifest('v1');
        const config = manifest?.parsed.kind === 'manifest' ? manifest.parsed.manifest.config.digest : '';
        await store.getBlob(config);
      });
      await save('pull-bearer.json', {
        description:
          'GET manifest by tag and its config blob from a registry with token auth (401 challenge, token, retry)',
        exchanges: pull.exchanges,
        data: { digest: image.digest } satisfies FixtureData,
      });

      const pipeline = await dev.pipeline(FIXTURE_IDENTITY);
      const signing = recordSigning(
        await pipeline.signMessage(simpleSigningPayload(FIXTURE_DOCKER_REFERENCE, image.digest)),
      );
      const sign = await record((store) =>
        signImage(store, 'v1', replayPipeline(signing), { dockerReference: FIXTURE_DOCKER_REFERENCE }),
      );
      await save('sign-cosign.json', {
        description:
          'keyless sign (cosign format): resolve the tag, upload payload and config, create the .sig manifest, watch it settle',
        exchanges: sign.exchanges,
        data: { digest: image.digest, signing } satisfies FixtureData,
      });

      const verify = await record((store) =>
        verifyImage(store, 'v1', dev.verifier, { identity: FIXTURE_IDENTITY, issuer: dev.issuer }),
      );
      expect(verify.value.signatures).toHaveLength(1);
      await save('verify-cosign.json', {
        description:
          'keyless verify: resolve the tag, read the .sig manifest and payload, look for referrers (no API, no fallback index)',
        exchanges: verify.exchanges,
        data: {
          digest: image.digest,
          trustedRoot: dev.stack.trustedRoot,
          issuer: dev.issuer,
        } satisfies FixtureData,
      });
    } finally {
      await Promise.all([registry.stop(), dev.close()]);
    }
  }, 60_000);
});
