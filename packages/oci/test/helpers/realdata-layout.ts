import { join } from 'node:path';
import { readRealdata, scratchDir } from '@keyless/testkit';
import {
  COSIGN_SIMPLESIGNING,
  type LayoutStore,
  OCI_IMAGE_CONFIG,
  OCI_MANIFEST,
  openLayout,
  parseManifest,
  signatureImageConfig,
  signatureTag,
} from '../../src/index.js';

/** A real cosign signature from ../shared/realdata/oci, laid out as an OCI image layout. */
export interface RealdataImage {
  layout: LayoutStore;
  /** The signed manifest digest. */
  digest: string;
  /** The image's tag in the layout. */
  tag: string;
}

const encoder = new TextEncoder();

/**
 * Builds an OCI layout in a temporary directory holding a real image manifest (exact bytes, so its
 * digest is the signed one) and its cosign `.sig` manifest. The `.sig` manifest in realdata was
 * pretty-printed by whoever published it; it is re-serialized compactly here (its digest is not
 * signed), with the payload and config blobs it names, which hash to the digests it records.
 */
export async function realdataLayout(
  dir: 'connaisseur-keyless-github-oauth' | 'salrashid123-gha-keyless-index',
): Promise<RealdataImage> {
  const root = scratchDir('keyless-oci-realdata-');
  const layout = await openLayout(join(root, 'layout'), { create: true });
  const imageFile = dir === 'connaisseur-keyless-github-oauth' ? 'image-manifest.json' : 'image-index.json';
  const imageBytes = readRealdata('oci', dir, imageFile);
  const parsed = parseManifest(imageBytes);
  const { descriptor } = await layout.putManifest(imageBytes, parsed.mediaType, 'signed');
  const sig = JSON.parse(readRealdata('oci', dir, 'sig-manifest.json').toString('utf8')) as {
    layers: Array<{ mediaType: string; digest: string }>;
  };
  await layout.putBlob(readRealdata('oci', dir, 'payload.json'), COSIGN_SIMPLESIGNING);
  await layout.putBlob(signatureImageConfig(sig.layers as never), OCI_IMAGE_CONFIG);
  await layout.putManifest(
    encoder.encode(JSON.stringify(sig)),
    OCI_MANIFEST,
    signatureTag(descriptor.digest),
  );
  return { layout, digest: descriptor.digest, tag: 'signed' };
}
