import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attestationTag,
  attestImage,
  COSIGN_ANNOTATIONS,
  COSIGN_SIMPLESIGNING,
  createRegistryClient,
  type ImageStore,
  OCI_IMAGE_CONFIG,
  OciError,
  type RegistryClient,
  readFallbackIndex,
  registryStore,
  SIGSTORE_BUNDLE_V03,
  signatureTag,
  signImage,
  verifyImage,
  verifyImageAttestations,
} from '../src/index.js';
import { type DevSigning, startDevSigning } from './helpers/dev-signing.js';
import { startRegistry, type TestRegistry } from './helpers/registry.js';
import { pushSampleImage } from './helpers/sample-image.js';

async function rejection(promise: Promise<unknown>): Promise<OciError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OciError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('keyless image signing against the dev stack and a real registry', () => {
  let registry: TestRegistry;
  let dev: DevSigning;
  let client: RegistryClient;
  let store: ImageStore;
  const email = 'signer@example.com';
  const policy = () => ({ identity: email, issuer: dev.issuer });

  beforeAll(async () => {
    [registry, dev] = await Promise.all([startRegistry(), startDevSigning()]);
    client = createRegistryClient({ credentials: async () => undefined });
    store = registryStore(client.repository(registry.host, 'demo/app', 'pull,push'));
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await Promise.all([registry?.stop(), dev?.close()]);
  });

  it('writes a .sig tag with cosign layout: one simplesigning layer with cosign annotations', async () => {
    const image = await pushSampleImage(store, 'cosign-layout');
    const pipeline = await dev.pipeline(email);
    const result = await signImage(store, 'cosign-layout', pipeline, { annotations: { env: 'prod' } });
    expect(result.resolvedTag).toBe('cosign-layout');
    const sig = await store.getManifest(signatureTag(image.digest));
    expect(sig?.parsed.kind).toBe('manifest');
    if (sig?.parsed.kind !== 'manifest') return;
    expect(sig.parsed.manifest.config.mediaType).toBe(OCI_IMAGE_CONFIG);
    const [layer] = sig.parsed.manifest.layers;
    expect(layer?.mediaType).toBe(COSIGN_SIMPLESIGNING);
    expect(Object.keys(layer?.annotations ?? {}).sort()).toEqual(
      [
        COSIGN_ANNOTATIONS.signature,
        COSIGN_ANNOTATIONS.certificate,
        COSIGN_ANNOTATIONS.chain,
        COSIGN_ANNOTATIONS.bundle,
        ...(result.signing.bundle.verificationMaterial.timestampVerificationData
          ? [COSIGN_ANNOTATIONS.rfc3161Timestamp]
          : []),
      ].sort(),
    );
    const payload = new TextDecoder().decode(await store.getBlob(layer!.digest));
    expect(payload).toBe(
      `{"critical":{"identity":{"docker-reference":"${registry.host}/demo/app"},"image":{"docker-manifest-digest":"${image.digest}"},"type":"cosign container image signature"},"optional":{"env":"prod"}}`,
    );
  });

  it('verifies a cosign-format signature with the right identity and annotation', async () => {
    await pushSampleImage(store, 'verify-ok');
    await signImage(store, 'verify-ok', await dev.pipeline(email), { annotations: { env: 'prod' } });
    const result = await verifyImage(store, 'verify-ok', dev.verifier, policy(), {
      annotations: { env: 'prod' },
    });
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]!.claims.optional).toEqual({ env: 'prod' });
  });

  it('rejects a cosign-format signature for a wrong identity', async () => {
    await pushSampleImage(store, 'wrong-identity');
    await signImage(store, 'wrong-identity', await dev.pipeline(email));
    const error = await rejection(
      verifyImage(store, 'wrong-identity', dev.verifier, { ...policy(), identity: 'other@example.com' }),
    );
    expect(error.code).toBe('ERR_NO_MATCHING_SIGNATURE');
  });

  it('rejects a cosign-format signature for a wrong annotation value', async () => {
    await pushSampleImage(store, 'wrong-annotation');
    await signImage(store, 'wrong-annotation', await dev.pipeline(email), {
      annotations: { env: 'staging' },
    });
    const error = await rejection(
      verifyImage(store, 'wrong-annotation', dev.verifier, policy(), { annotations: { env: 'prod' } }),
    );
    expect(error.code).toBe('ERR_NO_MATCHING_SIGNATURE');
    expect((error.cause as OciError).code).toBe('ERR_PAYLOAD_MISMATCH');
  });

  it('reports an image without signatures as ERR_NO_SIGNATURES', async () => {
    await pushSampleImage(store, 'unsigned');
    expect((await rejection(verifyImage(store, 'unsigned', dev.verifier, policy()))).code).toBe(
      'ERR_NO_SIGNATURES',
    );
  });

  it('leaves seven signatures when six signers sign a signed image at once', async () => {
    const image = await pushSampleImage(store, 'six-signers');
    await signImage(store, image.digest, await dev.pipeline(email));
    const pipelines = await Promise.all(
      Array.from({ length: 6 }, (_, i) => dev.pipeline(`signer-${i}@example.com`)),
    );
    const clients = pipelines.map(() => createRegistryClient({ credentials: async () => undefined }));
    try {
      await Promise.all(
        pipelines.map((pipeline, i) =>
          signImage(
            registryStore(clients[i]!.repository(registry.host, 'demo/app', 'pull,push')),
            image.digest,
            pipeline,
          ),
        ),
      );
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
    const sig = await store.getManifest(signatureTag(image.digest));
    expect(sig?.parsed.kind === 'manifest' && sig.parsed.manifest.layers.length).toBe(7);
    const result = await verifyImage(store, image.digest, dev.verifier, {
      identity: /@example\.com$/,
      issuer: dev.issuer,
    });
    expect(result.signatures).toHaveLength(7);
  });

  it('stores a bundle-format signature as a v0.3 bundle referrer in the fallback index, and verifies it', async () => {
    const image = await pushSampleImage(store, 'bundle-format');
    await signImage(store, 'bundle-format', await dev.pipeline(email, 'bundle'), {
      format: 'bundle',
      annotations: { env: 'prod' },
    });
    const index = await readFallbackIndex(store, image.digest);
    expect(index).toHaveLength(1);
    expect(index[0]!.artifactType).toBe(SIGSTORE_BUNDLE_V03);
    const result = await verifyImage(store, 'bundle-format', dev.verifier, policy(), {
      annotations: { env: 'prod' },
    });
    expect(result.signatures.map((s) => s.format)).toEqual(['bundle']);
    expect(result.signatures[0]!.claims.optional).toEqual({ env: 'prod' });
  });

  it.each(['cosign', 'bundle'] as const)(
    'attests in the %s format and verifies the attestation by type',
    async (format) => {
      await pushSampleImage(store, `attested-${format}`);
      const type = 'https://example.com/review/v1';
      const result = await attestImage(
        store,
        `attested-${format}`,
        await dev.pipeline(email, format),
        { ok: true },
        type,
        { format },
      );
      expect(result.stored.location).toBe(
        format === 'cosign' ? attestationTag(result.image.digest) : result.stored.location,
      );
      const verified = await verifyImageAttestations(store, `attested-${format}`, dev.verifier, policy(), {
        predicateType: type,
      });
      expect(
        verified.attestations.map((a) => [a.format, (a.statement as { predicate: unknown }).predicate]),
      ).toEqual([[format, { ok: true }]]);
      const none = await verifyImageAttestations(store, `attested-${format}`, dev.verifier, policy(), {
        predicateType: 'https://slsa.dev/provenance/v1',
      }).catch((e: unknown) => e);
      expect((none as OciError).code).toBe('ERR_NO_SIGNATURES');
      // An attestation is not a signature: verify finds none.
      expect((await rejection(verifyImage(store, `attested-${format}`, dev.verifier, policy()))).code).toBe(
        'ERR_NO_SIGNATURES',
      );
    },
  );
});
