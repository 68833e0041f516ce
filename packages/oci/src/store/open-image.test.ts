import { scratchDir } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { computeDigest } from '../digest/digest.js';
import { openLayout } from '../layout/layout-store.js';
import { OCI_MANIFEST } from '../media-types.js';
import { openImage } from './open-image.js';
import { signatureRepository } from './signature-repository.js';

const encoder = new TextEncoder();
const manifest = (n: number) =>
  encoder.encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: computeDigest(encoder.encode(String(n))),
        size: 1,
      },
      layers: [],
    }),
  );

describe('openImage on a layout', () => {
  it('picks the only image of a layout named without tag or digest, ignoring signature tags', async () => {
    const dir = scratchDir('keyless-open-');
    const layout = await openLayout(dir, { create: true });
    const { descriptor } = await layout.putManifest(manifest(1), OCI_MANIFEST, 'v1');
    await layout.putManifest(manifest(2), OCI_MANIFEST, `sha256-${'a'.repeat(64)}.sig`);
    expect((await openImage(`oci:${dir}`)).lookup).toBe(descriptor.digest);
  });

  it('refuses to guess among several images and lists their tags', async () => {
    const dir = scratchDir('keyless-open-');
    const layout = await openLayout(dir, { create: true });
    await layout.putManifest(manifest(1), OCI_MANIFEST, 'v1');
    await layout.putManifest(manifest(2), OCI_MANIFEST, 'v2');
    await expect(openImage(`oci:${dir}`)).rejects.toThrow(/tags: v1, v2/);
  });

  it('looks a registry reference up by its digest, else its tag', async () => {
    const digest = computeDigest(manifest(3));
    const opened = await openImage(`localhost:5000/app:1.0@${digest}`);
    expect(opened.lookup).toBe(digest);
    expect(opened.store.name).toBe('localhost:5000/app');
    await opened.close();
  });
});

describe('signatureRepository', () => {
  it('is undefined when KEYLESS_REPOSITORY is unset', () => {
    expect(signatureRepository({})).toBeUndefined();
  });

  it('names a registry repository', () => {
    expect(signatureRepository({ KEYLESS_REPOSITORY: 'ghcr.io/acme/signatures' })).toEqual({
      kind: 'registry',
      registry: 'ghcr.io',
      repository: 'acme/signatures',
    });
  });

  it('names a layout directory', () => {
    expect(signatureRepository({ KEYLESS_REPOSITORY: 'oci:/tmp/sigs' })).toEqual({
      kind: 'layout',
      path: '/tmp/sigs',
    });
  });

  it('refuses a tag or digest', () => {
    expect(() => signatureRepository({ KEYLESS_REPOSITORY: 'ghcr.io/acme/signatures:v1' })).toThrow(
      /without tag or digest/,
    );
  });
});
