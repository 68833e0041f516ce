import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@keyless/testkit';
import { createVerifier } from '@keyless/verify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  COSIGN_SIMPLESIGNING,
  createRegistryClient,
  explicitCredentials,
  OciError,
  type RegistryClient,
  registryStore,
  signatureTag,
  signImage,
  verifyImage,
} from '../src/index.js';
import type { ExchangeFixture } from './helpers/exchanges.js';
import {
  FIXTURE_AUTH,
  FIXTURE_CREDENTIALS,
  FIXTURE_DOCKER_REFERENCE,
  FIXTURE_IDENTITY,
  FIXTURE_REGISTRY,
  FIXTURE_REPOSITORY,
  type FixtureData,
  replayPipeline,
} from './helpers/fixture-flows.js';
import { replayFixture } from './helpers/replay.js';

// Registry flows recorded from a real docker-registry with token auth (fixtures/oci, re-recorded by
// fixtures-record.test.ts), replayed offline: the client must send the same requests, bodies and
// credential schemes, and make the same sense of the answers.

function load(name: string): ExchangeFixture & { data: FixtureData } {
  return JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'oci', name), 'utf8')) as ExchangeFixture & {
    data: FixtureData;
  };
}

const clients: RegistryClient[] = [];
function store(credentials = explicitCredentials(FIXTURE_REGISTRY, FIXTURE_CREDENTIALS)) {
  const client = createRegistryClient({ credentials, http: { backoff: { baseDelayMs: 1, maxDelayMs: 2 } } });
  clients.push(client);
  return registryStore(client.repository(FIXTURE_REGISTRY, FIXTURE_REPOSITORY, 'pull,push'));
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('recorded registry flows, replayed', () => {
  it('pulls a manifest and blob through a bearer challenge', async () => {
    const fixture = load('pull-bearer.json');
    const replay = replayFixture(fixture, [FIXTURE_REGISTRY, FIXTURE_AUTH]);
    const s = store();
    const manifest = await s.getManifest('v1');
    expect(manifest?.descriptor.digest).toBe(fixture.data.digest);
    const config = manifest?.parsed.kind === 'manifest' ? manifest.parsed.manifest.config.digest : '';
    expect(await s.getBlob(config)).toBeDefined();
    expect(replay.unmatched).toEqual([]);
    expect(replay.unused()).toEqual([]);
  });

  it('signs in the cosign format with exactly the recorded uploads and .sig manifest', async () => {
    const fixture = load('sign-cosign.json');
    const replay = replayFixture(fixture, [FIXTURE_REGISTRY, FIXTURE_AUTH]);
    const result = await signImage(store(), 'v1', replayPipeline(fixture.data.signing!), {
      dockerReference: FIXTURE_DOCKER_REFERENCE,
      update: { minSettleMs: 0 },
    });
    expect(result.image.digest).toBe(fixture.data.digest);
    expect(result.stored.location).toBe(signatureTag(fixture.data.digest));
    expect(replay.unmatched).toEqual([]);
    expect(replay.unused()).toEqual([]);
  });

  it('verifies the recorded signature offline with the recorded trusted root', async () => {
    const fixture = load('verify-cosign.json');
    const replay = replayFixture(fixture, [FIXTURE_REGISTRY, FIXTURE_AUTH]);
    const verifier = await createVerifier({ trustedRoot: fixture.data.trustedRoot! });
    const result = await verifyImage(store(), 'v1', verifier, {
      identity: FIXTURE_IDENTITY,
      issuer: fixture.data.issuer!,
    });
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]!.claims.critical.identity['docker-reference']).toBe(FIXTURE_DOCKER_REFERENCE);
    expect(replay.unmatched).toEqual([]);
  });

  it('rejects the recorded signature for another identity', async () => {
    const fixture = load('verify-cosign.json');
    replayFixture(fixture, [FIXTURE_REGISTRY, FIXTURE_AUTH]);
    const verifier = await createVerifier({ trustedRoot: fixture.data.trustedRoot! });
    const error = await verifyImage(store(), 'v1', verifier, {
      identity: 'mallory@example.com',
      issuer: fixture.data.issuer!,
    }).catch((e: unknown) => e);
    expect((error as OciError).code).toBe('ERR_NO_MATCHING_SIGNATURE');
  });

  it('stops at the token service without credentials (the recorded flow needs them)', async () => {
    const fixture = load('pull-bearer.json');
    const replay = replayFixture(fixture, [FIXTURE_REGISTRY, FIXTURE_AUTH]);
    const error = await store(async () => undefined)
      .getManifest('v1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OciError);
    expect(replay.unmatched[0]).toMatch(/^GET https:\/\/auth\.fixture\.test\/token\?/);
  });

  it('records a simplesigning layer in the .sig manifest it pushes', () => {
    const fixture = load('sign-cosign.json');
    const put = fixture.exchanges.find(
      (e) => e.request.method === 'PUT' && e.request.url.includes('/manifests/'),
    );
    expect(put?.response.status).toBe(201);
    const firstRead = fixture.exchanges.find(
      (e) => e.request.method === 'GET' && e.response.status === 200 && e.request.url.endsWith('.sig'),
    );
    const manifest = JSON.parse(Buffer.from(firstRead!.response.bodyBase64, 'base64').toString('utf8'));
    expect(manifest.layers.map((l: { mediaType: string }) => l.mediaType)).toEqual([COSIGN_SIMPLESIGNING]);
  });
});
