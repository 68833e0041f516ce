import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scratchDir } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { attachCosignLayer } from '../cosign/attach-layer.js';
import { computeDigest } from '../digest/digest.js';
import type { OciError } from '../errors.js';
import { COSIGN_ANNOTATIONS, COSIGN_SIMPLESIGNING, OCI_INDEX, OCI_MANIFEST } from '../media-types.js';
import { openLayout } from './layout-store.js';

const encoder = new TextEncoder();
const tempDir = () => Promise.resolve(scratchDir('keyless-layout-'));
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

describe('openLayout', () => {
  it('creates oci-layout, index.json and blobs/sha256 when asked to', async () => {
    const dir = join(await tempDir(), 'new');
    await openLayout(dir, { create: true });
    expect(JSON.parse(await readFile(join(dir, 'oci-layout'), 'utf8'))).toEqual({
      imageLayoutVersion: '1.0.0',
    });
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'))).toEqual({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [],
    });
  });

  it('refuses a directory that is not a layout', async () => {
    await expect(openLayout(await tempDir())).rejects.toMatchObject({ code: 'ERR_LAYOUT_INVALID' });
  });

  it('stores a tagged manifest as a blob and an index.json entry with ref.name', async () => {
    const layout = await openLayout(await tempDir(), { create: true });
    const { descriptor } = await layout.putManifest(manifest(1), OCI_MANIFEST, 'v1');
    const index = JSON.parse(await readFile(join(layout.dir, 'index.json'), 'utf8'));
    expect(index.manifests).toEqual([
      { ...descriptor, annotations: { 'org.opencontainers.image.ref.name': 'v1' } },
    ]);
    expect(await readFile(join(layout.dir, 'blobs', 'sha256', descriptor.digest.slice(7)))).toEqual(
      Buffer.from(manifest(1)),
    );
  });

  it('moves a tag to the new manifest, keeping other entries', async () => {
    const layout = await openLayout(await tempDir(), { create: true });
    await layout.putManifest(manifest(1), OCI_MANIFEST, 'v1');
    await layout.putManifest(manifest(2), OCI_MANIFEST, 'other');
    const second = await layout.putManifest(manifest(3), OCI_MANIFEST, 'v1');
    expect((await layout.resolve('v1'))?.digest).toBe(second.descriptor.digest);
    expect((await layout.resolve('other'))?.digest).toBe(computeDigest(manifest(2)));
  });

  it('lists an untagged manifest once, so that it stays reachable', async () => {
    const layout = await openLayout(await tempDir(), { create: true });
    await layout.putManifest(manifest(4), OCI_MANIFEST);
    await layout.putManifest(manifest(4), OCI_MANIFEST);
    const index = JSON.parse(await readFile(join(layout.dir, 'index.json'), 'utf8'));
    expect(index.manifests).toHaveLength(1);
  });

  it('answers undefined for an unknown tag or digest', async () => {
    const layout = await openLayout(await tempDir(), { create: true });
    expect(await layout.getManifest('nope')).toBeUndefined();
    expect(await layout.getManifest(computeDigest(manifest(9)))).toBeUndefined();
  });

  it('rejects a blob whose file was tampered with', async () => {
    const layout = await openLayout(await tempDir(), { create: true });
    const { descriptor } = await layout.putManifest(manifest(5), OCI_MANIFEST, 't');
    await writeFile(join(layout.dir, 'blobs', 'sha256', descriptor.digest.slice(7)), manifest(6));
    const error = await layout.getManifest('t').catch((e: unknown) => e);
    expect((error as OciError).code).toBe('ERR_DIGEST_MISMATCH');
  });

  it('caps manifest size', async () => {
    const layout = await openLayout(await tempDir(), { create: true, maxManifestBytes: 100 });
    await layout.putManifest(manifest(7), OCI_MANIFEST, 'big');
    await expect(layout.getManifest('big')).rejects.toMatchObject({ code: 'ERR_MANIFEST_TOO_LARGE' });
  });

  it('has no referrers API (the fallback index is used)', async () => {
    const layout = await openLayout(await tempDir(), { create: true });
    expect(await layout.listReferrers(computeDigest(manifest(1)))).toBeUndefined();
  });

  it('does not add the same signature twice', async () => {
    const layout = await openLayout(await tempDir(), { create: true });
    const tag = `sha256-${'b'.repeat(64)}.sig`;
    const annotations = { [COSIGN_ANNOTATIONS.signature]: Buffer.from('one signature').toString('base64') };
    const first = await attachCosignLayer(
      layout,
      tag,
      encoder.encode('payload'),
      COSIGN_SIMPLESIGNING,
      annotations,
    );
    const again = await attachCosignLayer(
      layout,
      tag,
      encoder.encode('payload'),
      COSIGN_SIMPLESIGNING,
      annotations,
    );
    expect([first.added, again.added]).toEqual([true, false]);
    const sig = await layout.getManifest(tag);
    expect(sig?.parsed.kind === 'manifest' && sig.parsed.manifest.layers).toHaveLength(1);
  });

  it('keeps every signature when six writers append to one .sig tag at once', async () => {
    const dir = await tempDir();
    const writers = await Promise.all(Array.from({ length: 6 }, () => openLayout(dir, { create: true })));
    const tag = `sha256-${'a'.repeat(64)}.sig`;
    await Promise.all(
      writers.map((layout, i) =>
        attachCosignLayer(layout, tag, encoder.encode('payload'), COSIGN_SIMPLESIGNING, {
          [COSIGN_ANNOTATIONS.signature]: Buffer.from(`sig ${i}`).toString('base64'),
        }),
      ),
    );
    const sig = await writers[0]!.getManifest(tag);
    expect(sig?.parsed.kind === 'manifest' && sig.parsed.manifest.layers).toHaveLength(6);
  });
});
