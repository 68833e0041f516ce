import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachCosignLayer,
  COSIGN_ANNOTATIONS,
  COSIGN_SIMPLESIGNING,
  computeDigest,
  createRegistryClient,
  explicitCredentials,
  type ImageStore,
  listReferrers,
  OCI_MANIFEST,
  OciError,
  pushReferrer,
  type RegistryClient,
  readFallbackIndex,
  referrersTag,
  registryStore,
  resolveImage,
  SIGSTORE_BUNDLE_V03,
  signatureTag,
} from '../src/index.js';
import { requireRegistryBinary, startRegistry, type TestRegistry } from './helpers/registry.js';
import { pushSampleImage } from './helpers/sample-image.js';

const encoder = new TextEncoder();
const anonymous = async () => undefined;

async function rejection(promise: Promise<unknown>): Promise<OciError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OciError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('the test registry', () => {
  it('fails, never skips, when docker-registry is not installed, saying how to install it', () => {
    expect(() => requireRegistryBinary('/nonexistent/docker-registry')).toThrow(
      /apt-get install docker-registry/,
    );
  });
});

describe('against a real docker-registry without auth', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  let store: ImageStore;
  const repo = () => client.repository(registry.host, 'keyless/app', 'pull,push');

  beforeAll(async () => {
    registry = await startRegistry();
    client = createRegistryClient({ credentials: anonymous, chunkSize: 1024 });
    store = registryStore(repo());
  });
  afterAll(async () => {
    await client?.close();
    await registry?.stop();
  });

  it('reads a pushed manifest back by tag and by digest, bytes and digest intact', async () => {
    const pushed = await pushSampleImage(store, 'v1');
    const byTag = await store.getManifest('v1');
    const byDigest = await store.getManifest(pushed.digest);
    expect(byTag?.descriptor.digest).toBe(pushed.digest);
    expect(byDigest?.bytes).toEqual(byTag?.bytes);
    expect(byTag?.parsed.kind).toBe('manifest');
  });

  it('resolves a tag to its digest with HEAD', async () => {
    const pushed = await pushSampleImage(store, 'v2');
    expect(await store.resolve('v2')).toEqual({
      mediaType: OCI_MANIFEST,
      digest: pushed.digest,
      size: pushed.size,
    });
  });

  it('reports an unknown tag as image not found', async () => {
    const error = await rejection(resolveImage(store, 'no-such-tag'));
    expect(error.code).toBe('ERR_IMAGE_NOT_FOUND');
    expect(error.message).toBe(`image ${registry.host}/keyless/app:no-such-tag not found`);
  });

  it('reports an unknown repository as image not found', async () => {
    const other = registryStore(client.repository(registry.host, 'keyless/nothing-here'));
    expect((await rejection(resolveImage(other, 'latest'))).code).toBe('ERR_IMAGE_NOT_FOUND');
  });

  it('uploads a blob larger than the chunk size in chunks', async () => {
    const blob = randomBytes(5000);
    const result = await repo().uploadBlob(blob);
    expect(result.how).toBe('uploaded');
    expect(await store.getBlob(result.descriptor.digest)).toEqual(new Uint8Array(blob));
  });

  it('skips the upload of a blob the repository has', async () => {
    const blob = randomBytes(100);
    await repo().uploadBlob(blob);
    expect((await repo().uploadBlob(blob)).how).toBe('exists');
  });

  it('mounts a blob from another repository of the registry', async () => {
    const blob = randomBytes(300);
    await client.repository(registry.host, 'keyless/source', 'pull,push').uploadBlob(blob);
    const mounted = await client
      .repository(registry.host, 'keyless/target', 'pull,push')
      .uploadBlob(blob, { mountFrom: 'keyless/source' });
    expect(mounted.how).toBe('mounted');
    expect(await client.repository(registry.host, 'keyless/target').getBlob(computeDigest(blob))).toEqual(
      new Uint8Array(blob),
    );
  });

  it('has no referrers API, so referrers go to the sha256-<hex> fallback index', async () => {
    const image = await pushSampleImage(store, 'referred');
    expect(await store.listReferrers(image.digest)).toBeUndefined();
    const config = await store.putBlob(encoder.encode('{}'), 'application/vnd.oci.empty.v1+json');
    const manifest = encoder.encode(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: SIGSTORE_BUNDLE_V03,
        config,
        layers: [config],
        subject: image,
      }),
    );
    const pushed = await pushReferrer(store, image.digest, manifest, SIGSTORE_BUNDLE_V03);
    expect(pushed.via).toBe('fallback');
    const index = await store.getManifest(referrersTag(image.digest));
    expect(index?.parsed.kind).toBe('index');
    expect(await listReferrers(store, image.digest, SIGSTORE_BUNDLE_V03)).toEqual([pushed.descriptor]);
  });
});

describe('concurrent writers against a real docker-registry', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  beforeAll(async () => {
    registry = await startRegistry();
    client = createRegistryClient({ credentials: anonymous });
  });
  afterAll(async () => {
    await client?.close();
    await registry?.stop();
  });

  /** A distinct fake signature layer (storage only; verification is tested elsewhere). */
  function fakeSignature(n: number) {
    return {
      [COSIGN_ANNOTATIONS.signature]: Buffer.from(
        `signature ${n} ${randomBytes(8).toString('hex')}`,
      ).toString('base64'),
    };
  }

  it('keeps every signature when six signers append to a .sig tag at once', async () => {
    // Each writer has its own client and store, as six separate processes would.
    const clients = Array.from({ length: 6 }, () => createRegistryClient({ credentials: anonymous }));
    try {
      const store = registryStore(client.repository(registry.host, 'busy/app', 'pull,push'));
      const image = await pushSampleImage(store);
      const tag = signatureTag(image.digest);
      const payload = encoder.encode('{"critical":{}}');
      await attachCosignLayer(store, tag, payload, COSIGN_SIMPLESIGNING, fakeSignature(0));
      const results = await Promise.all(
        clients.map((c, i) =>
          attachCosignLayer(
            registryStore(c.repository(registry.host, 'busy/app', 'pull,push')),
            tag,
            payload,
            COSIGN_SIMPLESIGNING,
            fakeSignature(i + 1),
          ),
        ),
      );
      expect(results.every((r) => r.added)).toBe(true);
      const final = await store.getManifest(tag);
      const layers = final?.parsed.kind === 'manifest' ? final.parsed.manifest.layers : [];
      expect(layers).toHaveLength(7);
      expect(new Set(layers.map((l) => l.annotations?.[COSIGN_ANNOTATIONS.signature])).size).toBe(7);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });

  it('keeps every referrer when six writers update the fallback index at once', async () => {
    const clients = Array.from({ length: 6 }, () => createRegistryClient({ credentials: anonymous }));
    try {
      const store = registryStore(client.repository(registry.host, 'busy/referred', 'pull,push'));
      const image = await pushSampleImage(store);
      const config = await store.putBlob(encoder.encode('{}'), 'application/vnd.oci.empty.v1+json');
      await Promise.all(
        clients.map(async (c, i) => {
          const writer = registryStore(c.repository(registry.host, 'busy/referred', 'pull,push'));
          const manifest = encoder.encode(
            JSON.stringify({
              schemaVersion: 2,
              mediaType: OCI_MANIFEST,
              artifactType: SIGSTORE_BUNDLE_V03,
              config,
              layers: [config],
              subject: image,
              annotations: { writer: String(i) },
            }),
          );
          return pushReferrer(writer, image.digest, manifest, SIGSTORE_BUNDLE_V03);
        }),
      );
      expect(await readFallbackIndex(store, image.digest)).toHaveLength(6);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });
});

describe('against a real docker-registry with htpasswd Basic auth', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ kind: 'basic', users: { alice: 's3cret' } });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('pushes and pulls with the right password', async () => {
    const client = createRegistryClient({
      credentials: explicitCredentials(registry.host, { username: 'alice', password: 's3cret' }),
    });
    try {
      const store = registryStore(client.repository(registry.host, 'private/app', 'pull,push'));
      const image = await pushSampleImage(store);
      expect((await store.getManifest('latest'))?.descriptor.digest).toBe(image.digest);
    } finally {
      await client.close();
    }
  });

  it('fails with ERR_REGISTRY_AUTH and a login hint without credentials', async () => {
    const client = createRegistryClient({ credentials: anonymous });
    try {
      const error = await rejection(
        registryStore(client.repository(registry.host, 'private/app')).getManifest('latest'),
      );
      expect(error.code).toBe('ERR_REGISTRY_AUTH');
      expect(error.message).toContain(`docker login ${registry.host}`);
    } finally {
      await client.close();
    }
  });

  it('fails with ERR_REGISTRY_AUTH for a wrong password', async () => {
    const client = createRegistryClient({
      credentials: explicitCredentials(registry.host, { username: 'alice', password: 'wrong' }),
    });
    try {
      const error = await rejection(
        registryStore(client.repository(registry.host, 'private/app')).getManifest('latest'),
      );
      expect(error.code).toBe('ERR_REGISTRY_AUTH');
    } finally {
      await client.close();
    }
  });
});

describe('against a real docker-registry with bearer token auth', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ kind: 'token', users: { bob: 'hunter2' } });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('gets a token for the repository scope and pushes with it', async () => {
    const client = createRegistryClient({
      credentials: explicitCredentials(registry.host, { username: 'bob', password: 'hunter2' }),
    });
    try {
      const store = registryStore(client.repository(registry.host, 'team/app', 'pull,push'));
      const image = await pushSampleImage(store);
      expect((await store.getManifest('latest'))?.descriptor.digest).toBe(image.digest);
      const requests = registry.tokens!.requests;
      expect(requests.every((r) => r.service === 'keyless-test-registry')).toBe(true);
      expect(requests.flatMap((r) => r.scopes)).toContain('repository:team/app:pull,push');
    } finally {
      await client.close();
    }
  });

  it('reuses a cached token for further requests of the same scope', async () => {
    const client = createRegistryClient({
      credentials: explicitCredentials(registry.host, { username: 'bob', password: 'hunter2' }),
    });
    try {
      const store = registryStore(client.repository(registry.host, 'team/cached', 'pull,push'));
      const before = registry.tokens!.requests.length;
      await pushSampleImage(store);
      await store.getManifest('latest');
      await store.getManifest('latest');
      expect(registry.tokens!.requests.length - before).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('fails with ERR_REGISTRY_AUTH when the anonymous token grants nothing', async () => {
    const client = createRegistryClient({ credentials: anonymous });
    try {
      const error = await rejection(
        registryStore(client.repository(registry.host, 'team/app')).getManifest('latest'),
      );
      expect(error.code).toBe('ERR_REGISTRY_AUTH');
    } finally {
      await client.close();
    }
  });

  it('fails with ERR_REGISTRY_AUTH when the token service refuses the password', async () => {
    const client = createRegistryClient({
      credentials: explicitCredentials(registry.host, { username: 'bob', password: 'nope' }),
    });
    try {
      const error = await rejection(
        registryStore(client.repository(registry.host, 'team/app')).getManifest('latest'),
      );
      expect(error.code).toBe('ERR_REGISTRY_AUTH');
      expect(error.message).toContain('refused the credentials');
    } finally {
      await client.close();
    }
  });
});
