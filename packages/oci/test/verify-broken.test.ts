import { readRealdataJson } from '@keyless/testkit';
import { createVerifier, type Verifier } from '@keyless/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  COSIGN_ANNOTATIONS,
  type Descriptor,
  type LayoutStore,
  OCI_INDEX,
  OCI_MANIFEST,
  OciError,
  signatureImage,
  signatureTag,
  verifyImage,
} from '../src/index.js';
import { type RealdataImage, realdataLayout } from './helpers/realdata-layout.js';

// The real cosign signature of a Docker manifest, with its .sig manifest damaged in various ways:
// verification must skip what is broken with a warning, and never crash.
const policy = { identity: 'philipp.belitz@securesystems.de', issuer: 'https://github.com/login/oauth' };
const encoder = new TextEncoder();

async function sigLayers(layout: LayoutStore, digest: string): Promise<Descriptor[]> {
  const sig = await layout.getManifest(signatureTag(digest));
  return sig?.parsed.kind === 'manifest' ? sig.parsed.manifest.layers : [];
}

async function rewriteSig(image: RealdataImage, layers: Descriptor[], digest = image.digest): Promise<void> {
  const sig = signatureImage(layers);
  await image.layout.putBlob(sig.config, sig.configDescriptor.mediaType);
  await image.layout.putManifest(sig.manifest, OCI_MANIFEST, signatureTag(digest));
}

async function rejection(promise: Promise<unknown>): Promise<OciError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OciError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('verifying a .sig manifest with foreign or broken layers', () => {
  let verifier: Verifier;
  beforeAll(async () => {
    verifier = await createVerifier({ trustedRoot: readRealdataJson('trust/production/trusted_root.json') });
  });

  it('skips a layer of a foreign media type with a warning and verifies the rest', async () => {
    const image = await realdataLayout('connaisseur-keyless-github-oauth');
    const [good] = await sigLayers(image.layout, image.digest);
    const foreign = await image.layout.putBlob(encoder.encode('hello'), 'text/plain');
    await rewriteSig(image, [foreign, good!]);
    const warnings: string[] = [];
    const result = await verifyImage(image.layout, image.tag, verifier, policy, {
      onWarning: (w) => warnings.push(w),
    });
    expect(result.signatures).toHaveLength(1);
    expect(warnings).toEqual([
      `skipping ${signatureTag(image.digest)} layer 1: media type text/plain is not a cosign signature`,
    ]);
  });

  it('skips a layer with a malformed bundle annotation and verifies the good one', async () => {
    const image = await realdataLayout('connaisseur-keyless-github-oauth');
    const [good] = await sigLayers(image.layout, image.digest);
    const broken = {
      ...good!,
      annotations: { ...good!.annotations, [COSIGN_ANNOTATIONS.bundle]: '{not json' },
    };
    await rewriteSig(image, [broken, good!]);
    const result = await verifyImage(image.layout, image.tag, verifier, policy);
    expect(result.signatures).toHaveLength(1);
    expect(result.rejected.map((r) => r.error.code)).toEqual(['ERR_MANIFEST_INVALID']);
    expect(result.warnings[0]).toContain('dev.sigstore.cosign/bundle annotation is not JSON');
  });

  it('rejects a layer whose payload blob is missing', async () => {
    const image = await realdataLayout('connaisseur-keyless-github-oauth');
    const [good] = await sigLayers(image.layout, image.digest);
    await rewriteSig(image, [{ ...good!, digest: `sha256:${'9'.repeat(64)}` }]);
    const error = await rejection(verifyImage(image.layout, image.tag, verifier, policy));
    expect(error.code).toBe('ERR_NO_MATCHING_SIGNATURE');
    expect((error.cause as OciError).code).toBe('ERR_BLOB_NOT_FOUND');
  });

  it('rejects a valid signature moved onto another image (payload digest mismatch)', async () => {
    const image = await realdataLayout('connaisseur-keyless-github-oauth');
    const layers = await sigLayers(image.layout, image.digest);
    const other = encoder.encode(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] }));
    const { descriptor } = await image.layout.putManifest(other, OCI_INDEX, 'other');
    await rewriteSig(image, layers, descriptor.digest);
    const error = await rejection(verifyImage(image.layout, 'other', verifier, policy));
    expect(error.code).toBe('ERR_NO_MATCHING_SIGNATURE');
    expect((error.cause as OciError).code).toBe('ERR_PAYLOAD_MISMATCH');
  });

  it('warns about a .sig tag that holds an index, and finds no signatures', async () => {
    const image = await realdataLayout('connaisseur-keyless-github-oauth');
    const junk = encoder.encode(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] }));
    await image.layout.putManifest(junk, OCI_INDEX, signatureTag(image.digest));
    const warnings: string[] = [];
    const error = await rejection(
      verifyImage(image.layout, image.tag, verifier, policy, { onWarning: (w) => warnings.push(w) }),
    );
    expect(error.code).toBe('ERR_NO_SIGNATURES');
    expect(warnings[0]).toContain('is an image index');
  });

  it('checks docker-reference only when asked to', async () => {
    const image = await realdataLayout('connaisseur-keyless-github-oauth');
    await expect(
      verifyImage(image.layout, image.tag, verifier, policy, {
        dockerReference: 'index.docker.io/phbelitz/rekor-test',
      }),
    ).resolves.toBeDefined();
    const error = await rejection(
      verifyImage(image.layout, image.tag, verifier, policy, { dockerReference: 'ghcr.io/someone/else' }),
    );
    expect((error.cause as OciError).code).toBe('ERR_PAYLOAD_MISMATCH');
  });

  it('requires expected annotations, which this signature does not carry', async () => {
    const image = await realdataLayout('connaisseur-keyless-github-oauth');
    const error = await rejection(
      verifyImage(image.layout, image.tag, verifier, policy, { annotations: { env: 'prod' } }),
    );
    expect((error.cause as OciError).message).toBe('the signed claims have no annotation "env"');
  });

  it('reports an unknown tag as ERR_IMAGE_NOT_FOUND', async () => {
    const image = await realdataLayout('connaisseur-keyless-github-oauth');
    expect((await rejection(verifyImage(image.layout, 'missing', verifier, policy))).code).toBe(
      'ERR_IMAGE_NOT_FOUND',
    );
  });
});
